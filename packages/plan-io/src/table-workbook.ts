/**
 * Tables as an Excel workbook: one sheet per table, a title line, a header row and the rows,
 * styled like the plan's sheets and with every text cell neutralised against formulas (the
 * same rule as the CSV writer). For exports that are tables only (consultation statistics and
 * records).
 */
import ExcelJS from "exceljs";
import type { CsvCell } from "./csv.js";
import { neutraliseText, styleTable } from "./workbook.js";

export interface TableSheet {
  /** Sheet name (Excel allows 31 characters and no : \ / ? * [ ]). */
  name: string;
  title: string;
  header: readonly string[];
  rows: readonly (readonly CsvCell[])[];
  /** Column widths in characters; 12 when not given. */
  widths?: readonly number[];
}

export function buildTableWorkbook(sheets: readonly TableSheet[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Tsumugi";
  wb.created = new Date();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name.replace(/[:\\/?*[\]]/g, "・").slice(0, 31));
    const title = ws.addRow([sheet.title]);
    title.font = { bold: true, size: 13 };
    ws.addRow([...sheet.header]);
    for (const row of sheet.rows) ws.addRow(row.map((c) => (c === null || c === undefined ? "" : c)));
    ws.columns = sheet.header.map((_, i) => ({ width: sheet.widths?.[i] ?? 12 }));
    styleTable(ws, 2);
  }
  neutraliseText(wb);
  return wb;
}

export async function tableWorkbookBytes(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  const buffer = await buildTableWorkbook(sheets).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

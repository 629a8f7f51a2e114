/** The professionals' 一覧表 as .xlsx (exceljs), A4 landscape with the header row repeated. */
import { formatTimestamp, type ProfessionalTable, spreadsheetText } from "@tsumugi/domain";
import ExcelJS from "exceljs";

const FONT = { name: "游ゴシック", size: 10 };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE6F0" } };
const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F4F7" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const WIDTHS = [30, 12, 15, 15, 26, 18, 36];

export async function tableWorkbook(
  table: ProfessionalTable,
  municipality: string,
  now: number,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "紡ぎ";
  const ws = wb.addWorksheet(table.title.slice(0, 31));
  const width = table.columns.length;
  ws.addRow([`${municipality} ${table.title}`]);
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
  ws.addRow([`${formatTimestamp(now, { time: false })} 現在`]);
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).font = FONT;
  const header = ws.addRow(table.columns);
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  for (const group of table.groups) {
    const g = ws.addRow([group.label]);
    ws.mergeCells(g.number, 1, g.number, width);
    g.getCell(1).font = { ...FONT, bold: true };
    g.getCell(1).fill = GROUP_FILL;
    g.getCell(1).border = THIN;
    for (const row of group.rows) {
      const r = ws.addRow(row.cells.map((c) => spreadsheetText(c)));
      r.eachCell({ includeEmpty: true }, (cell) => {
        cell.font = FONT;
        cell.border = THIN;
        cell.alignment = { vertical: "top", wrapText: true };
      });
    }
  }
  ws.columns = table.columns.map((_, i) => ({ width: WIDTHS[i] ?? 20 }));
  ws.views = [{ state: "frozen", ySplit: 3 }];
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "3:3",
  };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

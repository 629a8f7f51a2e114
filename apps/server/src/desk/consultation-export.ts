/**
 * Exports of the desk's figures (事業評価): the statistics or the coded records of a 年度, as
 * CSV or xlsx. The export is in the audit log (what, which 年度 and desk, the reason, how many
 * records) before the file is made; records exports hold coded fields only, and only of the
 * desks the caller reads.
 */
import type { CreateExport } from "@tsumugi/contract";
import { fiscalYearLabel, todayInJapan } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import {
  consultationStatistics,
  type ExportTable,
  recordsTable,
  statisticsTables,
} from "./consultation-statistics.js";

export interface ExportFile {
  fileName: string;
  contentType: string;
  data: string | Uint8Array<ArrayBuffer>;
}

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Makes the export `input` asks for, over the desks `deskIds` (those the caller reads). */
export async function exportConsultations(
  app: AppContext,
  caller: Caller,
  input: CreateExport,
  deskIds: readonly string[],
): Promise<ExportFile> {
  const q = app.kysely;
  const wid = caller.workspaceId;
  const workspace = await findWorkspace(q, wid);
  const municipality = workspace ? `${workspace.prefecture} ${workspace.name}` : "";
  let tables: ExportTable[];
  let count: number;
  if (input.kind === "statistics") {
    const stats = await consultationStatistics(q, wid, input.fiscalYear);
    tables = statisticsTables(stats, municipality);
    count = stats.year.total;
  } else {
    const records = await recordsTable(q, wid, input, deskIds, municipality, todayInJapan());
    tables = [records.table];
    count = records.count;
  }
  await app.audit.byCaller(caller, "consultation.exported", null, {
    kind: input.kind,
    format: input.format,
    fiscalYear: input.fiscalYear,
    deskId: input.deskId,
    reason: input.reason,
    ...(input.note ? { note: input.note } : {}),
    count,
  });
  const base = `${input.kind === "statistics" ? "相談統計" : "相談記録"}_${fiscalYearLabel(input.fiscalYear)}`;
  return exportFile(tables, base, input.format);
}

/**
 * The tables as a file named `base`: a CSV holds them one after another (a statistics CSV the
 * month table, then the yearly one after an empty line), a workbook one sheet each.
 */
export async function exportFile(
  tables: readonly ExportTable[],
  base: string,
  format: CreateExport["format"],
): Promise<ExportFile> {
  if (format === "csv") {
    const { toCsv } = await import("@tsumugi/plan-io/csv");
    const [first, ...more] = tables;
    const rows = [[first.title], first.header, ...first.rows];
    for (const t of more) rows.push([], [t.title], t.header, ...t.rows);
    return { fileName: `${base}.csv`, contentType: "text/csv; charset=utf-8", data: toCsv(rows) };
  }
  const { tableWorkbookBytes } = await import("@tsumugi/plan-io");
  const bytes = await tableWorkbookBytes(tables);
  return { fileName: `${base}.xlsx`, contentType: XLSX, data: bytes as Uint8Array<ArrayBuffer> };
}

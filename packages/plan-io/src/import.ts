/**
 * Reading a problem or action table from .xlsx or CSV into plan rows, with a row-by-row error
 * report. Nothing here writes: the caller shows the preview and applies it once the user
 * confirms, and only when there are no errors. Columns are found by their headers (the ones
 * the export writes), so an exported list edited in Excel comes back in.
 */
import {
  type Action,
  BUDGET_MAX,
  FUNDING_SOURCES,
  fromSpreadsheetText,
  type Grade,
  isGrade,
  isId,
  type Problem,
  parseYen,
  TITLE_MAX,
} from "@tsumugi/domain";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { checkXlsxArchive, IMPORT_LIMITS, ImportLimitError } from "./file-limits.js";
import {
  parseActionStatus,
  parseItem,
  parseMonth,
  parseProblemSource,
  parseProblemStatus,
  parseScene,
  splitList,
} from "./labels.js";
import { SHEETS } from "./workbook.js";

export type ImportKind = "actions" | "problems" | "years";

export type CellValue = string | number | Date | null;

export interface ImportIssue {
  /** 1-based row number in the sheet, as Excel shows it. */
  row: number;
  column: string;
  code:
    | "required"
    | "tooLong"
    | "unknownScene"
    | "unknownItem"
    | "unknownGroup"
    | "unknownStatus"
    | "unknownSource"
    | "badProgress"
    | "badWeight"
    | "badMonth"
    | "periodOrder"
    | "badGrade"
    | "badBudget"
    | "unknownFunding";
  value: string;
}

export interface ImportRow<T> {
  row: number;
  /** The id of the existing row it updates, or null for a new row. */
  id: string | null;
  /** Only the fields the file has columns for. */
  values: Partial<T>;
}

export interface ImportPreview<T> {
  kind: ImportKind;
  rows: ImportRow<T>[];
  issues: ImportIssue[];
  /** Set when the file has no recognisable header row. */
  noHeader: boolean;
}

export interface ImportContext {
  groups: readonly { id: string; name: string }[];
  members: readonly { userId: string; name: string }[];
  existingIds: ReadonlySet<string>;
}

const TITLE_HEADER: Record<ImportKind, string> = { actions: "取組", problems: "課題", years: "事業項目" };

function text(value: CellValue): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** Normalises what exceljs gives for a cell (rich text, links, formulas) to a plain value. */
export function plainCell(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  // Our own exports neutralise formula-like text (spreadsheetText): read it back as written.
  if (typeof value === "string") return fromSpreadsheetText(value);
  if (typeof value === "number" || value instanceof Date) return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return plainCell(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

/**
 * The rows of the sheet for `kind` (or the first). The archive is checked before it is
 * inflated and the sheet's extent before its cells are walked (file-limits.ts): a hostile
 * file is refused with an ImportLimitError instead of running for minutes.
 */
export async function readWorkbookRows(
  bytes: ArrayBuffer | Uint8Array,
  kind: ImportKind,
  limits = IMPORT_LIMITS,
): Promise<CellValue[][]> {
  checkXlsxArchive(bytes, limits);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  const ws = wb.getWorksheet(SHEETS[kind]) ?? wb.worksheets[0];
  if (!ws) return [];
  if (ws.rowCount > limits.rows || ws.columnCount > limits.columns)
    throw new ImportLimitError("sheetTooLarge");
  const rows: CellValue[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: CellValue[] = [];
    for (let c = 1; c <= Math.min(limits.columns, Math.max(row.cellCount, ws.columnCount)); c++)
      cells.push(plainCell(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

export function readCsvRows(csv: string): CellValue[][] {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  return parsed.data.map((r) => r.map((c) => (c === "" ? null : fromSpreadsheetText(c))));
}

function findHeader(rows: CellValue[][], kind: ImportKind): number {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const cells = rows[i].map(text);
    if (cells.includes(TITLE_HEADER[kind]) && cells.includes("状況")) return i;
  }
  return -1;
}

/** Reads the rows under the header into column-name → value records. */
function records(rows: CellValue[][], header: number) {
  const names = rows[header].map(text);
  const out: { row: number; get(name: string): CellValue | undefined; has(name: string): boolean }[] = [];
  for (let i = header + 1; i < rows.length; i++) {
    const cells = rows[i];
    if (cells.every((c) => text(c) === "")) continue;
    out.push({
      row: i + 1,
      has: (name) => names.includes(name),
      get: (name) => {
        const index = names.indexOf(name);
        return index < 0 ? undefined : (cells[index] ?? null);
      },
    });
  }
  return out;
}

class RowReader<T> {
  readonly values: Partial<T> = {};
  constructor(
    private readonly rec: ReturnType<typeof records>[number],
    private readonly issues: ImportIssue[],
  ) {}

  private issue(column: string, code: ImportIssue["code"], value: CellValue | undefined): void {
    this.issues.push({ row: this.rec.row, column, code, value: text(value ?? null) });
  }

  /** Runs `read` on the column's value when the file has that column. */
  column(name: string, read: (value: CellValue, fail: (code: ImportIssue["code"]) => void) => void): void {
    if (!this.rec.has(name)) return;
    const value = this.rec.get(name) ?? null;
    read(value, (code) => this.issue(name, code, value));
  }

  set<K extends keyof T>(key: K, value: T[K]): void {
    this.values[key] = value;
  }
}

function listOf<T>(value: CellValue, parse: (s: string) => T | null, fail: () => void): T[] {
  const out: T[] = [];
  for (const part of splitList(text(value))) {
    const v = parse(part);
    if (v === null) fail();
    else if (!out.includes(v)) out.push(v);
  }
  return out;
}

function groupId(ctx: ImportContext, value: CellValue, fail: () => void): string | null {
  const name = text(value);
  if (name === "") return null;
  const group = ctx.groups.find((g) => g.name === name);
  if (!group) fail();
  return group?.id ?? null;
}

function existingId(value: CellValue | undefined, ctx: ImportContext): string | null {
  const id = text(value ?? null);
  return isId(id) && ctx.existingIds.has(id) ? id : null;
}

/** The columns a 課題 and a 取組 share: the title (under its own heading), 内容, 場面, 事業項目. */
function readRowColumns(
  r: RowReader<Pick<Problem & Action, "title" | "detail" | "scenes" | "items">>,
  titleColumn: "課題" | "取組",
): void {
  r.column(titleColumn, (v, fail) => {
    const title = text(v);
    if (title === "") fail("required");
    else if (title.length > TITLE_MAX) fail("tooLong");
    r.set("title", title);
  });
  r.column("内容", (v) => r.set("detail", text(v)));
  r.column("場面", (v, fail) =>
    r.set(
      "scenes",
      listOf(v, parseScene, () => fail("unknownScene")),
    ),
  );
  r.column("事業項目", (v, fail) =>
    r.set(
      "items",
      listOf(v, parseItem, () => fail("unknownItem")),
    ),
  );
}

export function parseActionRows(rows: CellValue[][], ctx: ImportContext): ImportPreview<Action> {
  const header = findHeader(rows, "actions");
  if (header < 0) return { kind: "actions", rows: [], issues: [], noHeader: true };
  const issues: ImportIssue[] = [];
  const out: ImportRow<Action>[] = [];
  for (const rec of records(rows, header)) {
    const r = new RowReader<Action>(rec, issues);
    readRowColumns(r, "取組");
    r.column("目標番号", (v) => r.set("goalCodes", splitList(text(v)).slice(0, 20)));
    r.column("担当グループ", (v, fail) =>
      r.set(
        "ownerGroupId",
        groupId(ctx, v, () => fail("unknownGroup")),
      ),
    );
    r.column("担当者", (v) => {
      // A member's name links the account; anyone else is kept as a name.
      const name = text(v);
      const member = ctx.members.find((m) => m.name === name);
      r.set("ownerUserId", member?.userId ?? null);
      r.set("ownerName", member ? "" : name.slice(0, 100));
    });
    let start: string | null | undefined;
    let end: string | null | undefined;
    r.column("開始", (v, fail) => {
      start = text(v) === "" ? null : parseMonth(v);
      if (start === null && text(v) !== "") fail("badMonth");
    });
    r.column("終了", (v, fail) => {
      end = text(v) === "" ? null : parseMonth(v);
      if (end === null && text(v) !== "") fail("badMonth");
      if (start && end && start > end) fail("periodOrder");
    });
    if (start !== undefined || end !== undefined) r.set("period", { start: start ?? null, end: end ?? null });
    r.column("状況", (v, fail) => {
      const status = parseActionStatus(text(v) || "未着手");
      if (!status) fail("unknownStatus");
      else r.set("status", status);
    });
    r.column("進捗(%)", (v, fail) => {
      const n = text(v) === "" ? 0 : Number(typeof v === "string" ? v.replace(/[%％]/, "") : v);
      if (!Number.isInteger(n) || n < 0 || n > 100) fail("badProgress");
      else r.set("progress", n);
    });
    r.column("重み", (v, fail) => {
      const n = text(v) === "" ? 1 : Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 10) fail("badWeight");
      else r.set("weight", n);
    });
    let grade: Grade | null | undefined;
    let comment: string | undefined;
    r.column("評価", (v, fail) => {
      const g = text(v).normalize("NFKC").toUpperCase().slice(0, 1);
      if (g === "") grade = null;
      else if (isGrade(g)) grade = g;
      else fail("badGrade");
    });
    r.column("評価コメント", (v) => {
      comment = text(v);
    });
    if (grade !== undefined || comment !== undefined)
      r.set("evaluation", { grade: grade ?? null, comment: comment ?? "" });
    r.column("次年度への課題", (v) => r.set("nextStep", text(v)));
    r.column("予算額(円)", (v, fail) => {
      const budget = parseYenCell(v);
      if (budget === undefined) fail("badBudget");
      else r.set("budget", budget);
    });
    r.column("財源", (v, fail) => {
      const source = parseFunding(text(v));
      if (source === undefined) fail("unknownFunding");
      else r.set("fundingSource", source);
    });
    out.push({ row: rec.row, id: existingId(rec.get("ID"), ctx), values: r.values });
  }
  return { kind: "actions", rows: out, issues, noHeader: false };
}

/** 予算額: a number cell, or text as people type it (1,200,000円, 120万円); empty is null. */
function parseYenCell(value: CellValue): number | null | undefined {
  if (typeof value === "number")
    return Number.isInteger(value) && value >= 0 && value <= BUDGET_MAX ? value : undefined;
  return parseYen(text(value));
}

/** 財源: the mark (基金), the bracketed mark (【基金】) or the full name; empty is none. */
function parseFunding(cell: string): Action["fundingSource"] | undefined {
  const s = cell.normalize("NFKC").replace(/[【】[\]\s]/g, "");
  if (s === "") return null;
  return FUNDING_SOURCES.find((f) => f.mark === s || f.label.replace(/\s/g, "") === s || f.id === s)?.id;
}

export function parseProblemRows(rows: CellValue[][], ctx: ImportContext): ImportPreview<Problem> {
  const header = findHeader(rows, "problems");
  if (header < 0) return { kind: "problems", rows: [], issues: [], noHeader: true };
  const issues: ImportIssue[] = [];
  const out: ImportRow<Problem>[] = [];
  for (const rec of records(rows, header)) {
    const r = new RowReader<Problem>(rec, issues);
    readRowColumns(r, "課題");
    r.column("把握の経緯", (v, fail) => {
      const source = parseProblemSource(text(v) || "会議");
      if (!source) fail("unknownSource");
      else r.set("source", source);
    });
    r.column("担当グループ", (v, fail) =>
      r.set(
        "ownerGroupId",
        groupId(ctx, v, () => fail("unknownGroup")),
      ),
    );
    r.column("状況", (v, fail) => {
      const status = parseProblemStatus(text(v) || "未着手");
      if (!status) fail("unknownStatus");
      else r.set("status", status);
    });
    out.push({ row: rec.row, id: existingId(rec.get("ID"), ctx), values: r.values });
  }
  return { kind: "problems", rows: out, issues, noHeader: false };
}

/**
 * CSV files from Excel on Japanese Windows are Shift_JIS (CP932) unless saved as UTF-8:
 * read UTF-8 (with or without BOM) when the bytes are valid UTF-8, Shift_JIS otherwise.
 */
export function decodeCsv(bytes: ArrayBuffer | Uint8Array): string {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return new TextDecoder("shift_jis").decode(data);
  }
}

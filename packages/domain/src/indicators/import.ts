/**
 * Reading indicator values from a spreadsheet (CSV or Excel, as rows of cells): one row per
 * indicator, 年度 and optionally month. Every bad cell is reported with its row and column;
 * the caller writes nothing unless there are none.
 */
import { parseFiscalYear } from "../dates.js";
import type { IndicatorDefinition } from "./catalogue.js";

export type Cell = string | number | Date | null;

export interface ValueRow {
  row: number;
  code: string;
  fiscalYear: number;
  month: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  source: string;
  note: string;
}

export interface ValueIssue {
  row: number;
  column: string;
  code:
    | "unknownCode"
    | "derived"
    | "badNumber"
    | "wrongYear"
    | "badMonth"
    | "notMonthly"
    | "zeroDenominator"
    | "missingValue"
    | "badYesNo"
    | "duplicate";
  value: string;
}

export const VALUE_COLUMNS = [
  "指標コード",
  "指標名",
  "年度",
  "月",
  "値",
  "分子",
  "分母",
  "目標",
  "出典",
  "備考",
] as const;

const text = (c: Cell | undefined) =>
  c === null || c === undefined ? "" : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim();

/** "1,234", "１２３４", "12.5%" → number; "" → null; anything else → NaN. */
export function parseNumber(cell: Cell | undefined): number {
  if (typeof cell === "number") return cell;
  const s = text(cell).normalize("NFKC").replace(/[,\s]/g, "").replace(/%$/, "");
  if (s === "") return Number.NaN;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** A 年度 cell: 2023, "2023年度", "令和5年度", "R5", "Ｒ５" → 2023; anything else → null. */
export function fiscalYearCell(cell: Cell | undefined): number | null {
  return parseFiscalYear(typeof cell === "number" ? cell : text(cell ?? null));
}

export function parseValueRows(
  rows: readonly (readonly Cell[])[],
  catalogue: ReadonlyMap<string, IndicatorDefinition>,
  years: { min: number; max: number },
): { rows: ValueRow[]; issues: ValueIssue[]; noHeader: boolean } {
  const header = rows.findIndex(
    (r, i) => i < 10 && r.map(text).includes("指標コード") && r.map(text).includes("年度"),
  );
  if (header < 0) return { rows: [], issues: [], noHeader: true };
  const names = rows[header].map(text);
  const col = (name: string) => names.indexOf(name);
  const out: ValueRow[] = [];
  const issues: ValueIssue[] = [];
  const seen = new Set<string>();
  for (let i = header + 1; i < rows.length; i++) {
    const cells = rows[i];
    if (cells.every((c) => text(c) === "")) continue;
    const rowNo = i + 1;
    const get = (name: string) => (col(name) < 0 ? undefined : cells[col(name)]);
    const fail = (column: string, code: ValueIssue["code"], value: Cell | undefined) =>
      issues.push({ row: rowNo, column, code, value: text(value ?? null) });
    const number = (name: string): number | null => {
      const raw = get(name);
      if (text(raw ?? null) === "") return null;
      const n = parseNumber(raw);
      if (!Number.isFinite(n)) {
        fail(name, "badNumber", raw);
        return null;
      }
      return n;
    };

    const code = text(get("指標コード") ?? null);
    const definition = catalogue.get(code);
    if (!definition) fail("指標コード", "unknownCode", code);
    else if (definition.derived) fail("指標コード", "derived", code);
    const fiscalYear = fiscalYearCell(get("年度"));
    if (fiscalYear === null || fiscalYear < years.min || fiscalYear > years.max)
      fail("年度", "wrongYear", get("年度"));
    let month: number | null = null;
    const rawMonth = get("月");
    if (text(rawMonth ?? null) !== "") {
      const m = parseNumber(rawMonth);
      if (!Number.isInteger(m) || m < 1 || m > 12) fail("月", "badMonth", rawMonth);
      else if (definition && !definition.monthly) fail("月", "notMonthly", rawMonth);
      else month = m;
    }
    let value: number | null;
    if (definition?.kind === "yesno") {
      const raw = get("値");
      const yn = text(raw ?? null).normalize("NFKC");
      value = ["あり", "有", "○", "1"].includes(yn) ? 1 : ["なし", "無", "×", "0"].includes(yn) ? 0 : null;
      if (value === null && yn !== "") fail("値", "badYesNo", raw);
    } else value = number("値");
    const numerator = number("分子");
    const denominator = number("分母");
    const target = number("目標");
    if (denominator === 0) fail("分母", "zeroDenominator", get("分母"));
    const hasParts = numerator !== null && denominator !== null;
    if (
      value === null &&
      !hasParts &&
      !issues.some(
        (x) => x.row === rowNo && (x.column === "値" || x.column === "分子" || x.column === "分母"),
      )
    )
      fail("値", "missingValue", get("値"));
    const key = `${code}|${fiscalYear}|${month ?? ""}`;
    if (seen.has(key)) fail("指標コード", "duplicate", code);
    seen.add(key);
    out.push({
      row: rowNo,
      code,
      fiscalYear: fiscalYear ?? 0,
      month,
      value,
      numerator,
      denominator,
      target,
      source: text(get("出典") ?? null).slice(0, 200),
      note: text(get("備考") ?? null).slice(0, 1000),
    });
  }
  return { rows: out, issues, noHeader: false };
}

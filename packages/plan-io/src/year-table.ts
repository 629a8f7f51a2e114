/**
 * Reading a multi-year table as municipalities file it (seed 004, 高松市 年次計画): the items
 * (ア)〜(ク) down with 目的 and 国が示す具体的取組例, one column per 年度, each cell that year's
 * actions ("○医療介護情報便利帳の作成 ○【基金】在宅医療コーディネーター養成研修"). The plan of one
 * 年度 takes its own column's actions and the items' 目的 and 取組例; the other years' columns
 * are counted for the preview (their plans take them from their own page). Nothing here writes.
 */
import {
  FUNDING_SOURCES,
  type FundingSource,
  ITEM_NOTE_MAX,
  type ItemId,
  type ItemNote,
  parseFiscalYear,
  TITLE_MAX,
} from "@tsumugi/domain";
import type { CellValue, ImportIssue } from "./import.js";
import { parseItem } from "./labels.js";

export interface YearTableAction {
  /** 1-based row in the sheet. */
  row: number;
  item: ItemId;
  title: string;
  fundingSource: FundingSource | null;
  /** The plan's action with the same title, which gains the item; null for a new action. */
  existingId: string | null;
}

export interface YearTablePreview {
  noHeader: boolean;
  /** The 年度 columns the file has, in order. */
  years: number[];
  /** The plan's 年度 is one of them. */
  hasYear: boolean;
  notes: { row: number; item: ItemId; note: ItemNote }[];
  actions: YearTableAction[];
  /** Actions in the other years' columns (not imported into this plan). */
  otherYears: { fiscalYear: number; count: number }[];
  issues: ImportIssue[];
}

export interface YearTableContext {
  fiscalYear: number;
  existing: readonly { id: string; title: string; items: readonly string[] }[];
}

const text = (v: CellValue | undefined): string =>
  v === null || v === undefined ? "" : v instanceof Date ? "" : String(v).trim();

const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

const PURPOSE = ["目的"];
const EXAMPLES = ["国が示す具体的取組例", "具体的取組例", "取組例"];

/** A 年度 header: 平成26年度, 令和5年度, R5, 2023年度 (a bare 2023 too). */
function yearOf(header: string): number | null {
  const s = norm(header);
  return s === "" ? null : parseFiscalYear(s);
}

/**
 * The actions of a cell: one per line or per ○/◆ mark ("○A ○B" on one line is two; ・ only
 * at a line's start, since titles hold it: 医療・介護), a
 * leading 【基金】-style mark read as the funding source.
 */
export function splitCellActions(cell: string): { title: string; fundingSource: FundingSource | null }[] {
  return cell
    .split(/\n|(?=[○◯●◆■])/)
    .map((s) => s.replace(/^[\s○◯●・◆■]+/, "").trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^[【[]([^】\]]+)[】\]]\s*(.*)$/.exec(s);
      const source = m ? FUNDING_SOURCES.find((f) => f.mark === norm(m[1]))?.id : undefined;
      return source && m ? { title: m[2].trim(), fundingSource: source } : { title: s, fundingSource: null };
    });
}

function findHeader(rows: CellValue[][]): number {
  for (let i = 0; i < Math.min(rows.length, 15); i++) {
    const cells = rows[i].map((c) => norm(text(c)));
    if (cells.some((c) => c === "事業項目") && cells.some((c) => yearOf(c) !== null)) return i;
  }
  return -1;
}

export function parseYearTable(rows: CellValue[][], ctx: YearTableContext): YearTablePreview {
  const empty: YearTablePreview = {
    noHeader: true,
    years: [],
    hasYear: false,
    notes: [],
    actions: [],
    otherYears: [],
    issues: [],
  };
  const header = findHeader(rows);
  if (header < 0) return empty;
  const names = rows[header].map((c) => norm(text(c)));
  const itemCol = names.indexOf("事業項目");
  const purposeCol = names.findIndex((n) => PURPOSE.includes(n));
  const examplesCol = names.findIndex((n) => EXAMPLES.includes(n));
  const yearCols = names.flatMap((n, i) => {
    const fy = i === itemCol || i === purposeCol || i === examplesCol ? null : yearOf(n);
    return fy === null ? [] : [{ fy, col: i }];
  });
  const issues: ImportIssue[] = [];
  const notes: YearTablePreview["notes"] = [];
  const actions: YearTableAction[] = [];
  const other = new Map<number, number>();
  const byTitle = new Map(ctx.existing.map((a) => [norm(a.title), a]));
  const seen = new Set<string>();
  const own = yearCols.find((y) => y.fy === ctx.fiscalYear);

  for (let i = header + 1; i < rows.length; i++) {
    const cells = rows[i];
    if (cells.every((c) => text(c) === "")) continue;
    const row = i + 1;
    const itemText = text(cells[itemCol]);
    const item = parseItem(itemText);
    if (!item) {
      issues.push({ row, column: "事業項目", code: itemText ? "unknownItem" : "required", value: itemText });
      continue;
    }
    const purpose = purposeCol >= 0 ? text(cells[purposeCol]) : "";
    const examples = examplesCol >= 0 ? text(cells[examplesCol]) : "";
    for (const [column, value] of [
      ["目的", purpose],
      ["国が示す具体的取組例", examples],
    ] as const) {
      if (value.length > ITEM_NOTE_MAX)
        issues.push({ row, column, code: "tooLong", value: value.slice(0, 40) });
    }
    if (purpose || examples) notes.push({ row, item, note: { purpose, examples } });
    for (const y of yearCols) {
      const list = splitCellActions(text(cells[y.col]));
      if (y !== own) {
        if (list.length > 0) other.set(y.fy, (other.get(y.fy) ?? 0) + list.length);
        continue;
      }
      for (const a of list) {
        if (a.title.length > TITLE_MAX) {
          issues.push({ row, column: names[y.col], code: "tooLong", value: a.title.slice(0, 40) });
          continue;
        }
        const key = `${item}\u0000${norm(a.title)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const existing = byTitle.get(norm(a.title));
        if (existing?.items.includes(item)) continue;
        actions.push({
          row,
          item,
          title: a.title,
          fundingSource: a.fundingSource,
          existingId: existing?.id ?? null,
        });
      }
    }
  }
  return {
    noHeader: false,
    years: yearCols.map((y) => y.fy),
    hasYear: own !== undefined,
    notes,
    actions,
    otherYears: [...other]
      .map(([fiscalYear, count]) => ({ fiscalYear, count }))
      .sort((a, b) => a.fiscalYear - b.fiscalYear),
    issues,
  };
}

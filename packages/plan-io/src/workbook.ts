/**
 * The plan as the papers a secretariat hands to the committee (計画書), in the layouts our users
 * already file: the cover, the vision, the four scenes (seed 003), the goal list, the item table,
 * the multi-year table (seed 004: items with 目的 and 国が示す具体的取組例 down, 年度 across), the
 * yearly schedule (seed 003: the plan periods over the years above the activities by month),
 * the organisation chart; then the problem and action lists, which import back.
 *
 * Dates are Excel dates with 和暦 formats (not text), every sheet has its print setup (A4 or A3
 * landscape fitted to the width, repeated titles, page numbers in the footer), the working
 * tables have frozen headers and filters, and member text is neutralised (spreadsheetText).
 */
import {
  type Action,
  compareGoalCodes,
  FISCAL_MONTHS,
  FUNDING_SOURCES,
  type FundingSource,
  fiscalYearLabel,
  fundingMark,
  GOAL_TERMS,
  goalResolver,
  ITEMS,
  type ItemId,
  type ItemNote,
  planPeriodLines,
  SCENES,
  type ScheduleEvent,
  sortGoalCodes,
  spreadsheetText,
  weekdayOfIsoDate,
  type YearPlan,
} from "@tsumugi/domain";
import ExcelJS from "exceljs";
import {
  actionStatusLabel,
  itemCell,
  itemTitle,
  LIST_SEPARATOR,
  problemSourceLabel,
  problemStatusLabel,
  sceneLabel,
} from "./labels.js";

export interface YearActions {
  fiscalYear: number;
  actions: { title: string; items: readonly string[]; fundingSource?: FundingSource | null }[];
  /** That year's 目的 and 取組例 per item, when its plan has them. */
  itemNotes?: Partial<Record<ItemId, ItemNote>>;
}

export interface OrgGroup {
  id: string;
  name: string;
  parentId: string | null;
  /** The secretariat's group is drawn beside the committee, not in it. */
  kind?: string;
}

export interface ExportContext {
  /** e.g. 千葉県 流山市 */
  municipality: string;
  groupName(id: string | null): string;
  memberName(id: string | null): string;
  /** The plans of other years, for the multi-year table (this year's is `plan`). */
  years: YearActions[];
  /**
   * The 年度 columns of the multi-year table, inclusive; years without a plan are printed
   * empty (a plan for later years is written before those plans exist). Default: the years
   * that have plans.
   */
  yearRange?: { from: number; to: number };
  /** 作成日 as an ISO date (the cover); default today in Japan. */
  createdOn?: string;
  /** The workspace's groups with their parents, for the organisation chart. */
  groups?: readonly OrgGroup[];
  /**
   * The year's events (研修・啓発) as the screen's 年間予定 shows them, not stored in the plan:
   * each in its linked row, or (rowId null) in a row of its own titled `rowTitle`.
   */
  scheduleEvents?: { rowTitle: string; entries: readonly ScheduleEventEntry[] };
}

/** One event in the 年間予定, in the screen's words (5/25（木） 第30回 介護と医療をつむぐ会). */
export interface ScheduleEventEntry {
  /** The schedule row it is linked to; null: the events' own row. */
  rowId: string | null;
  /** YYYY-MM */
  month: string;
  text: string;
  /** Made up by the demo: marked as on screen. */
  demo: boolean;
}

export const SHEETS = {
  cover: "表紙",
  vision: "理念・めざすべき姿",
  scenes: "4つの場面",
  goals: "目標一覧",
  items: "事業項目表",
  years: "年次計画表",
  schedule: "年間予定",
  org: "組織図",
  problems: "課題一覧",
  actions: "取組一覧",
} as const;

/** The action list's columns, in order; import reads them back by these headers. */
export const ACTION_COLUMNS = [
  "ID",
  "取組",
  "内容",
  "場面",
  "事業項目",
  "目標番号",
  "担当グループ",
  "担当者",
  "開始",
  "終了",
  "状況",
  "進捗(%)",
  "重み",
  "評価",
  "評価コメント",
  "次年度への課題",
  "予算額(円)",
  "財源",
] as const;

export const PROBLEM_COLUMNS = [
  "ID",
  "課題",
  "内容",
  "場面",
  "事業項目",
  "把握の経緯",
  "担当グループ",
  "状況",
  "関連する取組",
] as const;

/** 令和5年7月: a month cell (a real date, the 1st) as officials read it. */
export const MONTH_FORMAT = '[$-411]ggge"年"m"月"';
/** 令和5年5月25日（木） */
export const DATE_FORMAT = '[$-411]ggge"年"m"月"d"日"（aaa）';
export const YEN_FORMAT = '#,##0"円"';

const FONT = { name: "游ゴシック", size: 10 };
/** After a text the demo made up (its goal texts), as the screens badge it. */
export const DEMO_MARK = "（デモ用の例）";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE6F0" } };
const LABEL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const BAR_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2EFDA" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const MEDIUM: Partial<ExcelJS.Borders> = {
  top: { style: "medium" },
  left: { style: "medium" },
  bottom: { style: "medium" },
  right: { style: "medium" },
};
// exceljs types name only some paper sizes; Excel's codes are 9 for A4 and 8 for A3.
const A4 = 9 as ExcelJS.PaperSize;
const A3 = 8 as ExcelJS.PaperSize;

const lines = (values: readonly string[]) => values.join("\n");
const bullets = (values: readonly string[]) => lines(values.map((v) => `・${v}`));

/** Header and footer text is a format of its own: `&` starts a code. */
const headerText = (s: string) => s.replace(/&/g, "&&");

/** "流山市" from "千葉県 流山市". */
function cityOf(municipality: string): string {
  const parts = municipality.trim().split(/\s+/);
  return parts[parts.length - 1] ?? municipality;
}

/** A date cell value for an ISO date: midnight UTC is the day itself in Excel's serials. */
export function excelDate(iso: string): Date {
  return new Date(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10) || 1)),
  );
}

function todayIso(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
}

/** "【基金】在宅医療コーディネーター養成研修" as plan tables print a funded action. */
export function actionLabel(a: { title: string; fundingSource?: FundingSource | null }): string {
  return `${fundingMark(a.fundingSource ?? null)}${a.title}`;
}

interface PrintOptions {
  paper: "A4" | "A3";
  orientation: "portrait" | "landscape";
  /** Rows repeated at the top of every page, e.g. "2:2". */
  titleRows?: string;
  /** Columns repeated at the left of every page, e.g. "A:A". */
  titleColumns?: string;
  footerLeft: string;
}

function printSetup(ws: ExcelJS.Worksheet, o: PrintOptions): void {
  ws.pageSetup = {
    paperSize: o.paper === "A3" ? A3 : A4,
    orientation: o.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(o.titleRows ? { printTitlesRow: o.titleRows } : {}),
    ...(o.titleColumns ? { printTitlesColumn: o.titleColumns } : {}),
  };
  ws.headerFooter = {
    oddFooter: `&L&8${headerText(o.footerLeft)}&C&P / &N&R&8${headerText(ws.name)}`,
  };
}

function titleRow(ws: ExcelJS.Worksheet, title: string, width: number): void {
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, width);
  const cell = ws.getCell(1, 1);
  cell.font = { ...FONT, size: 14, bold: true };
  cell.alignment = { vertical: "middle" };
  ws.getRow(1).height = 24;
}

function styleRange(
  ws: ExcelJS.Worksheet,
  from: number,
  to: number,
  header: number | null,
  columns?: number,
): void {
  const width = columns ?? ws.columnCount;
  for (let n = from; n <= to; n++) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(n, c);
      cell.border = THIN;
      cell.font = n === header ? { ...FONT, bold: true } : FONT;
      cell.alignment = { vertical: n === header ? "middle" : "top", wrapText: true };
      if (n === header) cell.fill = HEADER_FILL;
    }
  }
}

/** A table under its header row: borders, wrapped text, frozen header, A4 landscape fitted to the width. */
export function styleTable(ws: ExcelJS.Worksheet, headerRow: number): void {
  styleRange(ws, headerRow, ws.rowCount, headerRow);
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  ws.pageSetup = { paperSize: A4, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** Row heights for wrapped text (Excel does not grow merged or exported rows by itself). */
function fitRowHeight(row: ExcelJS.Row, widths: readonly number[]): void {
  let linesNeeded = 1;
  row.eachCell((cell, col) => {
    if (typeof cell.value !== "string") return;
    const width = widths[col - 1] ?? 10;
    // A full-width character is about two units of Excel's column width.
    const count = cell.value
      .split("\n")
      .reduce((sum, line) => sum + Math.max(1, Math.ceil((visualLength(line) + 1) / Math.max(1, width))), 0);
    linesNeeded = Math.max(linesNeeded, count);
  });
  row.height = Math.min(409, Math.max(15, linesNeeded * 13.5 + 3));
}

/**
 * The height (points) a wrapped text needs in a cell `width` units wide (Excel's column
 * width, the merged columns summed) at `size` pt, less the left indent's room. 游ゴシック
 * sets its lines about 1.5 times the font size apart.
 */
function wrappedHeight(text: string, width: number, size: number, indent = 0): number {
  const usable = Math.max(1, width - indent * 2 - 1);
  const lines = text
    .split("\n")
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(visualLength(line) / usable)), 0);
  return Math.min(409, lines * Math.ceil(size * 1.5) + 6);
}

function visualLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    // Latin and half-width katakana are one unit wide; kana, kanji and full-width forms two.
    n += code <= 0xff || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
  }
  return n;
}

function widthsOf(ws: ExcelJS.Worksheet): number[] {
  return ws.columns.map((c) => c.width ?? 10);
}

// ---------------------------------------------------------------- 表紙

function coverSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.cover);
  ws.columns = Array.from({ length: 8 }, () => ({ width: 11 }));
  const program = plan.profile.programName.trim() || `${cityOf(ctx.municipality)}在宅医療介護連携推進事業`;
  const place = (row: number, value: ExcelJS.CellValue, size: number, bold = true) => {
    ws.mergeCells(row, 1, row, 8);
    const cell = ws.getCell(row, 1);
    cell.value = value;
    cell.font = { ...FONT, size, bold };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    ws.getRow(row).height = size * 2;
  };
  for (let r = 1; r <= 26; r++) ws.getRow(r).height = 18;
  place(8, fiscalYearLabel(plan.fiscalYear), 24);
  place(9, program, 24);
  place(10, "事業計画", 24);
  place(20, ctx.municipality, 14, false);
  place(21, plan.profile.department.trim(), 14, false);
  place(23, excelDate(ctx.createdOn ?? todayIso()), 14, false);
  ws.getCell(23, 1).numFmt = DATE_FORMAT;
  printSetup(ws, { paper: "A4", orientation: "portrait", footerLeft: ctx.municipality });
  ws.pageSetup.verticalCentered = true;
}

// ---------------------------------------------------------------- 理念・めざすべき姿

function visionSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.vision);
  ws.columns = Array.from({ length: 8 }, () => ({ width: 15 }));
  titleRow(ws, `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 理念・めざすべき姿`, 8);
  ws.mergeCells(3, 1, 3, 8);
  ws.getCell(3, 1).value = "理念・めざすべき姿";
  ws.mergeCells(4, 1, 12, 8);
  const vision = ws.getCell(4, 1);
  vision.value = plan.vision.trim() || "（未記入）";
  vision.font = { ...FONT, size: 16, bold: true };
  vision.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  ws.mergeCells(14, 1, 14, 8);
  ws.getCell(14, 1).value = "4つの場面ごとの目指す姿";
  let row = 15;
  for (const scene of SCENES) {
    ws.mergeCells(row, 1, row, 2);
    ws.getCell(row, 1).value = scene.label;
    ws.mergeCells(row, 3, row, 8);
    ws.getCell(row, 3).value = plan.sceneGoals[scene.id]?.trim() ?? "";
    row++;
  }
  for (const r of [3, 14]) {
    const cell = ws.getCell(r, 1);
    cell.font = { ...FONT, size: 12, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  }
  vision.border = MEDIUM;
  for (let r = 15; r < row; r++) {
    ws.getCell(r, 1).font = { ...FONT, bold: true };
    ws.getCell(r, 1).fill = LABEL_FILL;
    for (const c of [1, 3]) {
      ws.getCell(r, c).border = THIN;
      ws.getCell(r, c).alignment = { vertical: "middle", wrapText: true };
    }
    ws.getRow(r).height = 42;
  }
  for (let r = 4; r <= 12; r++) ws.getRow(r).height = 22;
  printSetup(ws, { paper: "A4", orientation: "landscape", footerLeft: ctx.municipality });
}

// ---------------------------------------------------------------- 4つの場面

function scenesSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.scenes);
  titleRow(
    ws,
    `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 4つの場面ごとの目指す姿・課題・取り組み`,
    5,
  );
  ws.addRow(["", ...SCENES.map((s) => s.label)]);
  const cited = (sceneId: string) =>
    sortGoalCodes([
      ...plan.goals.filter((g) => g.scene === sceneId).map((g) => g.code),
      ...plan.actions.filter((a) => a.scenes.some((s) => s === sceneId)).flatMap((a) => a.goalCodes),
    ]).join(LIST_SEPARATOR);
  ws.addRow(["目指す姿", ...SCENES.map((s) => plan.sceneGoals[s.id]?.trim() ?? "")]);
  ws.addRow([
    "課題",
    ...SCENES.map((s) => bullets(plan.problems.filter((p) => p.scenes.includes(s.id)).map((p) => p.title))),
  ]);
  ws.addRow([
    "取り組み",
    ...SCENES.map((s) => bullets(plan.actions.filter((a) => a.scenes.includes(s.id)).map(actionLabel))),
  ]);
  ws.addRow(["目標番号", ...SCENES.map((s) => cited(s.id))]);
  ws.columns = [{ width: 12 }, ...SCENES.map(() => ({ width: 42 }))];
  styleRange(ws, 2, 6, 2, 5);
  for (let r = 3; r <= 6; r++) {
    const label = ws.getCell(r, 1);
    label.font = { ...FONT, bold: true };
    label.fill = LABEL_FILL;
    label.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    fitRowHeight(ws.getRow(r), widthsOf(ws));
  }
  for (let c = 2; c <= 5; c++) ws.getCell(2, c).alignment = { horizontal: "center", vertical: "middle" };
  ws.views = [{ state: "frozen", ySplit: 2, xSplit: 1 }];
  printSetup(ws, { paper: "A3", orientation: "landscape", titleRows: "2:2", footerLeft: ctx.municipality });
}

// ---------------------------------------------------------------- 目標一覧

function goalsSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.goals);
  titleRow(ws, `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 目標一覧`, 5);
  ws.addRow(["目標番号", "区分", "場面", "目標", "この目標を掲げる事業項目"]);
  const resolve = goalResolver(plan.goals);
  const itemsCiting = (code: string) =>
    ITEMS.filter((i) =>
      plan.actions.some((a) => a.items.includes(i.id) && a.goalCodes.some((c) => resolve(c)?.code === code)),
    )
      .map((i) => itemCell(i.id))
      .join("");
  // Codes the tables cite without a goal of the list are printed too, so the gap shows on paper.
  const missing = sortGoalCodes(plan.actions.flatMap((a) => a.goalCodes).filter((c) => !resolve(c)));
  const rows: ExcelJS.CellValue[][] = [
    ...plan.goals.map((g) => [
      g.code,
      GOAL_TERMS.find((t) => t.id === g.term)?.label ?? "",
      g.scene ? sceneLabel(g.scene) : "",
      g.demo ? `${g.text}${DEMO_MARK}` : g.text,
      itemsCiting(g.code),
    ]),
    ...missing.map((code) => [code, "", "", "（目標の文が未登録です）", ""]),
  ];
  rows.sort((a, b) => compareGoalCodes(String(a[0]), String(b[0])));
  for (const r of rows) ws.addRow(r);
  ws.columns = [{ width: 11 }, { width: 12 }, { width: 16 }, { width: 70 }, { width: 24 }];
  styleTable(ws, 2);
  for (let r = 3; r <= ws.rowCount; r++) {
    ws.getCell(r, 1).alignment = { horizontal: "center", vertical: "top" };
    fitRowHeight(ws.getRow(r), widthsOf(ws));
  }
  if (ws.rowCount > 2) ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: ws.rowCount, column: 5 } };
  printSetup(ws, { paper: "A4", orientation: "landscape", titleRows: "2:2", footerLeft: ctx.municipality });
}

// ---------------------------------------------------------------- 事業項目表

function itemSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.items);
  titleRow(ws, `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 事業項目別の取組`, 4);
  ws.addRow(["事業項目", "取組", "短期目標", "担当"]);
  for (const item of ITEMS) {
    const actions = plan.actions.filter((a) => a.items.includes(item.id));
    ws.addRow([
      itemTitle(item.id),
      bullets(actions.map(actionLabel)),
      sortGoalCodes(actions.flatMap((a) => a.goalCodes)).join(LIST_SEPARATOR),
      [...new Set(actions.map((a) => ctx.groupName(a.ownerGroupId)).filter(Boolean))].join(LIST_SEPARATOR),
    ]);
  }
  ws.columns = [{ width: 28 }, { width: 70 }, { width: 16 }, { width: 24 }];
  styleTable(ws, 2);
  for (let r = 3; r <= ws.rowCount; r++) fitRowHeight(ws.getRow(r), widthsOf(ws));
  printSetup(ws, { paper: "A4", orientation: "landscape", titleRows: "2:2", footerLeft: ctx.municipality });
}

// ---------------------------------------------------------------- 年次計画表

function yearsSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const byYear = new Map<number, YearActions>();
  for (const y of ctx.years) byYear.set(y.fiscalYear, y);
  byYear.set(plan.fiscalYear, {
    fiscalYear: plan.fiscalYear,
    actions: plan.actions,
    itemNotes: plan.itemNotes,
  });
  const known = [...byYear.keys()].sort((a, b) => a - b);
  const from = ctx.yearRange?.from ?? known[0];
  const to = ctx.yearRange?.to ?? known[known.length - 1];
  const years: number[] = [];
  for (let fy = from; fy <= to && years.length < 30; fy++) years.push(fy);

  const width = 3 + years.length;
  const ws = wb.addWorksheet(SHEETS.years);
  titleRow(ws, `${ctx.municipality} 在宅医療・介護連携推進事業 年次計画`, width);
  ws.addRow(["事業項目", "目的", "国が示す具体的取組例", ...years.map(fiscalYearLabel)]);
  // 目的 and 取組例 as this year's plan states them, else the latest year that has them.
  const noteOf = (item: ItemId, field: keyof ItemNote): string => {
    const own = plan.itemNotes[item]?.[field]?.trim();
    if (own) return own;
    for (const fy of [...known].reverse()) {
      const text = byYear.get(fy)?.itemNotes?.[item]?.[field]?.trim();
      if (text) return text;
    }
    return "";
  };
  for (const item of ITEMS) {
    ws.addRow([
      itemTitle(item.id),
      noteOf(item.id, "purpose"),
      noteOf(item.id, "examples"),
      ...years.map((fy) =>
        lines(
          (byYear.get(fy)?.actions ?? [])
            .filter((a) => a.items.includes(item.id))
            .map((a) => `○${actionLabel(a)}`),
        ),
      ),
    ]);
  }
  ws.columns = [{ width: 20 }, { width: 40 }, { width: 36 }, ...years.map(() => ({ width: 34 }))];
  styleTable(ws, 2);
  for (let c = 4; c <= width; c++) ws.getCell(2, c).alignment = { horizontal: "center", vertical: "middle" };
  for (let r = 3; r <= ws.rowCount; r++) fitRowHeight(ws.getRow(r), widthsOf(ws));
  ws.views = [{ state: "frozen", ySplit: 2, xSplit: 1 }];
  printSetup(ws, {
    paper: "A3",
    orientation: "landscape",
    titleRows: "2:2",
    titleColumns: "A:A",
    footerLeft: ctx.municipality,
  });
}

// ---------------------------------------------------------------- 年間予定

/** The 年度 columns of the period grid: every period's years, around this year, at most 10. */
function periodYears(plan: YearPlan): number[] {
  if (plan.planPeriods.length === 0) return [];
  const fy = plan.fiscalYear;
  const lo = Math.max(fy - 5, Math.min(fy, ...plan.planPeriods.map((p) => p.startFiscalYear)));
  const hi = Math.min(lo + 9, Math.max(fy, ...plan.planPeriods.map((p) => p.endFiscalYear)));
  const out: number[] = [];
  for (let y = lo; y <= hi; y++) out.push(y);
  return out;
}

/**
 * A month cell: one dated event without a label is a real date shown with its 曜日 (5/25（木）);
 * events with labels are text as the seed prints them (a number too wide for its column
 * would show as ### in Excel, and text wraps).
 */
function monthCell(events: readonly ScheduleEvent[]): { value: ExcelJS.CellValue; numFmt?: string } {
  if (events.length === 1 && events[0].when.length === 10 && events[0].label.trim() === "") {
    return { value: excelDate(events[0].when), numFmt: '[$-411]m"/"d"（"aaa"）"' };
  }
  return { value: lines(events.map(eventText)) };
}

function eventText(e: ScheduleEvent): string {
  return e.when.length === 10
    ? `${Number(e.when.slice(5, 7))}/${Number(e.when.slice(8, 10))}（${weekdayOfIsoDate(e.when)}） ${e.label}`.trim()
    : e.label;
}

/** Where the month grid's header row is on the 年間予定 sheet (the period grid sits above it). */
export interface ScheduleLayout {
  periodHeaderRow: number | null;
  monthHeaderRow: number;
}

function scheduleSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): ScheduleLayout {
  const ws = wb.addWorksheet(SHEETS.schedule);
  ws.columns = [{ width: 22 }, ...FISCAL_MONTHS.map(() => ({ width: 13 }))];
  titleRow(ws, `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 年間予定`, 13);
  const fy = plan.fiscalYear;
  let row = 3;
  let periodHeaderRow: number | null = null;

  // The plan periods over the years (seed 003: 地域福祉計画 第3期, 第4期 …), 事業評価 markers.
  const years = periodYears(plan);
  if (years.length > 0) {
    periodHeaderRow = row;
    ws.getCell(row, 1).value = "計画期間";
    years.forEach((y, i) => {
      ws.getCell(row, 2 + i).value = fiscalYearLabel(y);
    });
    styleRange(ws, row, row, row, 1 + years.length);
    for (let c = 1; c <= 1 + years.length; c++) ws.getCell(row, c).alignment = { horizontal: "center" };
    row++;
    for (const line of planPeriodLines(plan.planPeriods)) {
      const markers = line.periods.flatMap((p) => p.milestones).filter((m) => years.includes(m.fiscalYear));
      const barRow = row;
      ws.getCell(barRow, 1).value = line.label;
      for (let c = 1; c <= 1 + years.length; c++) ws.getCell(barRow, c).border = THIN;
      for (const p of line.periods) {
        const a = years.indexOf(Math.max(p.startFiscalYear, years[0]));
        const b = years.indexOf(Math.min(p.endFiscalYear, years[years.length - 1]));
        if (a < 0 || b < 0 || a > b) continue;
        if (b > a) ws.mergeCells(barRow, 2 + a, barRow, 2 + b);
        const cell = ws.getCell(barRow, 2 + a);
        cell.value = line.label === p.name ? "" : p.name;
        cell.fill = BAR_FILL;
        cell.alignment = { horizontal: "center", vertical: "middle" };
        cell.border = THIN;
      }
      row++;
      if (markers.length > 0) {
        ws.mergeCells(barRow, 1, row, 1);
        for (let c = 2; c <= 1 + years.length; c++) ws.getCell(row, c).border = THIN;
        for (const m of markers) {
          const cell = ws.getCell(row, 2 + years.indexOf(m.fiscalYear));
          const before = typeof cell.value === "string" && cell.value ? `${cell.value}\n` : "";
          cell.value = `${before}◆${m.label}`;
          cell.font = { ...FONT, color: { argb: "FFC00000" } };
          cell.alignment = { horizontal: "right", vertical: "middle", wrapText: true };
          // A long marker wraps in its year's column: the line grows to hold it.
          const width = ws.getColumn(2 + years.indexOf(m.fiscalYear)).width ?? 10;
          ws.getRow(row).height = Math.max(
            ws.getRow(row).height ?? 15,
            wrappedHeight(cell.value, width, FONT.size),
          );
        }
        row++;
      }
      const label = ws.getCell(barRow, 1);
      label.font = { ...FONT, bold: true };
      label.alignment = { vertical: "middle", wrapText: true };
      label.border = THIN;
      label.fill = LABEL_FILL;
    }
    row++;
  }

  // 全体会検討事項, as seed 003 puts it between the two grids.
  const topics = plan.profile.plenaryTopics.trim();
  if (topics) {
    ws.getCell(row, 1).value = "全体会検討事項";
    ws.getCell(row, 1).font = { ...FONT, bold: true };
    ws.getCell(row, 1).alignment = { vertical: "top" };
    ws.mergeCells(row, 2, row, 13);
    ws.getCell(row, 2).value = topics;
    ws.getCell(row, 2).alignment = { vertical: "top", wrapText: true };
    const across = Array.from({ length: 12 }, (_, i) => ws.getColumn(i + 2).width ?? 10).reduce(
      (a, b) => a + b,
      0,
    );
    ws.getRow(row).height = Math.max(18, wrappedHeight(topics, across, FONT.size));
    row += 2;
  }

  // The activities by month, April → March.
  const yearRow = row;
  ws.getCell(yearRow, 2).value = fiscalYearLabel(fy);
  ws.mergeCells(yearRow, 2, yearRow, 13);
  ws.getCell(yearRow + 1, 1).value = "活動";
  FISCAL_MONTHS.forEach((m, i) => {
    ws.getCell(yearRow + 1, 2 + i).value = `${m}月`;
  });
  ws.mergeCells(yearRow, 1, yearRow + 1, 1);
  row = yearRow + 2;
  // Events (研修・啓発) first in a cell, as on screen; those linked to no row get their own.
  const entries = ctx.scheduleEvents?.entries ?? [];
  const rowIds = new Set(plan.scheduleRows.map((r) => r.id));
  const entriesOf = (rowId: string | null, month: string) =>
    entries
      .filter((e) => (rowId === null ? e.rowId === null || !rowIds.has(e.rowId) : e.rowId === rowId))
      .filter((e) => e.month === month)
      // The mark on a line of its own, as the screen puts the badge under the words.
      .map((e) => (e.demo ? `${e.text}\n${DEMO_MARK}` : e.text));
  for (const r of plan.scheduleRows) {
    ws.getCell(row, 1).value = r.activity;
    FISCAL_MONTHS.forEach((m, i) => {
      const month = `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`;
      const trainings = entriesOf(r.id, month);
      const events = plan.scheduleEvents.filter((e) => e.rowId === r.id && e.when.startsWith(month));
      if (events.length === 0 && trainings.length === 0) return;
      const { value, numFmt }: { value: ExcelJS.CellValue; numFmt?: string } =
        trainings.length === 0
          ? monthCell(events)
          : { value: lines([...trainings, ...events.map(eventText)]) };
      const cell = ws.getCell(row, 2 + i);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
    });
    row++;
  }
  const unlinked = FISCAL_MONTHS.map((m) =>
    entriesOf(null, `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`),
  );
  if (ctx.scheduleEvents && unlinked.some((l) => l.length > 0)) {
    ws.getCell(row, 1).value = ctx.scheduleEvents.rowTitle;
    unlinked.forEach((l, i) => {
      if (l.length > 0) ws.getCell(row, 2 + i).value = lines(l);
    });
    row++;
  }
  styleRange(ws, yearRow, row - 1, null, 13);
  for (const r of [yearRow, yearRow + 1]) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { ...FONT, bold: true };
      cell.fill = HEADER_FILL;
      cell.alignment = { horizontal: "center", vertical: "middle" };
    });
  }
  for (let r = yearRow + 2; r < row; r++) {
    ws.getCell(r, 1).font = { ...FONT, bold: true };
    fitRowHeight(ws.getRow(r), widthsOf(ws));
  }
  ws.views = [{ state: "frozen", ySplit: yearRow + 1, xSplit: 1 }];
  printSetup(ws, {
    paper: "A4",
    orientation: "landscape",
    titleRows: `${yearRow}:${yearRow + 1}`,
    footerLeft: ctx.municipality,
  });
  return { periodHeaderRow, monthHeaderRow: yearRow + 1 };
}

// ---------------------------------------------------------------- 組織図

/** The 組織図's columns: connectors and indents (A–D), the boxes (to E), a gap, the side boxes (G). */
const ORG_WIDTHS = [4, 6, 6, 6, 40, 4, 44];

function orgSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.org);
  ws.columns = ORG_WIDTHS.map((width) => ({ width }));
  titleRow(ws, `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 組織図`, 7);
  const profile = plan.profile;
  const program = profile.programName.trim() || `${cityOf(ctx.municipality)}在宅医療介護連携推進事業`;

  const box = (row: number, col: number, title: string, note = "", bold = true) => {
    ws.mergeCells(row, col, row, 5);
    const cell = ws.getCell(row, col);
    cell.value = note ? `${title}\n${note}` : title;
    cell.font = { ...FONT, bold, size: bold ? 11 : 10 };
    cell.alignment = { vertical: "middle", horizontal: "left", wrapText: true, indent: 1 };
    cell.border = MEDIUM;
    // The box is as tall as its words wrapped in its merged width (at least two lines' room).
    const width = ORG_WIDTHS.slice(col - 1, 5).reduce((a, b) => a + b, 0);
    const size = bold ? 11 : 10;
    ws.getRow(row).height = Math.max(
      ws.getRow(row).height ?? 0,
      wrappedHeight(String(cell.value), width, size, 1),
      26,
    );
  };
  const connector = (row: number, col: number) => {
    const cell = ws.getCell(row, col);
    cell.value = "└";
    cell.alignment = { horizontal: "right", vertical: "middle" };
    cell.font = { ...FONT, size: 12 };
  };

  let row = 3;
  box(row, 1, program);
  row += 2;
  const committeeRow = row;
  box(
    row,
    1,
    profile.committeeName.trim() || `${cityOf(ctx.municipality)}在宅医療介護連携会議`,
    profile.committeeRole.trim(),
  );
  row++;

  // The committee's bodies (全体会 → 部会 → 班) from the groups and their parents.
  const groups = (ctx.groups ?? []).filter((g) => g.kind !== "secretariat");
  const ids = new Set(groups.map((g) => g.id));
  const children = (parent: string | null) =>
    groups.filter((g) =>
      parent === null ? g.parentId === null || !ids.has(g.parentId) : g.parentId === parent,
    );
  const plenary = groups.find((g) => g.kind === "plenary" || g.name.includes("全体会"));
  const plenaryRole = profile.plenaryRole.trim();
  let depthOffset = 0;
  if (!plenary && plenaryRole) {
    connector(row, 1);
    box(row, 2, "全体会", plenaryRole);
    row++;
    depthOffset = 1;
  }
  const walk = (parent: string | null, depth: number, seen: Set<string>) => {
    for (const g of children(parent)) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      const col = Math.min(4, 2 + depth + depthOffset);
      connector(row, col - 1);
      box(row, col, g.name, g.id === plenary?.id ? plenaryRole : "", depth < 2);
      row++;
      walk(g.id, depth + 1, seen);
    }
  };
  walk(null, 0, new Set());

  // 事務局 and the member bodies beside the committee.
  const side = (r: number, title: string, body: string) => {
    const cell = ws.getCell(r, 7);
    cell.value = body ? `${title}\n${body}` : title;
    cell.font = { ...FONT, bold: false };
    cell.alignment = { vertical: "top", wrapText: true, indent: 1 };
    cell.border = MEDIUM;
  };
  const office = profile.department.trim() || ctx.municipality;
  side(committeeRow, "事務局", office);
  ws.getRow(committeeRow).height = Math.max(
    ws.getRow(committeeRow).height ?? 0,
    wrappedHeight(`事務局\n${office}`, ORG_WIDTHS[6], FONT.size, 1),
    40,
  );
  const bodies = profile.bodies
    .split("\n")
    .map((b) => b.replace(/^[・\s]+/, "").trim())
    .filter(Boolean);
  if (bodies.length > 0) {
    const start = committeeRow + 2;
    const end = Math.max(start, row - 1, start + Math.ceil(bodies.length / 2));
    ws.mergeCells(start, 7, end, 7);
    side(start, "構成団体（職能団体）", bullets(bodies));
    const needed = wrappedHeight(`構成団体（職能団体）\n${bullets(bodies)}`, ORG_WIDTHS[6], FONT.size, 1);
    const have = Array.from({ length: end - start + 1 }, (_, i) => ws.getRow(start + i).height ?? 15).reduce(
      (a, b) => a + b,
      0,
    );
    if (have < needed) ws.getRow(end).height = (ws.getRow(end).height ?? 15) + needed - have;
    row = Math.max(row, end + 1);
  }
  printSetup(ws, { paper: "A4", orientation: "landscape", footerLeft: ctx.municipality });
}

// ---------------------------------------------------------------- working tables

function workingTable(ws: ExcelJS.Worksheet, columns: number, ctx: ExportContext): void {
  styleTable(ws, 2);
  // The ID column is hidden: the key that brings edits back to their rows.
  ws.views = [{ state: "frozen", ySplit: 2, xSplit: 2 }];
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, ws.rowCount), column: columns } };
  printSetup(ws, {
    paper: "A3",
    orientation: "landscape",
    titleRows: "2:2",
    footerLeft: ctx.municipality,
  });
}

function problemSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.problems);
  titleRow(ws, `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 課題一覧`, PROBLEM_COLUMNS.length);
  ws.addRow([...PROBLEM_COLUMNS]);
  const actionTitle = new Map(plan.actions.map((a) => [a.id, a.title]));
  for (const p of plan.problems) {
    ws.addRow([
      p.id,
      p.title,
      p.detail,
      p.scenes.map(sceneLabel).join(LIST_SEPARATOR),
      p.items.map((i) => itemCell(i)).join(LIST_SEPARATOR),
      problemSourceLabel(p.source),
      ctx.groupName(p.ownerGroupId),
      problemStatusLabel(p.status),
      lines(p.actionIds.map((id) => actionTitle.get(id) ?? "").filter(Boolean)),
    ]);
  }
  ws.columns = [
    { width: 14, hidden: true },
    { width: 40 },
    { width: 40 },
    { width: 18 },
    { width: 14 },
    { width: 12 },
    { width: 20 },
    { width: 14 },
    { width: 40 },
  ];
  workingTable(ws, PROBLEM_COLUMNS.length, ctx);
}

const monthValue = (point: string | null): Date | null => (point ? excelDate(point.slice(0, 7)) : null);

function actionSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.actions);
  titleRow(ws, `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 取組一覧`, ACTION_COLUMNS.length);
  ws.addRow([...ACTION_COLUMNS]);
  for (const a of plan.actions) {
    ws.addRow([
      a.id,
      a.title,
      a.detail,
      a.scenes.map(sceneLabel).join(LIST_SEPARATOR),
      a.items.map((i) => itemCell(i)).join(LIST_SEPARATOR),
      sortGoalCodes(a.goalCodes).join(LIST_SEPARATOR),
      ctx.groupName(a.ownerGroupId),
      a.ownerUserId ? ctx.memberName(a.ownerUserId) : a.ownerName,
      monthValue(a.period.start),
      monthValue(a.period.end),
      actionStatusLabel(a.status),
      a.progress,
      a.weight,
      a.evaluation.grade ?? "",
      a.evaluation.comment,
      a.nextStep,
      a.budget,
      fundingLabel(a),
    ]);
  }
  ws.columns = [
    { width: 14, hidden: true },
    { width: 40 },
    { width: 36 },
    { width: 18 },
    { width: 12 },
    { width: 12 },
    { width: 20 },
    { width: 12 },
    { width: 13 },
    { width: 13 },
    { width: 9 },
    { width: 8 },
    { width: 6 },
    { width: 6 },
    { width: 30 },
    { width: 30 },
    { width: 14 },
    { width: 14 },
  ];
  ws.getColumn(9).numFmt = MONTH_FORMAT;
  ws.getColumn(10).numFmt = MONTH_FORMAT;
  ws.getColumn(17).numFmt = YEN_FORMAT;
  workingTable(ws, ACTION_COLUMNS.length, ctx);
}

const fundingLabel = (a: Action) => FUNDING_SOURCES.find((f) => f.id === a.fundingSource)?.mark ?? "";

export function buildPlanWorkbook(plan: YearPlan, ctx: ExportContext): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Tsumugi";
  wb.created = new Date();
  coverSheet(wb, plan, ctx);
  visionSheet(wb, plan, ctx);
  scenesSheet(wb, plan, ctx);
  goalsSheet(wb, plan, ctx);
  itemSheet(wb, plan, ctx);
  yearsSheet(wb, plan, ctx);
  scheduleSheet(wb, plan, ctx);
  orgSheet(wb, plan, ctx);
  problemSheet(wb, plan, ctx);
  actionSheet(wb, plan, ctx);
  neutraliseText(wb);
  return wb;
}

/**
 * Every text cell as `spreadsheetText` writes it: titles, details, names and comments come
 * from members, and text starting with = + - @ must stay text in Excel (also after someone
 * edits the cell). Numbers and dates are left alone. The import reads such cells back as
 * they were.
 */
export function neutraliseText(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value !== "string") return;
        const safe = spreadsheetText(cell.value);
        if (safe !== cell.value) cell.value = safe;
      });
    });
  });
}

export async function planWorkbookBytes(plan: YearPlan, ctx: ExportContext): Promise<Uint8Array> {
  const buffer = await buildPlanWorkbook(plan, ctx).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

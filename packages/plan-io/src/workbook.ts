/**
 * The plan as an Excel workbook, in the layouts our users already file: the item table, the
 * multi-year table (seed 004: items down, 年度 across), the yearly schedule (seed 003:
 * activities down, 4月〜3月 across) and the problem and action lists (which import back).
 */
import {
  FISCAL_MONTHS,
  fiscalYearLabel,
  ITEMS,
  type ScheduleEvent,
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
  monthLabel,
  problemSourceLabel,
  problemStatusLabel,
  sceneLabel,
} from "./labels.js";

export interface YearActions {
  fiscalYear: number;
  actions: { title: string; items: string[] }[];
}

export interface ExportContext {
  /** e.g. 千葉県 流山市 */
  municipality: string;
  groupName(id: string | null): string;
  memberName(id: string | null): string;
  /** The plans of all years, for the multi-year table (this year included or not). */
  years: YearActions[];
}

export const SHEETS = {
  items: "事業項目表",
  years: "年次計画表",
  schedule: "年間予定",
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

const FONT = { name: "游ゴシック", size: 10 };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE6F0" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function titleRow(ws: ExcelJS.Worksheet, title: string, width: number): void {
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, width);
  const cell = ws.getCell(1, 1);
  cell.font = { ...FONT, size: 14, bold: true };
  cell.alignment = { vertical: "middle" };
  ws.getRow(1).height = 24;
}

export function styleTable(ws: ExcelJS.Worksheet, headerRow: number): void {
  ws.eachRow((row, n) => {
    if (n < headerRow) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN;
      cell.font = n === headerRow ? { ...FONT, bold: true } : FONT;
      cell.alignment = { vertical: "top", wrapText: true };
      if (n === headerRow) cell.fill = HEADER_FILL;
    });
  });
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  ws.pageSetup = { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

const lines = (values: readonly string[]) => values.join("\n");

function itemSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.items);
  titleRow(ws, `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 事業項目別の取組`, 4);
  ws.addRow(["事業項目", "取組", "目標番号", "担当"]);
  for (const item of ITEMS) {
    const actions = plan.actions.filter((a) => a.items.includes(item.id));
    ws.addRow([
      itemTitle(item.id),
      lines(actions.map((a) => `・${a.title}`)),
      [...new Set(actions.flatMap((a) => a.goalCodes))].join(LIST_SEPARATOR),
      [...new Set(actions.map((a) => ctx.groupName(a.ownerGroupId)).filter(Boolean))].join(LIST_SEPARATOR),
    ]);
  }
  ws.columns = [{ width: 28 }, { width: 70 }, { width: 16 }, { width: 24 }];
  styleTable(ws, 2);
}

function yearsSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const years = [...ctx.years.filter((y) => y.fiscalYear !== plan.fiscalYear), { ...plan }].sort(
    (a, b) => a.fiscalYear - b.fiscalYear,
  );
  const ws = wb.addWorksheet(SHEETS.years);
  titleRow(ws, `${ctx.municipality} 在宅医療・介護連携推進事業 年次計画`, years.length + 1);
  ws.addRow(["事業項目", ...years.map((y) => fiscalYearLabel(y.fiscalYear))]);
  for (const item of ITEMS) {
    ws.addRow([
      itemTitle(item.id),
      ...years.map((y) =>
        lines(y.actions.filter((a) => a.items.includes(item.id)).map((a) => `○${a.title}`)),
      ),
    ]);
  }
  ws.columns = [{ width: 28 }, ...years.map(() => ({ width: 36 }))];
  styleTable(ws, 2);
}

function eventText(e: ScheduleEvent): string {
  return e.when.length === 10
    ? `${Number(e.when.slice(5, 7))}/${Number(e.when.slice(8, 10))}（${weekdayOfIsoDate(e.when)}） ${e.label}`
    : e.label;
}

function scheduleSheet(wb: ExcelJS.Workbook, plan: YearPlan, ctx: ExportContext): void {
  const ws = wb.addWorksheet(SHEETS.schedule);
  titleRow(ws, `${fiscalYearLabel(plan.fiscalYear)} ${ctx.municipality} 年間予定`, 13);
  ws.addRow(["", fiscalYearLabel(plan.fiscalYear)]);
  ws.mergeCells(2, 2, 2, 13);
  ws.addRow(["活動", ...FISCAL_MONTHS.map((m) => `${m}月`)]);
  ws.mergeCells(2, 1, 3, 1);
  ws.getCell(2, 1).value = "活動";
  const fy = plan.fiscalYear;
  for (const row of plan.scheduleRows) {
    ws.addRow([
      row.activity,
      ...FISCAL_MONTHS.map((m) => {
        const month = `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`;
        return lines(
          plan.scheduleEvents.filter((e) => e.rowId === row.id && e.when.startsWith(month)).map(eventText),
        );
      }),
    ]);
  }
  ws.columns = [{ width: 16 }, ...FISCAL_MONTHS.map(() => ({ width: 13 }))];
  styleTable(ws, 2);
  ws.getRow(3).eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
  });
  ws.getCell(2, 2).alignment = { horizontal: "center" };
  ws.views = [{ state: "frozen", ySplit: 3, xSplit: 1 }];
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
  styleTable(ws, 2);
}

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
      a.goalCodes.join(LIST_SEPARATOR),
      ctx.groupName(a.ownerGroupId),
      a.ownerUserId ? ctx.memberName(a.ownerUserId) : a.ownerName,
      monthLabel(a.period.start),
      monthLabel(a.period.end),
      actionStatusLabel(a.status),
      a.progress,
      a.weight,
      a.evaluation.grade ?? "",
      a.evaluation.comment,
      a.nextStep,
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
  ];
  styleTable(ws, 2);
}

export function buildPlanWorkbook(plan: YearPlan, ctx: ExportContext): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Tsumugi";
  wb.created = new Date();
  itemSheet(wb, plan, ctx);
  yearsSheet(wb, plan, ctx);
  scheduleSheet(wb, plan, ctx);
  problemSheet(wb, plan, ctx);
  actionSheet(wb, plan, ctx);
  neutraliseText(wb);
  return wb;
}

/**
 * Every text cell as `spreadsheetText` writes it: titles, details, names and comments come
 * from members, and text starting with = + - @ must stay text in Excel (also after someone
 * edits the cell). Numbers are left alone. The import reads such cells back as they were.
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

import { type Action, emptyYearPlan, newAction, orderKeysAfter, type YearPlan } from "@tsumugi/domain";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { decodeCsv, parseActionRows, parseProblemRows, readCsvRows, readWorkbookRows } from "./import.js";
import { monthLabel, parseMonth } from "./labels.js";
import { type ExportContext, planWorkbookBytes, SHEETS } from "./workbook.js";

const keys = orderKeysAfter(null, 10);
const action = (fields: Partial<Action>): Action =>
  newAction([], { id: "action000001", order: keys[0], ...fields });

const plan: YearPlan = {
  ...emptyYearPlan(2023),
  actions: [
    action({
      id: "action000001",
      order: keys[0],
      title: "消防との情報交換の実施",
      scenes: ["emergency"],
      items: ["b", "c"],
      goalCodes: ["3-①"],
      ownerGroupId: "group0000001",
      period: { start: "2023-07", end: "2023-07" },
      status: "done",
      progress: 100,
      evaluation: { grade: "A", comment: "救急隊と顔の見える関係ができた" },
    }),
    action({
      id: "action000002",
      order: keys[1],
      title: "市民公開講座の開催",
      scenes: ["daily", "endOfLife"],
      items: ["g"],
      ownerUserId: "user00000001",
      period: { start: "2023-06", end: "2024-03" },
      status: "inProgress",
      progress: 40,
    }),
  ],
  problems: [
    {
      id: "problem00001",
      order: keys[0],
      title: "救急現場での情報不足",
      detail: "",
      scenes: ["emergency"],
      items: [],
      source: "meeting",
      ownerGroupId: "group0000001",
      status: "resolved",
      actionIds: ["action000001"],
    },
  ],
  scheduleRows: [{ id: "schedrow0001", order: keys[0], activity: "連携会議", actionIds: [] }],
  scheduleEvents: [
    { id: "event0000001", rowId: "schedrow0001", when: "2023-05-25", label: "第1回" },
    { id: "event0000002", rowId: "schedrow0001", when: "2024-01", label: "第4回（日程調整中）" },
  ],
};

const ctx: ExportContext = {
  municipality: "千葉県 流山市",
  groupName: (id) => (id === "group0000001" ? "多職種連携・体制構築部会" : ""),
  memberName: (id) => (id === "user00000001" ? "小林 由紀" : ""),
  years: [{ fiscalYear: 2022, actions: [{ title: "職能紹介の実施", items: ["d"] }] }],
};
const importCtx = {
  groups: [{ id: "group0000001", name: "多職種連携・体制構築部会" }],
  members: [{ userId: "user00000001", name: "小林 由紀" }],
  existingIds: new Set(["action000001", "action000002"]),
};

async function exported(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await planWorkbookBytes(plan, ctx)) as unknown as ArrayBuffer);
  return wb;
}

describe("plan workbook", () => {
  it("has the papers' sheets in order, then the working tables", async () => {
    const wb = await exported();
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEETS));
    expect(wb.getWorksheet(SHEETS.items)?.getCell("A1").value).toBe(
      "令和5年度 千葉県 流山市 事業項目別の取組",
    );
  });

  it("writes the item table: one row per item with its actions, goal codes and groups", async () => {
    const ws = (await exported()).getWorksheet(SHEETS.items) as ExcelJS.Worksheet;
    expect(ws.getRow(2).values).toEqual([undefined, "事業項目", "取組", "短期目標", "担当"]);
    const itemB = ws.getRow(4);
    expect(itemB.getCell(1).value).toBe("（イ） 在宅医療・介護連携の課題の抽出と対応策の検討");
    expect(itemB.getCell(2).value).toBe("・消防との情報交換の実施");
    expect(itemB.getCell(3).value).toBe("3-①");
    expect(itemB.getCell(4).value).toBe("多職種連携・体制構築部会");
    expect(ws.getRow(9).getCell(2).value).toBe("・市民公開講座の開催");
    expect(ws.getColumn(2).width).toBe(70);
    expect(ws.getCell("B4").alignment?.wrapText).toBe(true);
  });

  it("writes the multi-year table with years across, as in the 年次計画", async () => {
    const ws = (await exported()).getWorksheet(SHEETS.years) as ExcelJS.Worksheet;
    expect(ws.getRow(2).values).toEqual([
      undefined,
      "事業項目",
      "目的",
      "国が示す具体的取組例",
      "令和4年度",
      "令和5年度",
    ]);
    expect(ws.getRow(6).getCell(4).value).toBe("○職能紹介の実施");
    expect(ws.getRow(4).getCell(5).value).toBe("○消防との情報交換の実施");
  });

  it("writes the schedule grid April→March with a merged 年度 header", async () => {
    const ws = (await exported()).getWorksheet(SHEETS.schedule) as ExcelJS.Worksheet;
    expect(ws.getCell("B3").value).toBe("令和5年度");
    expect(ws.getCell("M3").isMerged).toBe(true);
    expect(ws.getRow(4).getCell(2).value).toBe("4月");
    expect(ws.getRow(4).getCell(13).value).toBe("3月");
    expect(ws.getRow(5).getCell(1).value).toBe("連携会議");
    expect(ws.getRow(5).getCell(3).value).toBe("5/25（木） 第1回");
    expect(ws.getRow(5).getCell(11).value).toBe("第4回（日程調整中）");
  });

  it("round-trips the action and problem lists through import", async () => {
    const bytes = await planWorkbookBytes(plan, ctx);
    const actions = parseActionRows(await readWorkbookRows(bytes, "actions"), importCtx);
    expect(actions.issues).toEqual([]);
    expect(actions.rows.map((r) => r.id)).toEqual(["action000001", "action000002"]);
    expect(actions.rows[0].values).toMatchObject({
      title: "消防との情報交換の実施",
      scenes: ["emergency"],
      items: ["b", "c"],
      goalCodes: ["3-①"],
      ownerGroupId: "group0000001",
      period: { start: "2023-07", end: "2023-07" },
      status: "done",
      progress: 100,
      evaluation: { grade: "A", comment: "救急隊と顔の見える関係ができた" },
    });
    expect(actions.rows[1].values).toMatchObject({
      ownerUserId: "user00000001",
      scenes: ["daily", "endOfLife"],
    });
    const problems = parseProblemRows(await readWorkbookRows(bytes, "problems"), {
      ...importCtx,
      existingIds: new Set(),
    });
    expect(problems.rows[0]).toMatchObject({
      id: null,
      values: { title: "救急現場での情報不足", status: "resolved" },
    });
  });
});

describe("import errors", () => {
  it("reports every bad cell with its row and column, in the sheet's numbering", () => {
    const csv = [
      "取組,場面,事業項目,担当グループ,開始,終了,状況,進捗(%)",
      "研修会の開催,日常,カ,専門職研修班,2023-06,2023-04,実施中,50",
      ",急変,ケ,,令和5年4月,令和6年3月,終わった,120",
      "出前講座,看取り,（キ）,,2023/5,R6.3,完了,100",
    ].join("\n");
    const preview = parseActionRows(readCsvRows(csv), importCtx);
    expect(preview.issues).toEqual([
      { row: 2, column: "担当グループ", code: "unknownGroup", value: "専門職研修班" },
      { row: 2, column: "終了", code: "periodOrder", value: "2023-04" },
      { row: 3, column: "取組", code: "required", value: "" },
      { row: 3, column: "場面", code: "unknownScene", value: "急変" },
      { row: 3, column: "事業項目", code: "unknownItem", value: "ケ" },
      { row: 3, column: "状況", code: "unknownStatus", value: "終わった" },
      { row: 3, column: "進捗(%)", code: "badProgress", value: "120" },
    ]);
    expect(preview.rows[2].values).toMatchObject({
      title: "出前講座",
      scenes: ["endOfLife"],
      items: ["g"],
      period: { start: "2023-05", end: "2024-03" },
      status: "done",
    });
  });

  it("says so when there is no header row", () => {
    expect(parseActionRows(readCsvRows("a,b\n1,2"), importCtx).noHeader).toBe(true);
  });
});

describe("CSV encodings", () => {
  it("reads UTF-8 with or without BOM, and Shift_JIS as Excel saves it on Japanese Windows", () => {
    const utf8 = new TextEncoder().encode("取組,状況\n研修会,実施中\n");
    expect(decodeCsv(utf8)).toBe("取組,状況\n研修会,実施中\n");
    // "取組,状況" in Shift_JIS.
    const sjis = new Uint8Array([0x8e, 0xe6, 0x91, 0x67, 0x2c, 0x8f, 0xf3, 0x8b, 0xb5]);
    expect(decodeCsv(sjis)).toBe("取組,状況");
    expect(readCsvRows(decodeCsv(sjis))).toEqual([["取組", "状況"]]);
  });
});

describe("months", () => {
  it("reads the ways officials write a month and prints 和暦", () => {
    expect(parseMonth("2023-04")).toBe("2023-04");
    expect(parseMonth("2023年4月")).toBe("2023-04");
    expect(parseMonth("令和元年5月")).toBe("2019-05");
    expect(parseMonth("H30.4")).toBe("2018-04");
    expect(parseMonth(new Date(Date.UTC(2024, 2, 1)))).toBe("2024-03");
    expect(parseMonth("2023-13")).toBeNull();
    expect(monthLabel("2019-04")).toBe("平成31年4月");
    expect(monthLabel("2019-05")).toBe("令和元年5月");
  });
});

describe("formula-like text in the workbook", () => {
  const hostile: YearPlan = {
    ...plan,
    actions: [
      action({
        title: '=HYPERLINK("https://evil.example","研修")',
        detail: "-2+3",
        evaluation: { grade: null, comment: "@SUM(A1)" },
        nextStep: "+81-3-1234",
        progress: 40,
      }),
    ],
  };

  it("is written as text an edit cannot turn into a formula, numbers as numbers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planWorkbookBytes(hostile, ctx)) as unknown as ArrayBuffer);
    const row = (wb.getWorksheet(SHEETS.actions) as ExcelJS.Worksheet).getRow(3);
    expect(row.getCell(2).value).toBe('\'=HYPERLINK("https://evil.example","研修")');
    expect(row.getCell(3).value).toBe("'-2+3");
    expect(row.getCell(12).value).toBe(40);
    expect(row.getCell(15).value).toBe("'@SUM(A1)");
    expect(row.getCell(16).value).toBe("'+81-3-1234");
    // The item and multi-year tables show it too, with their own prefix (・, ○): safe already.
    const items = wb.getWorksheet(SHEETS.items) as ExcelJS.Worksheet;
    for (let r = 1; r <= items.rowCount; r++) {
      for (const v of items.getRow(r).values as unknown[]) {
        if (typeof v === "string") expect(v).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it("imports back as it was typed", async () => {
    const bytes = await planWorkbookBytes(hostile, ctx);
    const actions = parseActionRows(await readWorkbookRows(bytes, "actions"), importCtx);
    expect(actions.issues).toEqual([]);
    expect(actions.rows[0].values).toMatchObject({
      title: '=HYPERLINK("https://evil.example","研修")',
      detail: "-2+3",
      evaluation: { grade: null, comment: "@SUM(A1)" },
      nextStep: "+81-3-1234",
    });
  });
});

import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { type CellValue, readCsvRows, readWorkbookRows } from "./import.js";
import { parseYearTable, splitCellActions } from "./year-table.js";

// The 高松市 年次計画 (seed 004) as filed: items with 目的 and 取組例, 年度 across.
const HEADER = ["事業項目", "目的", "国が示す具体的取組例", "平成26年度", "平成27年度", "平成28年度"];
const ROWS: CellValue[][] = [
  ["高松市在宅医療・介護連携推進事業年次計画"],
  [],
  HEADER,
  [
    "ア 地域の医療・介護の資源の把握",
    "①市区町村が現状を把握し、施策の立案等に活用する。",
    "◆地域の医療機関の分布、医療機関を把握し、リスト・マップ化 ◆結果を関係者間で共有",
    null,
    "○医療・薬局・介護サービス等の情報を1か所で集約できるシステムづくりに関する情報収集 ○掲載情報の調査、配布先の検討等",
    "○医療介護情報便利帳(仮称)の作成・配布",
  ],
  [
    "オ 在宅医療・介護連携に関する相談支援",
    "在宅医療・介護連携を支援する相談窓口を設置する。",
    "",
    "○専門医受診等の判断",
    "○【基金】在宅医療コーディネーター養成研修を実施",
    "",
  ],
  ["ケ 存在しない項目", "", "", "", "○何か", ""],
];

describe("the multi-year table (004) import", () => {
  it("splits a cell into actions at each ○ and reads 【基金】 as the funding source", () => {
    expect(splitCellActions("○A、B ○【基金】C\n・医療・介護の研修")).toEqual([
      { title: "A、B", fundingSource: null },
      { title: "C", fundingSource: "fund" },
      { title: "医療・介護の研修", fundingSource: null },
    ]);
  });

  it("takes the plan's own 年度 column, the items' 目的 and 取組例, and counts the other years", () => {
    const preview = parseYearTable(ROWS, {
      fiscalYear: 2015,
      existing: [{ id: "action000001", title: "掲載情報の調査、配布先の検討等", items: [] }],
    });
    expect(preview.noHeader).toBe(false);
    expect(preview.years).toEqual([2014, 2015, 2016]);
    expect(preview.hasYear).toBe(true);
    expect(preview.notes.map((n) => [n.item, n.note.purpose.slice(0, 6)])).toEqual([
      ["a", "①市区町村が"],
      ["e", "在宅医療・介"],
    ]);
    expect(preview.actions).toEqual([
      {
        row: 4,
        item: "a",
        title: "医療・薬局・介護サービス等の情報を1か所で集約できるシステムづくりに関する情報収集",
        fundingSource: null,
        existingId: null,
      },
      {
        row: 4,
        item: "a",
        title: "掲載情報の調査、配布先の検討等",
        fundingSource: null,
        existingId: "action000001",
      },
      {
        row: 5,
        item: "e",
        title: "在宅医療コーディネーター養成研修を実施",
        fundingSource: "fund",
        existingId: null,
      },
    ]);
    expect(preview.otherYears).toEqual([
      { fiscalYear: 2014, count: 1 },
      { fiscalYear: 2016, count: 1 },
    ]);
    expect(preview.issues).toEqual([
      { row: 6, column: "事業項目", code: "unknownItem", value: "ケ 存在しない項目" },
    ]);
  });

  it("says when the file has no column for the plan's 年度, or no header", () => {
    const preview = parseYearTable(ROWS, { fiscalYear: 2023, existing: [] });
    expect(preview.hasYear).toBe(false);
    expect(preview.actions).toEqual([]);
    expect(parseYearTable(readCsvRows("a,b\n1,2"), { fiscalYear: 2023, existing: [] }).noHeader).toBe(true);
  });

  it("reads the 年次計画表 sheet of a workbook, as the papers export writes it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表紙").addRow(["令和5年度"]);
    const ws = wb.addWorksheet("年次計画表");
    ws.addRow(["千葉県 流山市 在宅医療・介護連携推進事業 年次計画"]);
    ws.addRow(["事業項目", "目的", "国が示す具体的取組例", "令和5年度", "令和6年度"]);
    ws.addRow([
      "（キ） 地域住民への普及啓発",
      "住民が在宅療養を理解する",
      "",
      "○市民公開講座の開催\n○出前講座",
      "",
    ]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const preview = parseYearTable(await readWorkbookRows(bytes, "years"), {
      fiscalYear: 2023,
      existing: [],
    });
    expect(preview.actions.map((a) => [a.item, a.title])).toEqual([
      ["g", "市民公開講座の開催"],
      ["g", "出前講座"],
    ]);
    expect(preview.notes[0].note.purpose).toBe("住民が在宅療養を理解する");
  });
});

import { describe, expect, it } from "vitest";
import { STARTER_CATALOGUE } from "./catalogue.js";
import { fiscalYearCell, parseNumber, parseValueRows } from "./import.js";

const catalogue = new Map(STARTER_CATALOGUE.map((d) => [d.code, d]));
const header = ["指標コード", "指標名", "年度", "月", "値", "分子", "分母", "目標", "出典", "備考"];

describe("indicator value import", () => {
  it("reads numbers and years the ways spreadsheets hold them", () => {
    expect(parseNumber("1,234")).toBe(1234);
    expect(parseNumber("１２．５%")).toBe(12.5);
    expect(parseNumber("十二")).toBeNaN();
    expect(fiscalYearCell("令和5年度")).toBe(2023);
    expect(fiscalYearCell("R元")).toBe(2019);
    expect(fiscalYearCell("Ｒ５")).toBe(2023);
    expect(fiscalYearCell("令和五年度")).toBe(2023);
    expect(fiscalYearCell("H30")).toBe(2018);
    expect(fiscalYearCell("2023年度")).toBe(2023);
    expect(fiscalYearCell("２０２３")).toBe(2023);
    expect(fiscalYearCell(2022)).toBe(2022);
    expect(fiscalYearCell(2022.5)).toBeNull();
    expect(fiscalYearCell("来年")).toBeNull();
  });

  it("accepts good rows and reports every bad cell with row and column", () => {
    const rows = [
      ["令和5年度 指標"],
      header,
      ["O01", "自宅死の割合", "令和5年度", "", "", "137", "1052", "15", "人口動態統計", ""],
      ["S01", "", "2023", "", "14", "", "", "", "", ""],
      ["X99", "", "2023", "", "1", "", "", "", "", ""],
      ["P09", "", "2023", "", "5", "", "", "", "", ""],
      ["S04", "", "2051", "", "abc", "", "", "", "", ""],
      ["P03", "", "2023", "13", "20", "", "", "", "", ""],
      ["S04", "", "2023", "4", "3", "", "", "", "", ""],
      ["O02", "", "2023", "", "", "5", "0", "", "", ""],
      ["S06", "", "2023", "", "あり", "", "", "", "", ""],
      ["S07", "", "2023", "", "", "", "", "", "", ""],
      ["S01", "", "R5", "", "15", "", "", "", "", ""],
      // 相談件数 is counted from the desk's records, like meetings held.
      ["P06", "", "2023", "5", "20", "", "", "", "", ""],
    ];
    const result = parseValueRows(rows, catalogue, { min: 2000, max: 2027 });
    expect(result.noHeader).toBe(false);
    expect(result.issues).toEqual([
      { row: 5, column: "指標コード", code: "unknownCode", value: "X99" },
      { row: 6, column: "指標コード", code: "derived", value: "P09" },
      { row: 7, column: "年度", code: "wrongYear", value: "2051" },
      { row: 7, column: "値", code: "badNumber", value: "abc" },
      { row: 8, column: "月", code: "badMonth", value: "13" },
      { row: 9, column: "月", code: "notMonthly", value: "4" },
      { row: 10, column: "分母", code: "zeroDenominator", value: "0" },
      { row: 12, column: "値", code: "missingValue", value: "" },
      { row: 13, column: "指標コード", code: "duplicate", value: "S01" },
      { row: 14, column: "指標コード", code: "derived", value: "P06" },
    ]);
    expect(result.rows[0]).toMatchObject({
      code: "O01",
      fiscalYear: 2023,
      numerator: 137,
      denominator: 1052,
      target: 15,
      source: "人口動態統計",
    });
    expect(result.rows.find((r) => r.code === "S06")?.value).toBe(1);
  });

  it("says when there is no header row", () => {
    expect(parseValueRows([["a", "b"]], catalogue, { min: 2000, max: 2030 }).noHeader).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import {
  fiscalYearEra,
  fiscalYearLabel,
  fiscalYearLabelWithWestern,
  fiscalYearOf,
  fiscalYearOfIsoDate,
  fiscalYearRange,
  warekiDate,
} from "./fiscal-year.js";

describe("fiscalYearLabel", () => {
  it.each([
    [2019, "令和元年度"],
    [2018, "平成30年度"],
    [2020, "令和2年度"],
    [2023, "令和5年度"],
    [2026, "令和8年度"],
    [1989, "平成元年度"],
    [1988, "昭和63年度"],
    [1926, "大正15年度"],
    [1927, "昭和2年度"],
  ])("labels FY%i as %s", (fy, label) => {
    expect(fiscalYearLabel(fy)).toBe(label);
  });

  it("gives the era and number separately", () => {
    expect(fiscalYearEra(2024)).toEqual({ era: "令和", year: 6 });
  });

  it("prints both forms", () => {
    expect(fiscalYearLabelWithWestern(2023)).toBe("令和5年度（2023年度）");
  });

  it("rejects fractional and too old years", () => {
    expect(() => fiscalYearLabel(2019.5)).toThrow(RangeError);
    expect(() => fiscalYearLabel(1900)).toThrow(RangeError);
  });
});

describe("fiscal year boundaries at 1 April", () => {
  it.each([
    ["2023-03-31", 2022],
    ["2023-04-01", 2023],
    ["2024-03-31", 2023],
    ["2024-01-15", 2023],
    ["2019-04-30", 2019],
  ])("%s belongs to FY%i", (iso, fy) => {
    expect(fiscalYearOfIsoDate(iso)).toBe(fy);
    const [y, m, d] = iso.split("-").map(Number);
    expect(fiscalYearOf(new Date(y, m - 1, d, 12))).toBe(fy);
  });

  it("gives the first and last day", () => {
    expect(fiscalYearRange(2023)).toEqual({ start: "2023-04-01", end: "2024-03-31" });
  });

  it("rejects non-dates", () => {
    expect(() => fiscalYearOfIsoDate("2023/04/01")).toThrow(RangeError);
  });
});

describe("warekiDate", () => {
  it("uses the era in force on the day", () => {
    expect(warekiDate("2023-05-25")).toBe("令和5年5月25日");
    expect(warekiDate("2019-04-30")).toBe("平成31年4月30日");
    expect(warekiDate("2019-05-01")).toBe("令和元年5月1日");
    expect(warekiDate("1989-01-07")).toBe("昭和64年1月7日");
    expect(warekiDate("1989-01-08")).toBe("平成元年1月8日");
  });
});

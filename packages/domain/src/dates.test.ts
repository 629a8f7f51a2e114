import { describe, expect, it } from "vitest";
import {
  fiscalYearHint,
  formatIsoDate,
  formatMonthOrDate,
  formatTimeRange,
  formatTimestamp,
  japanDateTime,
  parseFiscalYear,
  weekdayOfIsoDate,
} from "./dates.js";

describe("formatIsoDate", () => {
  it.each([
    ["2023-05-25", "令和5年5月25日（木）"],
    ["2023-07-31", "令和5年7月31日（月）"],
    // Era boundaries: the last day of 平成 and the first of 令和 (元年).
    ["2019-04-30", "平成31年4月30日（火）"],
    ["2019-05-01", "令和元年5月1日（水）"],
    ["2020-01-01", "令和2年1月1日（水）"],
    ["1989-01-07", "昭和64年1月7日（土）"],
    ["1989-01-08", "平成元年1月8日（日）"],
    ["2024-02-29", "令和6年2月29日（木）"],
    ["2026-03-31", "令和8年3月31日（火）"],
  ])("writes %s as %s", (iso, text) => {
    expect(formatIsoDate(iso)).toBe(text);
  });

  it("can leave the weekday out", () => {
    expect(formatIsoDate("2023-05-25", { weekday: false })).toBe("令和5年5月25日");
  });

  it("reads the date part of a date-time and rejects what is not a date", () => {
    expect(formatIsoDate("2023-05-25T14:00")).toBe("令和5年5月25日（木）");
    expect(() => formatIsoDate("25/05/2023")).toThrow(RangeError);
    expect(() => weekdayOfIsoDate("")).toThrow(RangeError);
  });
});

describe("formatMonthOrDate", () => {
  it("writes months and dates of plan periods", () => {
    expect(formatMonthOrDate("2023-10")).toBe("令和5年10月");
    expect(formatMonthOrDate("2019-05")).toBe("令和元年5月");
    expect(formatMonthOrDate("2019-04")).toBe("平成31年4月");
    expect(formatMonthOrDate("2023-10-05")).toBe("令和5年10月5日（木）");
  });
});

describe("timestamps in Japan time", () => {
  it("uses Japan's date whatever the machine's zone", () => {
    // 2023-05-24T15:30Z is 25 May 00:30 in Japan.
    const ms = Date.UTC(2023, 4, 24, 15, 30);
    expect(japanDateTime(ms)).toEqual({ date: "2023-05-25", time: "00:30" });
    expect(formatTimestamp(ms)).toBe("令和5年5月25日（木）00:30");
    expect(formatTimestamp(ms, { time: false })).toBe("令和5年5月25日（木）");
  });

  it("crosses the era boundary at midnight Japan time", () => {
    expect(formatTimestamp(Date.UTC(2019, 3, 30, 14, 59))).toBe("平成31年4月30日（火）23:59");
    expect(formatTimestamp(Date.UTC(2019, 3, 30, 15, 0))).toBe("令和元年5月1日（水）00:00");
  });
});

describe("formatTimeRange", () => {
  it("writes a meeting's time as on a notice", () => {
    expect(formatTimeRange("2023-05-25T14:00", "2023-05-25T16:00")).toBe("令和5年5月25日（木）14:00〜16:00");
    expect(formatTimeRange("2023-05-25T14:00", null)).toBe("令和5年5月25日（木）14:00");
    expect(formatTimeRange("2023-05-25T14:00")).toBe("令和5年5月25日（木）14:00");
  });

  it("dates an end on another day", () => {
    expect(formatTimeRange("2023-05-25T14:00", "2023-05-26T10:00")).toBe(
      "令和5年5月25日（木）14:00〜令和5年5月26日（金）10:00",
    );
  });
});

describe("parseFiscalYear", () => {
  it.each([
    ["令和8", 2026],
    ["令和8年度", 2026],
    ["令和８年度", 2026],
    ["R8", 2026],
    ["r8", 2026],
    ["Ｒ８", 2026],
    ["R.8", 2026],
    ["R08", 2026],
    [" 令和 8 年度 ", 2026],
    ["令和八年度", 2026],
    ["平成三十年度", 2018],
    ["平成三十一年度", 2019],
    ["令和十年度", 2028],
    ["令和元年度", 2019],
    ["令和元", 2019],
    ["R1", 2019],
    ["平成31年度", 2019],
    ["平成30年度", 2018],
    ["H30", 2018],
    ["平成元年度", 1989],
    ["昭和63年度", 1988],
    ["S63", 1988],
    ["大正2年度", 1913],
    ["2026", 2026],
    ["２０２６", 2026],
    ["2026年度", 2026],
    ["２０２６年度", 2026],
    ["FY2026", 2026],
  ])("reads %s as %i", (text, fy) => {
    expect(parseFiscalYear(text)).toBe(fy);
  });

  it.each([
    [""],
    ["8"],
    ["令和"],
    ["令和0年度"],
    ["平成32年度"],
    ["昭和65"],
    ["大正16"],
    ["大正元年度"],
    ["1900"],
    ["20266"],
    ["令和八八年度"],
    ["平成三十二年度"],
    ["R8年度x"],
    ["明治45"],
  ])("refuses %j", (text) => {
    expect(parseFiscalYear(text)).toBeNull();
  });

  it("gives the label to show beside the input", () => {
    expect(fiscalYearHint("R8")).toBe("令和8年度（2026年度）");
    expect(fiscalYearHint("2019")).toBe("令和元年度（2019年度）");
    expect(fiscalYearHint("平成31")).toBe("令和元年度（2019年度）");
    expect(fiscalYearHint("x")).toBeNull();
  });
});

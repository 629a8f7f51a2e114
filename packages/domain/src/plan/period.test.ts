import { describe, expect, it } from "vitest";
import { isPeriodOver, isPeriodPoint, lastDayOf, periodTouchesMonth, shiftPeriodOneYear } from "./period.js";

describe("action periods", () => {
  it("accepts months and real dates only", () => {
    expect(["2023-04", "2024-02-29", "2023-12-31"].every(isPeriodPoint)).toBe(true);
    expect(["2023-13", "2023-02-29", "2023-4", "令和5年4月", 202304].some(isPeriodPoint)).toBe(false);
  });

  it("treats a month-level end as the month's last day", () => {
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
    expect(isPeriodOver({ start: "2023-04", end: "2023-06" }, "2023-06-30")).toBe(false);
    expect(isPeriodOver({ start: "2023-04", end: "2023-06" }, "2023-07-01")).toBe(true);
    expect(isPeriodOver({ start: "2023-04", end: null }, "2030-01-01")).toBe(false);
  });

  it("knows which months a period touches and shifts into the next 年度", () => {
    const p = { start: "2023-10-15", end: "2024-01" };
    expect(["2023-09", "2023-10", "2024-01", "2024-02"].map((m) => periodTouchesMonth(p, m))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(shiftPeriodOneYear({ start: "2024-02-29", end: "2024-03" })).toEqual({
      start: "2025-02-28",
      end: "2025-03",
    });
  });
});

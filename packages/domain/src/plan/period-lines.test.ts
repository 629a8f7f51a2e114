import { describe, expect, it } from "vitest";
import { planPeriodLines } from "./period-lines.js";
import type { PlanPeriod } from "./plan-schema.js";

const period = (id: string, name: string, series: string, start: number, end: number): PlanPeriod => ({
  id,
  order: id,
  name,
  series,
  startFiscalYear: start,
  endFiscalYear: end,
  milestones: [],
});

describe("plan period lines", () => {
  it("puts a plan's terms on one line, a period without a plan on its own, an overlapping term apart, a later one back on the plan's line", () => {
    const lines = planPeriodLines([
      period("a", "第3期", "地域福祉計画", 2019, 2020),
      period("b", "在宅医療介護連携推進事業", "", 2019, 2025),
      period("c", "第4期", "地域福祉計画", 2021, 2025),
      period("d", "第4期（改定）", "地域福祉計画", 2024, 2026),
      period("e", "第5期", "地域福祉計画", 2026, 2030),
    ]);
    expect(lines.map((l) => [l.label, l.series, l.periods.map((p) => p.id)])).toEqual([
      ["地域福祉計画", true, ["a", "c", "e"]],
      ["在宅医療介護連携推進事業", false, ["b"]],
      ["地域福祉計画", true, ["d"]],
    ]);
  });
});

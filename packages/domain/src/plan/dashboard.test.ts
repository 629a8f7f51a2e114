import { describe, expect, it } from "vitest";
import { nextMonth, planDashboard } from "./dashboard.js";
import { emptyYearPlan } from "./plan-read.js";
import { action, problem, testId } from "./test-rows.js";

describe("planDashboard", () => {
  const rowId = testId();
  const plan = {
    ...emptyYearPlan(2023),
    actions: [
      action({ scenes: ["daily"], items: ["f"], progress: 50, weight: 2, ownerGroupId: "grouptraining" }),
      action({ scenes: ["daily", "endOfLife"], items: ["g"], status: "done", progress: 0 }),
      action({ scenes: ["emergency"], status: "notStarted", period: { start: "2023-05", end: "2023-09" } }),
      action({ scenes: ["emergency"], status: "cancelled", progress: 90 }),
    ],
    problems: [problem({ status: "open" }), problem({ status: "open" }), problem({ status: "resolved" })],
    scheduleRows: [{ id: rowId, order: "a0", activity: "連携会議", actionIds: [] }],
    scheduleEvents: [
      { id: testId(), rowId, when: "2023-11-15", label: "第3回" },
      { id: testId(), rowId, when: "2023-12", label: "つむぐ会" },
      { id: testId(), rowId, when: "2024-01-25", label: "第4回" },
    ],
  };
  const d = planDashboard(plan, "2023-11-20");

  it("rolls progress up by scene with weights; done counts 100, cancelled not at all", () => {
    const daily = d.byScene.find((r) => r.key === "daily");
    // (50×2 + 100×1) / 3
    expect(daily?.progress).toBeCloseTo(200 / 3);
    expect(daily?.actions).toBe(2);
    expect(daily?.done).toBe(1);
    expect(d.byScene.map((r) => r.key)).toEqual(["daily", "emergency", "endOfLife"]);
    expect(d.overall.actions).toBe(3);
  });

  it("groups by owner group, '' for none", () => {
    expect(d.byGroup.map((r) => r.key).sort()).toEqual(["", "grouptraining"]);
  });

  it("lists overdue and unstarted actions", () => {
    expect(d.overdue.map((a) => a.periodEnd)).toEqual(["2023-09"]);
    expect(d.unstarted).toHaveLength(1);
  });

  it("counts problems by status and finds this and next month's events", () => {
    expect(d.problemsByStatus.open).toBe(2);
    expect(d.problemsByStatus.resolved).toBe(1);
    expect(d.eventsThisMonth.map((e) => e.label)).toEqual(["第3回"]);
    expect(d.eventsNextMonth.map((e) => `${e.activity}:${e.label}`)).toEqual(["連携会議:つむぐ会"]);
  });

  it("steps months across the calendar year", () => {
    expect(nextMonth("2023-12")).toBe("2024-01");
    expect(nextMonth("2024-03")).toBe("2024-04");
  });
});

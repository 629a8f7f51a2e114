import { describe, expect, it } from "vitest";
import { overdueActions, problemsByStatus, rollUpProgress, unstartedActions } from "./progress.js";
import { action, problem } from "./test-rows.js";

describe("progress roll-up", () => {
  it("weights progress, counts done as 100 and leaves cancelled actions out", () => {
    const rows = [
      action({ scenes: ["daily"], progress: 50, weight: 1 }),
      action({ scenes: ["daily", "endOfLife"], progress: 20, status: "done", weight: 3 }),
      action({ scenes: ["daily"], progress: 90, status: "cancelled", weight: 5 }),
      action({ scenes: ["endOfLife"], progress: 0, status: "notStarted", weight: 1 }),
    ];
    const byScene = rollUpProgress(rows, (a) => a.scenes);
    expect(byScene.get("daily")).toEqual({
      progress: (50 * 1 + 100 * 3) / 4,
      weight: 4,
      actions: 2,
      done: 1,
    });
    expect(byScene.get("endOfLife")).toEqual({ progress: (100 * 3 + 0) / 4, weight: 4, actions: 2, done: 1 });
    expect(byScene.has("emergency")).toBe(false);
  });

  it("groups by any key, e.g. owner group, counting an action once per group", () => {
    const rows = [action({ ownerGroupId: "g1", progress: 40 }), action({ ownerGroupId: "g1", progress: 60 })];
    expect(
      rollUpProgress(rows, (a) => [a.ownerGroupId ?? "none", a.ownerGroupId ?? "none"]).get("g1"),
    ).toMatchObject({
      progress: 50,
      actions: 2,
    });
  });
});

describe("attention lists", () => {
  const today = "2023-10-01";
  it("finds overdue and unstarted actions", () => {
    const late = action({ period: { start: "2023-04", end: "2023-09" }, status: "inProgress" });
    const doneLate = action({ period: { start: "2023-04", end: "2023-09" }, status: "done" });
    const notYet = action({ period: { start: "2023-11", end: "2024-01" }, status: "notStarted" });
    const shouldHaveStarted = action({
      period: { start: "2023-09-15", end: "2024-03" },
      status: "notStarted",
    });
    const rows = [late, doneLate, notYet, shouldHaveStarted];
    expect(overdueActions(rows, today)).toEqual([late]);
    expect(unstartedActions(rows, today)).toEqual([shouldHaveStarted]);
  });

  it("counts problems by status, zeros included", () => {
    const counts = problemsByStatus([
      problem({ status: "open" }),
      problem({ status: "proposed" }),
      problem({ status: "open" }),
    ]);
    expect(counts).toEqual({ open: 2, considering: 0, inProgress: 0, resolved: 0, proposed: 1 });
  });
});

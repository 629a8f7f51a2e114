import { describe, expect, it } from "vitest";
import { emptyYearPlan } from "../plan/plan-read.js";
import { action, problem } from "../plan/test-rows.js";
import { diffPlans } from "./plan-changes.js";

describe("diffPlans", () => {
  it("lists added, changed (old and new values), closed and removed rows", () => {
    const kept = action({ title: "症例検討会", progress: 20 });
    const finishing = action({ title: "消防との情報交換", status: "inProgress" });
    const dropped = action({ title: "中止した取組" });
    const solved = problem({ title: "救急現場での情報不足", status: "inProgress" });
    const before = { ...emptyYearPlan(2023), actions: [kept, finishing, dropped], problems: [solved] };
    const added = action({ title: "ACP研修" });
    const after = {
      ...before,
      actions: [{ ...kept, progress: 60 }, { ...finishing, status: "done" as const, progress: 100 }, added],
      problems: [{ ...solved, status: "resolved" as const }],
    };
    const changes = diffPlans(before, after);
    expect(changes).toEqual([
      {
        table: "problems",
        id: solved.id,
        title: "救急現場での情報不足",
        kind: "closed",
        fields: [{ field: "status", before: "inProgress", after: "resolved" }],
      },
      {
        table: "actions",
        id: kept.id,
        title: "症例検討会",
        kind: "changed",
        fields: [{ field: "progress", before: 20, after: 60 }],
      },
      {
        table: "actions",
        id: finishing.id,
        title: "消防との情報交換",
        kind: "closed",
        fields: [
          { field: "status", before: "inProgress", after: "done" },
          { field: "progress", before: 0, after: 100 },
        ],
      },
      { table: "actions", id: added.id, title: "ACP研修", kind: "added", fields: [] },
      { table: "actions", id: dropped.id, title: "中止した取組", kind: "removed", fields: [] },
    ]);
  });

  it("ignores reordering", () => {
    const a = action({ order: "a0" });
    expect(
      diffPlans(
        { ...emptyYearPlan(2023), actions: [a] },
        { ...emptyYearPlan(2023), actions: [{ ...a, order: "a5" }] },
      ),
    ).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { insertRow, setRowField } from "./plan-doc.js";
import { emptyYearPlan, readYearPlan, writeYearPlan } from "./plan-read.js";
import { action, problem, testId } from "./test-rows.js";

describe("readYearPlan / writeYearPlan", () => {
  it("round-trips a plan through a Y.Doc", () => {
    const a = action({ title: "つむぐ会の開催", period: { start: "2023-06", end: "2024-03" } });
    const p = problem({ actionIds: [a.id] });
    const plan = {
      ...emptyYearPlan(2023),
      vision: "住み慣れた地域で自分らしく",
      sceneGoals: { daily: "日常の療養生活を支える" },
      actions: [a],
      problems: [p],
    };
    const doc = new Y.Doc();
    writeYearPlan(doc, plan);
    const { plan: read, invalid } = readYearPlan(doc);
    expect(invalid).toEqual([]);
    expect(read).toEqual(plan);
  });

  it("leaves invalid rows out and names their problems", () => {
    const doc = new Y.Doc();
    writeYearPlan(doc, { ...emptyYearPlan(2023), actions: [action()] });
    const bad = action();
    insertRow(doc, "actions", bad);
    setRowField(doc, "actions", bad.id, "progress", 250);
    insertRow(doc, "problems", { id: testId(), order: "a0", status: "lost" } as never);
    const { plan, invalid } = readYearPlan(doc);
    expect(plan.actions).toHaveLength(1);
    expect(plan.problems).toHaveLength(0);
    expect(invalid.map((r) => r.table).sort()).toEqual(["actions", "problems"]);
    expect(invalid.find((r) => r.table === "actions")?.errors).toEqual(["progress: not an integer in 0–100"]);
  });
});

import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { insertRow, PLAN_TABLES, type PlanTable, planVision, setRowField, VISION_MAX } from "./plan-doc.js";
import { emptyYearPlan, parsePlanRow, readYearPlan, writeYearPlan } from "./plan-read.js";
import { PLAN_TEXT_LIMITS, planTextLimit } from "./plan-schema.js";
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

  it("checks the vision against its limit: at the limit it is read, beyond it left out and named", () => {
    const doc = new Y.Doc();
    writeYearPlan(doc, { ...emptyYearPlan(2023), vision: "あ".repeat(VISION_MAX) });
    const atLimit = readYearPlan(doc);
    expect(atLimit.plan.vision).toHaveLength(VISION_MAX);
    expect(atLimit.invalidTexts).toEqual([]);

    planVision(doc).insert(VISION_MAX, "い");
    const over = readYearPlan(doc);
    expect(over.plan.vision).toBe("");
    expect(over.invalidTexts).toEqual([
      {
        field: "vision",
        errors: [`vision: longer than ${VISION_MAX}`],
        problems: [{ field: "vision", kind: "tooLong", max: VISION_MAX, length: VISION_MAX + 1 }],
      },
    ]);
    // The document keeps the text, for its field to show and shorten.
    expect(planVision(doc).length).toBe(VISION_MAX + 1);
    expect(over.invalid).toEqual([]);
  });
});

describe("the plan's text limits", () => {
  const base: Record<PlanTable, () => Record<string, unknown>> = {
    goals: () => ({ id: testId(), order: "a0", code: "1-①", term: "short", scene: null, text: "" }),
    problems: () => ({ ...problem() }),
    actions: () => ({ ...action() }),
    scheduleRows: () => ({ id: testId(), order: "a0", activity: "連携会議", actionIds: [] }),
    scheduleEvents: () => ({ id: testId(), rowId: testId(), when: "2023-06", label: "" }),
    planPeriods: () => ({
      id: testId(),
      order: "a0",
      name: "第9期",
      startFiscalYear: 2024,
      endFiscalYear: 2026,
    }),
  };
  const withField = (row: Record<string, unknown>, field: string, value: string) => {
    const [outer, inner] = field.split(".");
    return inner
      ? { ...row, [outer]: { ...(row[outer] as object), [inner]: value } }
      : { ...row, [field]: value };
  };

  it("are exactly what reading checks: the limit passes, one more is reported as too long", () => {
    for (const table of PLAN_TABLES) {
      for (const [field, max] of Object.entries(PLAN_TEXT_LIMITS[table])) {
        expect(planTextLimit(table, field)).toBe(max);
        expect(parsePlanRow(table, withField(base[table](), field, "あ".repeat(max))).ok).toBe(true);
        const over = parsePlanRow(table, withField(base[table](), field, "あ".repeat(max + 1)));
        expect(over.ok).toBe(false);
        if (!over.ok) {
          expect(over.problems).toContainEqual({ field, kind: "tooLong", max, length: max + 1 });
        }
      }
    }
  });

  it("keeps an over-long row readable in the document and names what to fix", () => {
    const doc = new Y.Doc();
    const long = action({ title: "在宅医療".repeat(60) });
    writeYearPlan(doc, { ...emptyYearPlan(2023), actions: [action(), long] });
    setRowField(doc, "actions", long.id, "scenes", ["daily", "nowhere"]);
    const { plan, invalid } = readYearPlan(doc);
    expect(plan.actions).toHaveLength(1);
    expect(invalid).toEqual([
      {
        table: "actions",
        id: long.id,
        errors: ["title: longer than 200", "scenes: unexpected list"],
        problems: [
          { field: "title", kind: "tooLong", max: 200, length: 240 },
          { field: "scenes", kind: "unexpected", fallback: ["daily"] },
        ],
      },
    ]);
  });
});

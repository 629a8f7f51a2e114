import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { initPlanDoc, planMeta, readRows } from "./plan-doc.js";
import { migratePlanDoc, type PlanMigration, planCompatibility, toVersion2 } from "./plan-migrations.js";
import { readYearPlan } from "./plan-read.js";
import { PLAN_SCHEMA_VERSION } from "./plan-schema.js";

/** A 年度 plan as the schema-1 code stored it (fixtures/plan-v1-2015.yjs, written by that code). */
function storedVersion1(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, readFileSync(new URL("./fixtures/plan-v1-2015.yjs", import.meta.url)));
  return doc;
}

/** A schema-1 document stamped by hand, for the mechanism's tests. */
function version1(): Y.Doc {
  const doc = new Y.Doc();
  initPlanDoc(doc, 2023);
  doc.getMap("meta").set("schemaVersion", 1);
  return doc;
}

describe("plan schema migrations", () => {
  it("tells current, older, newer and unversioned documents apart", () => {
    const doc = new Y.Doc();
    expect(planCompatibility(doc)).toBe("unversioned");
    initPlanDoc(doc, 2023);
    expect(planCompatibility(doc)).toBe("current");
    expect(planCompatibility(doc, PLAN_SCHEMA_VERSION + 1)).toBe("upgradable");
    doc.getMap("meta").set("schemaVersion", 99);
    expect(planCompatibility(doc)).toBe("newer");
  });

  it("runs the missing steps in order and records the version reached", () => {
    const doc = version1();
    const ran: number[] = [];
    const steps: PlanMigration[] = [
      { to: 3, run: () => ran.push(3) },
      {
        to: 2,
        run: (d) => {
          ran.push(2);
          d.getMap("meta").set("renamed", true);
        },
      },
    ];
    expect(migratePlanDoc(doc, steps, 3)).toBe(3);
    expect(ran).toEqual([2, 3]);
    expect(doc.getMap("meta").get("schemaVersion")).toBe(3);
    expect(doc.getMap("meta").get("renamed")).toBe(true);
    // Already there: nothing runs again.
    expect(migratePlanDoc(doc, steps, 3)).toBe(3);
    expect(ran).toEqual([2, 3]);
  });

  it("migrates concurrently on two clients to the same result", () => {
    const a = version1();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const steps: PlanMigration[] = [{ to: 2, run: (d) => d.getMap("meta").set("goalsSplit", true) }];
    migratePlanDoc(a, steps, 2);
    migratePlanDoc(b, steps, 2);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getMap("meta").toJSON()).toEqual(b.getMap("meta").toJSON());
    expect(a.getMap("meta").get("schemaVersion")).toBe(2);
  });

  it("brings a stored schema-1 plan to the current schema without losing anything", () => {
    const doc = storedVersion1();
    expect(planMeta(doc)).toEqual({ schemaVersion: 1, fiscalYear: 2015 });
    const before = readYearPlan(doc);
    expect(before.invalid).toEqual([]);
    expect(planCompatibility(doc)).toBe("upgradable");

    expect(migratePlanDoc(doc)).toBe(PLAN_SCHEMA_VERSION);
    const { plan, invalid } = readYearPlan(doc);
    expect(invalid).toEqual([]);
    // Everything that was there is still there.
    expect(plan.vision).toBe(before.plan.vision);
    expect(plan.sceneGoals).toEqual(before.plan.sceneGoals);
    expect(plan.goals).toEqual(before.plan.goals);
    expect(plan.problems).toEqual(before.plan.problems);
    expect(plan.scheduleRows).toEqual(before.plan.scheduleRows);
    expect(plan.scheduleEvents).toEqual(before.plan.scheduleEvents);
    // The funding mark moved from the title into its field; an unknown mark stays in words.
    const byId = new Map(plan.actions.map((a) => [a.id, a]));
    expect(byId.get("action000001")).toMatchObject({
      title: "在宅医療コーディネーター養成研修を実施",
      fundingSource: "fund",
      budget: null,
      goalCodes: ["1-③"],
    });
    expect(byId.get("action000002")).toMatchObject({
      title: "○在宅医療連携会議の開催(2か月毎、年6回開催)",
      progress: 90,
      fundingSource: null,
    });
    expect(byId.get("action000003")).toMatchObject({ title: "【県補助】ICT研修会", fundingSource: null });
    // "<plan> 第N期" became a series and its term; a name without a term stays whole.
    expect(plan.planPeriods).toEqual([
      expect.objectContaining({
        name: "第6期",
        series: "高齢者保健福祉計画・介護保険事業計画",
        startFiscalYear: 2015,
        endFiscalYear: 2017,
        milestones: [],
      }),
      expect.objectContaining({ name: "地域医療構想", series: "", milestones: [] }),
    ]);
    expect(plan.itemNotes).toEqual({});
    expect(Object.values(plan.profile).every((v) => v === "")).toBe(true);
  });

  it("migrates a stored plan on two clients at once to one result, the title cut once", () => {
    const a = storedVersion1();
    const b = storedVersion1();
    migratePlanDoc(a);
    migratePlanDoc(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readRows(a, "actions")).toEqual(readRows(b, "actions"));
    expect(readYearPlan(a).plan.actions.find((x) => x.id === "action000001")?.title).toBe(
      "在宅医療コーディネーター養成研修を実施",
    );
    expect(readYearPlan(a).plan.planPeriods[0].name).toBe("第6期");
    // Running again, or the step itself again (a third client late to the party), changes nothing.
    const state = Y.encodeStateVector(a);
    migratePlanDoc(a);
    toVersion2.run(a);
    expect(Y.encodeStateVector(a)).toEqual(state);
  });
});

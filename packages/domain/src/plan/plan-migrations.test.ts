import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { initPlanDoc } from "./plan-doc.js";
import { migratePlanDoc, type PlanMigration, planCompatibility } from "./plan-migrations.js";

describe("plan schema migrations", () => {
  it("tells current, older, newer and unversioned documents apart", () => {
    const doc = new Y.Doc();
    expect(planCompatibility(doc)).toBe("unversioned");
    initPlanDoc(doc, 2023);
    expect(planCompatibility(doc)).toBe("current");
    expect(planCompatibility(doc, 2)).toBe("upgradable");
    doc.getMap("meta").set("schemaVersion", 99);
    expect(planCompatibility(doc)).toBe("newer");
  });

  it("runs the missing steps in order and records the version reached", () => {
    const doc = new Y.Doc();
    initPlanDoc(doc, 2023);
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
    const a = new Y.Doc();
    initPlanDoc(a, 2023);
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
});

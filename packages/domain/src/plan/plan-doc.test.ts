import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { orderKeyBetween, orderKeysAfter } from "./order-key.js";
import {
  clearDemoMarksOnRewrite,
  deleteRow,
  initPlanDoc,
  insertRow,
  planMeta,
  readRows,
  rowText,
  setRowField,
} from "./plan-doc.js";
import { PLAN_SCHEMA_VERSION, parseAction } from "./plan-schema.js";
import { action } from "./test-rows.js";

/** Two replicas that exchange their updates only when `sync()` is called (people offline, then online). */
function pair(): { a: Y.Doc; b: Y.Doc; sync(): void } {
  const a = new Y.Doc();
  const b = new Y.Doc();
  return {
    a,
    b,
    sync() {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    },
  };
}

const ids = (doc: Y.Doc) => readRows(doc, "actions").map((r) => r.id);

describe("plan document", () => {
  it("round-trips a row, nested fields included, and the row validates", () => {
    const doc = new Y.Doc();
    initPlanDoc(doc, 2023);
    const row = action({ evaluation: { grade: "B", comment: "概ね達成" } });
    insertRow(doc, "actions", row);
    const [read] = readRows(doc, "actions");
    expect(parseAction(read)).toEqual({ ok: true, value: row });
    expect(planMeta(doc)).toEqual({ schemaVersion: PLAN_SCHEMA_VERSION, fiscalYear: 2023 });
  });

  it("keeps both rows when two people insert at the same place at once", () => {
    const { a, b, sync } = pair();
    const [k1, k2] = orderKeysAfter(null, 2);
    insertRow(a, "actions", action({ id: "first0000001", order: k1 }));
    insertRow(a, "actions", action({ id: "last00000001", order: k2 }));
    sync();
    const between = orderKeyBetween(k1, k2, () => 0);
    insertRow(a, "actions", action({ id: "fromaaaaaaaa", order: between }));
    insertRow(b, "actions", action({ id: "frombbbbbbbb", order: between }));
    sync();
    expect(ids(a)).toEqual(["first0000001", "fromaaaaaaaa", "frombbbbbbbb", "last00000001"]);
    expect(ids(b)).toEqual(ids(a));
  });

  it("never duplicates or loses a row under concurrent moves and deletes", () => {
    const { a, b, sync } = pair();
    const keys = orderKeysAfter(null, 4);
    const rowIds = ["row000000001", "row000000002", "row000000003", "row000000004"];
    for (const [i, id] of rowIds.entries()) insertRow(a, "actions", action({ id, order: keys[i] }));
    sync();
    // A moves row 1 to the end while B moves it to between 2 and 3, and deletes row 4.
    setRowField(a, "actions", "row000000001", "order", orderKeyBetween(keys[3], null));
    setRowField(b, "actions", "row000000001", "order", orderKeyBetween(keys[1], keys[2]));
    deleteRow(b, "actions", "row000000004");
    sync();
    expect(ids(a)).toEqual(ids(b));
    expect([...ids(a)].sort()).toEqual(["row000000001", "row000000002", "row000000003"]);
  });

  it("keeps both people's edits to different fields of one row, and merges typing in one text field", () => {
    const { a, b, sync } = pair();
    insertRow(
      a,
      "actions",
      action({ id: "act000000001", title: "研修会", progress: 0, status: "notStarted" }),
    );
    sync();
    setRowField(a, "actions", "act000000001", "status", "inProgress");
    setRowField(b, "actions", "act000000001", "progress", 30);
    setRowField(b, "actions", "act000000001", "period.end", "2024-01");
    rowText(a, "actions", "act000000001", "title")?.insert(0, "多職種");
    const bTitle = rowText(b, "actions", "act000000001", "title");
    bTitle?.insert(bTitle.length, "（年2回）");
    sync();
    const [row] = readRows(a, "actions");
    expect(row).toMatchObject({
      status: "inProgress",
      progress: 30,
      title: "多職種研修会（年2回）",
      period: { start: "2023-04", end: "2024-01" },
    });
    expect(readRows(b, "actions")).toEqual(readRows(a, "actions"));
  });

  it("does not resurrect a row that one person deleted while another edited it", () => {
    const { a, b, sync } = pair();
    insertRow(a, "actions", action({ id: "act000000002" }));
    sync();
    deleteRow(a, "actions", "act000000002");
    setRowField(b, "actions", "act000000002", "progress", 80);
    sync();
    expect(readRows(a, "actions")).toEqual([]);
    expect(readRows(b, "actions")).toEqual([]);
    expect(setRowField(a, "actions", "act000000002", "progress", 90)).toBe(false);
  });

  it("refuses to overwrite collaborative text as a plain value", () => {
    const doc = new Y.Doc();
    insertRow(doc, "actions", action({ id: "act000000003" }));
    expect(() => setRowField(doc, "actions", "act000000003", "title", "x")).toThrow(/rowText/);
  });
});

describe("demo goal texts", () => {
  const demoGoal = (doc: Y.Doc) =>
    insertRow(doc, "goals", {
      id: "goal00000001",
      order: orderKeyBetween(null, null),
      code: "1-①",
      term: "short",
      scene: "daily",
      text: "訪問診療を行う医療機関の情報を共有する。",
      demo: true,
    });

  it("lose their mark when someone here rewrites them, for everyone", () => {
    const { a, b, sync } = pair();
    demoGoal(a);
    sync();
    const stop = clearDemoMarksOnRewrite(a);
    clearDemoMarksOnRewrite(b);
    expect(readRows(b, "goals")[0].demo).toBe(true);
    rowText(a, "goals", "goal00000001", "text")?.insert(0, "市内の");
    expect(readRows(a, "goals")[0].demo).toBeUndefined();
    sync();
    expect(readRows(b, "goals")[0]).toMatchObject({ text: "市内の訪問診療を行う医療機関の情報を共有する。" });
    expect(readRows(b, "goals")[0].demo).toBeUndefined();
    stop();
  });

  it("keep their mark when only other fields change, or when the edit comes from elsewhere", () => {
    const { a, b, sync } = pair();
    demoGoal(a);
    sync();
    clearDemoMarksOnRewrite(b);
    setRowField(b, "goals", "goal00000001", "term", "long");
    expect(readRows(b, "goals")[0].demo).toBe(true);
    // Someone else's edit reaches b as a remote update: b leaves the flag to them.
    rowText(a, "goals", "goal00000001", "text")?.insert(0, "★");
    sync();
    expect(readRows(b, "goals")[0]).toMatchObject({ text: expect.stringMatching(/^★/), demo: true });
  });
});

import {
  initPlanDoc,
  insertRow,
  newAction,
  orderKeysAfter,
  rowText,
  setRowField,
  TITLE_MAX,
} from "@tsumugi/domain";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PlanStore } from "./plan-store";

function action(id: string, order: string, title: string) {
  return newAction([], {
    id,
    order,
    title,
    scenes: ["daily"],
    items: ["f"],
    period: { start: "2023-04", end: "2024-03" },
    status: "inProgress",
  });
}

function planWith(n: number): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  initPlanDoc(doc, 2023);
  const keys = orderKeysAfter(null, n);
  const ids = keys.map((_, i) => `act${String(i).padStart(9, "0")}`);
  doc.transact(() => {
    ids.forEach((id, i) => {
      insertRow(doc, "actions", action(id, keys[i], `取組 ${i}`));
    });
  });
  return { doc, ids };
}

describe("PlanStore", () => {
  it("re-reads only the rows an edit touched: the others keep their objects", () => {
    const { doc, ids } = planWith(300);
    const store = new PlanStore(doc);
    expect(store.fiscalYear()).toBe(2023);
    const before = store.rows("actions");
    expect(before.map((a) => a.id)).toEqual(ids);
    let notified = 0;
    store.subscribe("actions", () => notified++);

    rowText(doc, "actions", ids[0], "title")?.insert(4, "（年度内）");
    const after = store.rows("actions");
    expect(notified).toBe(1);
    expect(after).not.toBe(before);
    expect(after[0].title).toBe("取組 0（年度内）");
    expect(after[0]).not.toBe(before[0]);
    for (let i = 1; i < ids.length; i++) expect(after[i]).toBe(before[i]);
    expect(store.row("actions", ids[200])).toBe(before[200]);

    setRowField(doc, "actions", ids[200], "progress", 50);
    expect(store.row("actions", ids[200])?.progress).toBe(50);
    expect(store.rows("actions")[0]).toBe(after[0]);
  });

  it("follows inserts, deletes, reorders and rows another client changes", () => {
    const { doc, ids } = planWith(3);
    const store = new PlanStore(doc);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    doc.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(remote, u));
    remote.on("update", (u: Uint8Array) => Y.applyUpdate(doc, u, "remote"));

    setRowField(remote, "actions", ids[0], "order", orderKeysAfter(store.rows("actions")[2].order, 1)[0]);
    expect(store.rows("actions").map((a) => a.id)).toEqual([ids[1], ids[2], ids[0]]);
    remote.getMap("actions").delete(ids[1]);
    expect(store.rows("actions").map((a) => a.id)).toEqual([ids[2], ids[0]]);
    expect(store.row("actions", ids[1])).toBeUndefined();
    insertRow(remote, "actions", action("actnew000001", orderKeysAfter(null, 1)[0], "新しい取組"));
    expect(store.rows("actions").map((a) => a.title)).toContain("新しい取組");
  });

  it("lists a row the schema rejects, and takes it back once it is fixed", () => {
    const { doc, ids } = planWith(2);
    const store = new PlanStore(doc);
    const invalidBefore = store.invalid();
    expect(invalidBefore).toEqual([]);
    const title = rowText(doc, "actions", ids[1], "title") as Y.Text;
    title.insert(0, "あ".repeat(TITLE_MAX));
    expect(store.invalid().map((r) => r.id)).toEqual([ids[1]]);
    expect(store.rows("actions").map((a) => a.id)).toEqual([ids[0]]);
    title.delete(0, TITLE_MAX);
    expect(store.invalid()).toEqual([]);
    expect(store.rows("actions").map((a) => a.id)).toEqual(ids);
    store.destroy();
    setRowField(doc, "actions", ids[0], "progress", 10);
    expect(store.row("actions", ids[0])?.progress).toBe(0);
  });
});

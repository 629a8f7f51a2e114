/**
 * The update log's statements on the test engine (SQLite, or PostgreSQL in integration-pg):
 * the ids an append answers are the rows' ids, for every batch shape (the compiled INSERT is
 * reused per row count, chunked past 500 rows), and compaction, heads and the long-log query
 * agree with what was appended.
 */
import { expect } from "vitest";
import { workspaceTest as it } from "../testing/workspace-world.js";
import { type PendingWrite, UpdateStore } from "./update-store.js";

let counter = 0;
/** A distinct update of a few bytes (the store does not look inside). */
const update = (): Uint8Array => new TextEncoder().encode(`update ${++counter}`);

it("answers each appended row's id, in order, for every batch shape (twice each)", async ({ server }) => {
  const store = new UpdateStore(server.ctx.db);
  const appended = new Map<string, Map<number, string>>([
    ["store-a", new Map()],
    ["store-b", new Map()],
  ]);
  const decoder = new TextDecoder();
  for (const size of [1, 3, 1, 3, 2, 501]) {
    const writes: PendingWrite[] = Array.from({ length: size }, (_, i) => ({
      docName: i % 2 === 0 ? "store-a" : "store-b",
      update: update(),
    }));
    const ids = await store.append(writes);
    expect(ids).toHaveLength(size);
    for (const [i, w] of writes.entries()) {
      const rows = appended.get(w.docName) as Map<number, string>;
      expect(rows.has(ids[i])).toBe(false);
      rows.set(ids[i], decoder.decode(w.update));
    }
  }
  for (const [docName, rows] of appended) {
    const stored = await store.readAfter(docName, 0);
    expect(stored.snapshot).toBeNull();
    expect(stored.rows.map((r) => [r.id, decoder.decode(r.data)])).toEqual([...rows.entries()]);
    // In the order they were appended: ids grow with each batch.
    expect([...rows.keys()]).toEqual([...rows.keys()].sort((a, b) => a - b));
  }
  const heads = await store.heads(["store-a", "store-b", "store-none"]);
  expect(heads).toEqual(
    new Map([
      ["store-a", Math.max(...(appended.get("store-a") as Map<number, string>).keys())],
      ["store-b", Math.max(...(appended.get("store-b") as Map<number, string>).keys())],
      ["store-none", 0],
    ]),
  );
});

it("compacts up to an id, keeps later rows, skips an older compaction, and finds long logs", async ({
  server,
}) => {
  const store = new UpdateStore(server.ctx.db);
  const ids = await store.append(Array.from({ length: 6 }, () => ({ docName: "store-c", update: update() })));
  expect(await store.longLogs(6, 1_000_000)).toEqual(["store-c"]);
  expect(await store.longLogs(7, 1_000_000)).toEqual([]);
  const logBytes = (await store.load("store-c")).logBytes;
  expect(await store.longLogs(1_000, logBytes)).toEqual(["store-c"]);

  const state = new TextEncoder().encode("snapshot up to the fourth row");
  expect(await store.compact("store-c", state, ids[3], { rows: 100, bytes: 1_000_000 })).toMatchObject({
    written: false,
    keptRows: 4,
  });
  expect(await store.compact("store-c", state, ids[3])).toEqual({
    written: true,
    snapshotBytes: state.byteLength,
    keptRows: 0,
    keptBytes: 0,
  });
  // Another node's compaction up to an earlier row finds the snapshot ahead of it.
  expect(await store.compact("store-c", new Uint8Array([1]), ids[1])).toEqual({
    written: false,
    snapshotBytes: state.byteLength,
    keptRows: 0,
    keptBytes: 0,
  });

  const loaded = await store.load("store-c");
  expect(loaded.parts.map((p) => new TextDecoder().decode(p))[0]).toBe("snapshot up to the fourth row");
  expect(loaded).toMatchObject({ lastUpdateId: ids[5], logCount: 2, snapshotBytes: state.byteLength });
  const missing = await store.readAfter("store-c", ids[0]);
  expect(missing.snapshot?.lastUpdateId).toBe(ids[3]);
  expect(missing.rows.map((r) => r.id)).toEqual([ids[4], ids[5]]);
  expect((await store.readAfter("store-c", ids[4])).rows.map((r) => r.id)).toEqual([ids[5]]);
  expect(await store.heads(["store-c"])).toEqual(new Map([["store-c", ids[5]]]));
  expect(await store.longLogs(2, 1_000_000)).toEqual(["store-c"]);
  expect(await store.longLogs(3, 1_000_000)).toEqual([]);
});

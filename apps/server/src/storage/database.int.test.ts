import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { Database, type Queryable } from "./database.js";

let dir: string;
let db: Database;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "tsumugi-db-"));
  db = await Database.open(join(dir, "test.sqlite"));
  await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)");
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("kept prepared statements", () => {
  it("answers many concurrent identical queries in order, each with its own parameters", async () => {
    for (let i = 0; i < 50; i++) await db.run("INSERT INTO t (v) VALUES (?)", [`v${i}`]);
    const rows = await Promise.all(
      Array.from({ length: 50 }, (_, i) => db.get<{ id: number }>("SELECT id FROM t WHERE v = ?", [`v${i}`])),
    );
    expect(rows.map((r) => r?.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("rejects bad SQL for every caller, also those who asked while it was being prepared", async () => {
    const sql = "SELECT nope FROM t";
    const results = await Promise.allSettled([db.all(sql), db.all(sql), db.get(sql)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    // The database still works, and the statement is not stuck in the cache.
    await expect(db.all(sql)).rejects.toThrow(/no such column/);
    expect(await db.all("SELECT count(*) AS n FROM t")).toEqual([{ n: 0 }]);
  });

  it("keeps working after a constraint error on a kept statement", async () => {
    const insert = "INSERT INTO t (v) VALUES (?)";
    await db.run(insert, ["a"]);
    await expect(db.run(insert, ["a"])).rejects.toThrow(/UNIQUE/);
    const r = await db.run(insert, ["b"]);
    expect(r.changes).toBe(1);
    expect(await db.all("SELECT v FROM t ORDER BY id")).toEqual([{ v: "a" }, { v: "b" }]);
  });

  it("does not leave a read open after `get`: the next write is seen by the same statement", async () => {
    await db.run("INSERT INTO t (v) VALUES (?)", ["x"]);
    await db.run("INSERT INTO t (v) VALUES (?)", ["y"]);
    const first = "SELECT v FROM t ORDER BY id";
    expect(await db.get(first)).toEqual({ v: "x" });
    await db.run("DELETE FROM t WHERE v = ?", ["x"]);
    expect(await db.get(first)).toEqual({ v: "y" });
    // A checkpoint can run to completion: no statement holds a read snapshot.
    const [cp] = await db.all<{ busy: number }>("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(cp.busy).toBe(0);
  });

  it("stays correct past the number of statements it keeps", async () => {
    await db.run("INSERT INTO t (v) VALUES (?)", ["k"]);
    for (let i = 0; i < 250; i++) {
      const row = await db.get<{ n: number }>(`SELECT ${i} AS n FROM t WHERE v = ?`, ["k"]);
      expect(row?.n).toBe(i);
    }
    expect(await db.get<{ n: number }>("SELECT 0 AS n FROM t WHERE v = ?", ["k"])).toEqual({ n: 0 });
  });

  it("runs long generated statements once without keeping them", async () => {
    const values = Array.from({ length: 600 }, (_, i) => `w${i}`);
    const sql = `INSERT INTO t (v) VALUES ${values.map(() => "(?)").join(", ")}`;
    expect(sql.length).toBeGreaterThan(2_000);
    const r = await db.run(sql, values);
    expect(r.changes).toBe(600);
    expect(await db.get("SELECT count(*) AS n FROM t")).toEqual({ n: 600 });
  });
});

describe("reads see only committed states", () => {
  /** A write transaction held open until `finish` is called (throwing rolls it back). */
  function openTransaction(work: (tx: Queryable) => Promise<void>) {
    let finish!: (commit: boolean) => void;
    const decided = new Promise<boolean>((resolve) => {
      finish = resolve;
    });
    let started!: () => void;
    const inside = new Promise<void>((resolve) => {
      started = resolve;
    });
    const done = db.transaction(async (tx) => {
      await work(tx);
      started();
      if (!(await decided)) throw new Error("rolled back on purpose");
    });
    // A failed assertion must not leave the writer locked for the next test.
    onTestFinished(() => finish(false));
    done.catch(() => {});
    return { inside, finish, done };
  }

  it("does not show a row of a transaction in progress, nor one that is rolled back", async () => {
    await db.run("INSERT INTO t (v) VALUES (?)", ["kept"]);
    const t = openTransaction(async (tx) => {
      await tx.run("INSERT INTO t (v) VALUES (?)", ["uncommitted"]);
    });
    await t.inside;
    expect(await db.all("SELECT v FROM t ORDER BY id")).toEqual([{ v: "kept" }]);
    expect(await db.get("SELECT v FROM t WHERE v = ?", ["uncommitted"])).toBeUndefined();
    t.finish(false);
    await expect(t.done).rejects.toThrow(/rolled back/);
    expect(await db.all("SELECT v FROM t ORDER BY id")).toEqual([{ v: "kept" }]);
  });

  it("shows a committed row to the next read", async () => {
    const t = openTransaction(async (tx) => {
      await tx.run("INSERT INTO t (v) VALUES (?)", ["soon"]);
    });
    await t.inside;
    expect(await db.get("SELECT count(*) AS n FROM t")).toEqual({ n: 0 });
    t.finish(true);
    await t.done;
    expect(await db.get("SELECT count(*) AS n FROM t")).toEqual({ n: 1 });
  });

  it("gives several statements of one read the same committed state", async () => {
    for (let i = 0; i < 10; i++) await db.run("INSERT INTO t (v) VALUES (?)", [`a${i}`]);
    const seen = await db.read(async (q) => {
      const before = await q.get<{ n: number }>("SELECT count(*) AS n FROM t");
      // Another request replaces every row and commits between the two statements.
      await db.transaction(async (tx) => {
        await tx.run("DELETE FROM t");
        for (let i = 0; i < 3; i++) await tx.run("INSERT INTO t (v) VALUES (?)", [`b${i}`]);
      });
      const rows = await q.all<{ v: string }>("SELECT v FROM t ORDER BY id");
      return { before: before?.n, rows: rows.map((r) => r.v) };
    });
    expect(seen.before).toBe(10);
    expect(seen.rows).toEqual(Array.from({ length: 10 }, (_, i) => `a${i}`));
    // Once the read ends, the next one sees the new state.
    expect(await db.get("SELECT count(*) AS n FROM t")).toEqual({ n: 3 });
  });

  it("does not let a single read slip into another request's older read transaction", async () => {
    await db.run("INSERT INTO t (v) VALUES (?)", ["old"]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let snapshotTaken!: () => void;
    const taken = new Promise<void>((resolve) => {
      snapshotTaken = resolve;
    });
    // As many long reads as there are read connections, each holding its snapshot.
    const longReads = Array.from({ length: 3 }, () =>
      db.read(async (q) => {
        await q.all("SELECT v FROM t");
        snapshotTaken();
        await held;
      }),
    );
    await taken;
    await db.run("INSERT INTO t (v) VALUES (?)", ["new"]);
    const read = db.all<{ v: string }>("SELECT v FROM t ORDER BY id");
    release();
    expect((await read).map((r) => r.v)).toEqual(["old", "new"]);
    await Promise.all(longReads);
  });

  it("refuses writes inside a read", async () => {
    await expect(db.read((q) => q.run("INSERT INTO t (v) VALUES (?)", ["x"]))).rejects.toThrow(/READONLY/);
    expect(await db.get("SELECT count(*) AS n FROM t")).toEqual({ n: 0 });
  });

  it("keeps a read transaction to itself when a single read on its connection ends first", async () => {
    const one = await Database.open(join(dir, "test.sqlite"), { readers: 1 });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const single = one.all("SELECT count(*) AS n FROM t");
      const first = one.read(async (q) => {
        await q.all("SELECT v FROM t");
        await held;
        return "first";
      });
      await single;
      // The only connection is inside `first`: this read waits for it instead of sharing it.
      const second = one.read(async (q) => (await q.get<{ n: number }>("SELECT count(*) AS n FROM t"))?.n);
      await db.run("INSERT INTO t (v) VALUES (?)", ["after"]);
      release();
      expect(await Promise.all([first, second])).toEqual(["first", 1]);
    } finally {
      await one.close();
    }
  });
});

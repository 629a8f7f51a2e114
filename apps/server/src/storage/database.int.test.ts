import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Database } from "./database.js";

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

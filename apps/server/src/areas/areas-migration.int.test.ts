/**
 * Migration 25 merges the desk's and the directory's 日常生活圏域 into one list: on a database
 * made at version 21 with both lists in use, every case, desk and entry keeps its area (a desk
 * area of the directory's name becomes the directory's), nothing that named the rebuilt tables
 * is lost, and deleting an area afterwards leaves its rows without one. Runs on SQLite, and on
 * PostgreSQL in the integration-pg project.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, Database as Sqlite } from "../storage/database.js";
import { migrate } from "../storage/migrations.js";
import { PostgresDatabase } from "../storage/postgres-database.js";
import { testPostgresUrl } from "../testing/postgres-test-databases.js";

let dir: string;
let db: Database;
let dropPostgres: (() => Promise<void>) | null = null;

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "tsumugi-areas-"));
  const url = testPostgresUrl();
  if (url) {
    const name = `m25_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    await admin(url, `CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    db = await PostgresDatabase.open(u.toString());
    dropPostgres = () => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    db = await Sqlite.open(join(dir, "old.sqlite"));
  }
});

afterEach(async () => {
  await db.close();
  await dropPostgres?.();
  dropPostgres = null;
  rmSync(dir, { recursive: true, force: true });
});

describe("migration 25: one list of 日常生活圏域", () => {
  it("keeps every case's, desk's and entry's area, and what names the rebuilt tables", async () => {
    expect(await migrate(db, { upTo: 24 })).toBe(24);
    const rows: [string, unknown[]][] = [
      [
        "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES (?, ?, ?, ?, ?)",
        ["w1", "流山市", "千葉県", "122203", 1],
      ],
      [
        "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES (?, ?, ?, ?, ?)",
        ["w2", "柏市", "千葉県", "122173", 1],
      ],
      // The directory's list: 北部 with its towns, 中部.
      [
        "INSERT INTO resource_areas (id, workspace_id, name, towns, position) VALUES (?, ?, ?, ?, ?)",
        ["ra1", "w1", "北部", '["東深井"]', 0],
      ],
      [
        "INSERT INTO resource_areas (id, workspace_id, name, towns, position) VALUES (?, ?, ?, ?, ?)",
        ["ra2", "w1", "中部", "[]", 1],
      ],
      // The desk's list: 北部 again, 西部 of its own; 柏市 has a 北部 too.
      [
        "INSERT INTO desk_areas (id, workspace_id, name, sort_order) VALUES (?, ?, ?, ?)",
        ["da1", "w1", "北部", 0],
      ],
      [
        "INSERT INTO desk_areas (id, workspace_id, name, sort_order) VALUES (?, ?, ?, ?)",
        ["da2", "w1", "西部", 1],
      ],
      [
        "INSERT INTO desk_areas (id, workspace_id, name, sort_order) VALUES (?, ?, ?, ?)",
        ["da3", "w2", "北部", 0],
      ],
      [
        "INSERT INTO desks (id, workspace_id, name, default_area_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        ["d1", "w1", "本庁窓口", "da1", 1, 1],
      ],
      [
        "INSERT INTO desks (id, workspace_id, name, default_area_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        ["d2", "w1", "西部窓口", "da2", 1, 1],
      ],
      [
        "INSERT INTO desks (id, workspace_id, name, default_area_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        ["d3", "w2", "柏窓口", "da3", 1, 1],
      ],
      ...[
        ["c1", "w1", "d1", 1, "da1"],
        ["c2", "w1", "d2", 2, "da2"],
        ["c3", "w1", "d1", 3, null],
        ["c4", "w2", "d3", 1, "da3"],
      ].map((c): [string, unknown[]] => [
        "INSERT INTO consultation_cases (id, workspace_id, desk_id, case_no, age_band, sex, care_level, living, main_condition, area_id, personal, key_id, last_contact_at, created_at, updated_at) VALUES (?, ?, ?, ?, '85to94', 'female', 'care2', 'alone', 'heart', ?, 'sealed', 'k1', '2025-05-12T10:30', 1, 1)",
        c,
      ]),
      ...["c1", "c2", "c3", "c4"].map((c, i): [string, unknown[]] => [
        "INSERT INTO consultations (id, workspace_id, case_id, seq, received_at, fiscal_year, month, method, consulter_type, created_at, updated_at) VALUES (?, ?, ?, 1, '2025-05-12T10:30', 2025, 5, 'phone', 'family', 1, 1)",
        [`k${i}`, c === "c4" ? "w2" : "w1", c],
      ]),
      ["INSERT INTO consultation_topics (consultation_id, topic) VALUES (?, ?)", ["k0", "admission"]],
      [
        "INSERT INTO resources (id, workspace_id, kind, name, area_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ["r1", "w1", "clinic", "つむぎ診療所", "ra1", 1, 1],
      ],
      [
        "INSERT INTO resources (id, workspace_id, kind, name, area_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ["r2", "w1", "pharmacy", "つむぎ薬局", null, 1, 1],
      ],
      [
        "INSERT INTO resource_update_links (id, workspace_id, resource_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        ["l1", "w1", "r1", "hash", 1, 9],
      ],
      [
        "INSERT INTO resource_links (workspace_id, resource_id, target_kind, target_id, created_at) VALUES (?, ?, ?, ?, ?)",
        ["w1", "r1", "consultation", "k0", 1],
      ],
    ];
    for (const [sql, params] of rows) await db.run(sql, params as never);

    expect(await migrate(db)).toBeGreaterThanOrEqual(25);

    const areas = await db.all<{ id: string; workspace_id: string; name: string; towns: string }>(
      "SELECT id, workspace_id, name, towns FROM areas ORDER BY workspace_id, position, name",
    );
    expect(areas).toEqual([
      { id: "ra1", workspace_id: "w1", name: "北部", towns: '["東深井"]' },
      { id: "ra2", workspace_id: "w1", name: "中部", towns: "[]" },
      { id: "da2", workspace_id: "w1", name: "西部", towns: "[]" },
      { id: "da3", workspace_id: "w2", name: "北部", towns: "[]" },
    ]);
    expect(await db.all("SELECT id, area_id FROM consultation_cases ORDER BY id")).toEqual([
      { id: "c1", area_id: "ra1" },
      { id: "c2", area_id: "da2" },
      { id: "c3", area_id: null },
      { id: "c4", area_id: "da3" },
    ]);
    expect(await db.all("SELECT id, default_area_id FROM desks ORDER BY id")).toEqual([
      { id: "d1", default_area_id: "ra1" },
      { id: "d2", default_area_id: "da2" },
      { id: "d3", default_area_id: "da3" },
    ]);
    expect(await db.all("SELECT id, area_id FROM resources ORDER BY id")).toEqual([
      { id: "r1", area_id: "ra1" },
      { id: "r2", area_id: null },
    ]);
    // The rows that named the rebuilt tables are all there, sealed fields untouched.
    expect(await db.all("SELECT id, case_id FROM consultations ORDER BY id")).toHaveLength(4);
    expect(await db.all("SELECT consultation_id FROM consultation_topics")).toEqual([
      { consultation_id: "k0" },
    ]);
    expect(await db.get("SELECT personal, key_id FROM consultation_cases WHERE id = 'c1'")).toEqual({
      personal: "sealed",
      key_id: "k1",
    });
    expect(await db.all("SELECT id FROM resource_update_links")).toEqual([{ id: "l1" }]);
    expect(await db.all("SELECT resource_id FROM resource_links")).toEqual([{ resource_id: "r1" }]);

    // The keys now point at the one list, and are enforced again after the migration: an area
    // deleted leaves its rows without one, a deleted case still takes its contacts with it,
    // and an unknown area is refused.
    await db.run("DELETE FROM areas WHERE id = ?", ["ra1"]);
    expect(await db.get("SELECT area_id FROM consultation_cases WHERE id = 'c1'")).toEqual({ area_id: null });
    expect(await db.get("SELECT area_id FROM resources WHERE id = 'r1'")).toEqual({ area_id: null });
    await db.run("DELETE FROM consultation_cases WHERE id = ?", ["c2"]);
    expect(await db.all("SELECT id FROM consultations WHERE case_id = 'c2'")).toEqual([]);
    await expect(
      db.run("UPDATE consultation_cases SET area_id = 'nosuch' WHERE id = 'c3'"),
    ).rejects.toThrow();
  });
});

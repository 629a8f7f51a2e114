import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Database } from "../storage/database.js";
import { migrate } from "../storage/migrations.js";

let dir: string | undefined;
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the questionnaire indicators migration", () => {
  it("gives workspaces that have indicators the two derived satisfaction indicators, once", async () => {
    dir = mkdtempSync(join(tmpdir(), "tsumugi-qn-migration-"));
    db = await Database.open(join(dir, "old.sqlite"));
    expect(await migrate(db, { upTo: 23 })).toBe(23);
    for (const [id, code] of [
      ["ws000001", "122203"],
      ["ws000002", "372013"],
      ["ws000003", "122173"],
    ])
      await db.run(
        "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES (?, '市', '県', ?, 1)",
        [id, code],
      );
    // ws000001 has its catalogue; ws000002 typed its own P12 already; ws000003 has none yet.
    await db.run(
      "INSERT INTO indicators (id, workspace_id, code, name, type, kind, created_at) VALUES ('i1', 'ws000001', 'P07', '多職種研修 参加者数', 'P', 'count', 5)",
    );
    await db.run(
      "INSERT INTO indicators (id, workspace_id, code, name, type, kind, created_at) VALUES ('i2', 'ws000002', 'P12', '独自の指標', 'P', 'count', 6)",
    );
    expect(await migrate(db)).toBeGreaterThanOrEqual(24);
    const rows = await db.all(
      "SELECT workspace_id, code, name, kind, derived, items, created_at FROM indicators WHERE code IN ('P12', 'P13') ORDER BY workspace_id, code",
    );
    expect(rows).toEqual([
      {
        workspace_id: "ws000001",
        code: "P12",
        name: "多職種研修 満足度",
        kind: "score",
        derived: "trainingSatisfaction",
        items: '["f"]',
        created_at: 5,
      },
      {
        workspace_id: "ws000001",
        code: "P13",
        name: "住民啓発 満足度",
        kind: "score",
        derived: "outreachSatisfaction",
        items: '["g"]',
        created_at: 5,
      },
      {
        workspace_id: "ws000002",
        code: "P12",
        name: "独自の指標",
        kind: "count",
        derived: null,
        items: "[]",
        created_at: 6,
      },
      {
        workspace_id: "ws000002",
        code: "P13",
        name: "住民啓発 満足度",
        kind: "score",
        derived: "outreachSatisfaction",
        items: '["g"]',
        created_at: 6,
      },
    ]);
  });
});

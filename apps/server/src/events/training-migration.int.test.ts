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

describe("the events migration", () => {
  it("turns the trainings recorded as meetings into events linked to them, keeping who attended as a count", async () => {
    dir = mkdtempSync(join(tmpdir(), "tsumugi-events-migration-"));
    db = await Database.open(join(dir, "old.sqlite"));
    expect(await migrate(db, { upTo: 17 })).toBe(17);
    await db.run(
      "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES ('ws000001', '流山市', '千葉県', '122203', 1)",
    );
    await db.run(
      "INSERT INTO groups (id, workspace_id, name, kind, created_at) VALUES ('grp00001', 'ws000001', '研修・啓発部会', 'division', 1)",
    );
    for (const u of ["u1", "u2", "u3"])
      await db.run(
        "INSERT INTO users (id, email, name, password_hash, created_at, password_changed_at) VALUES (?, ?, '甲', 'h', 1, 1)",
        [`user000${u}`, `${u}@example.jp`],
      );
    const meeting = async (id: string, kind: string, state: string, startsAt: string) => {
      await db?.run(
        "INSERT INTO documents (id, workspace_id, kind, title, doc_name, created_at, updated_at) VALUES (?, 'ws000001', 'meeting', 't', ?, 1, 1)",
        [`doc${id}`, `ws000001.doc${id}`],
      );
      await db?.run(
        `INSERT INTO meetings (id, workspace_id, group_id, kind, fiscal_year, number, title, starts_at, ends_at, place,
                               state, document_id, created_at, updated_at)
         VALUES (?, 'ws000001', 'grp00001', ?, 2024, ?, ?, ?, NULL, '市役所', ?, ?, 1, 7)`,
        [id, kind, Number(id.slice(-1)), `${kind} ${id}`, startsAt, state, `doc${id}`],
      );
    };
    await meeting("meet0001", "training", "closed", "2024-06-30T18:30");
    await meeting("meet0002", "training", "draft", "2025-02-10T14:00");
    await meeting("meet0003", "plenary", "closed", "2024-07-01T10:00");
    for (const [u, status] of [
      ["user000u1", "attended"],
      ["user000u2", "attended"],
      ["user000u3", "absent"],
    ])
      await db.run("INSERT INTO meeting_attendance (meeting_id, user_id, status) VALUES ('meet0001', ?, ?)", [
        u,
        status,
      ]);

    expect(await migrate(db)).toBeGreaterThanOrEqual(18);
    const events = await db.all(
      "SELECT id, kind, title, fiscal_year, status, meeting_id, starts_at FROM events ORDER BY starts_at",
    );
    expect(events).toEqual([
      {
        id: "mtmeet0001",
        kind: "multidisciplinary",
        title: "training meet0001",
        fiscal_year: 2024,
        status: "held",
        meeting_id: "meet0001",
        starts_at: "2024-06-30T18:30",
      },
      {
        id: "mtmeet0002",
        kind: "multidisciplinary",
        title: "training meet0002",
        fiscal_year: 2024,
        status: "planned",
        meeting_id: "meet0002",
        starts_at: "2025-02-10T14:00",
      },
    ]);
    expect(await db.all("SELECT event_id, group_id FROM event_organisers ORDER BY event_id")).toEqual([
      { event_id: "mtmeet0001", group_id: "grp00001" },
      { event_id: "mtmeet0002", group_id: "grp00001" },
    ]);
    // The two who attended are counted (profession unknown); nobody's name is copied.
    expect(
      await db.all(
        "SELECT event_id, walk_in, status, profession, headcount, personal FROM event_participants",
      ),
    ).toEqual([
      {
        event_id: "mtmeet0001",
        walk_in: 1,
        status: "registered",
        profession: "unknown",
        headcount: 2,
        personal: null,
      },
    ]);
    // The meetings themselves, with their minutes, stay.
    expect(await db.get("SELECT COUNT(*) AS n FROM meetings")).toEqual({ n: 3 });
  });
});

/**
 * The access log (audit_log) is append-only from the application's point of view: the
 * database refuses changing or removing an entry (also through INSERT OR REPLACE), no
 * statement of the server writes anything but INSERTs to it, no route changes it, and reads
 * of sensitive records are recorded through `recordRead`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect } from "vitest";
import { workspaceTest as it } from "../testing/workspace-world.js";

describe("the access log in the database", () => {
  it("refuses UPDATE, DELETE and a replacing INSERT of an entry", async ({ server, world }) => {
    const db = server.ctx.db;
    // The secretariat's login, recorded when the world was made.
    const first = await db.get<{ id: number; event: string }>(
      "SELECT id, event FROM audit_log WHERE actor_user_id = ? ORDER BY id LIMIT 1",
      [world.admin.id],
    );
    expect(first).toBeDefined();
    const id = first?.id as number;
    await expect(db.run("UPDATE audit_log SET event = 'logout' WHERE id = ?", [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.run("DELETE FROM audit_log WHERE id = ?", [id])).rejects.toThrow(/append-only/);
    if (db.dialect === "sqlite") {
      // PostgreSQL has no INSERT OR REPLACE; its replacing insert is the ON CONFLICT one below.
      await expect(
        db.run("INSERT OR REPLACE INTO audit_log (id, at, event, detail) VALUES (?, 0, 'logout', '{}')", [
          id,
        ]),
      ).rejects.toThrow(/append-only/);
    }
    await expect(
      db.run(
        "INSERT INTO audit_log (id, at, event, detail) VALUES (?, 0, 'logout', '{}') ON CONFLICT (id) DO UPDATE SET event = 'logout'",
        [id],
      ),
    ).rejects.toThrow(/append-only/);
    expect(await db.get("SELECT id, event FROM audit_log WHERE id = ?", [id])).toEqual(first);
    // A read connection cannot write at all.
    await expect(db.read((q) => q.run("DELETE FROM audit_log"))).rejects.toThrow(
      db.dialect === "sqlite" ? /READONLY/ : /cannot write/,
    );
    if (db.dialect === "postgres") {
      // The wrapper refuses run(); PostgreSQL itself refuses a write in a READ ONLY transaction.
      await expect(db.read((q) => q.all("DELETE FROM audit_log RETURNING id"))).rejects.toThrow(/read-only/);
      await expect(db.run("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    }
  });
});

describe("the application", () => {
  const src = fileURLToPath(new URL("..", import.meta.url));
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? sources(join(dir, e.name))
        : /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)
          ? [join(dir, e.name)]
          : [],
    );

  it("has no statement that changes or removes access log entries", () => {
    const changing =
      /(UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|REPLACE\s+INTO\s+audit_log|updateTable\(\s*["']audit_log|deleteFrom\(\s*["']audit_log|DROP\s+TRIGGER\s+audit_log)/i;
    const offenders = sources(src).filter(
      (f) => !f.includes(`${join("storage", "migrations")}`) && changing.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("offers no route that changes the log: only GET", async ({ world }) => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await world.admin.browser.request(method, `${world.base}/audit`, {});
      expect([404, 405]).toContain(res.status);
    }
    expect((await world.admin.browser.get(`${world.base}/audit`)).status).toBe(200);
  });
});

describe("recordRead", () => {
  it("records who read which sensitive record, and why, for the secretariat to see", async ({
    server,
    world,
  }) => {
    await server.ctx.audit.recordRead({
      actor: { userId: world.member.id, workspaceId: world.workspaceId },
      kind: "consultation",
      id: "case00000001",
      reason: "退院前カンファレンスの準備",
      ip: "192.0.2.10",
    });
    await server.ctx.audit.recordRead({
      actor: { userId: world.admin.id, workspaceId: world.workspaceId },
      kind: "consultation",
      id: "case00000002",
    });
    const listed = await world.admin.browser.get<{
      entries: {
        event: string;
        actorUserId: string;
        target: string;
        ip: string;
        detail: Record<string, unknown>;
      }[];
    }>(`${world.base}/audit?kind=reads`);
    expect(listed.status).toBe(200);
    expect(
      listed.body.entries.map((e) => ({
        event: e.event,
        actor: e.actorUserId,
        target: e.target,
        detail: e.detail,
      })),
    ).toEqual([
      {
        event: "record.read",
        actor: world.admin.id,
        target: "consultation:case00000002",
        detail: { kind: "consultation", id: "case00000002" },
      },
      {
        event: "record.read",
        actor: world.member.id,
        target: "consultation:case00000001",
        detail: { kind: "consultation", id: "case00000001", reason: "退院前カンファレンスの準備" },
      },
    ]);
    expect(listed.body.entries[1].ip).toBe("192.0.2.10");
  });

  it("refuses a read it cannot record properly", async ({ server, world }) => {
    await expect(
      server.ctx.audit.recordRead({
        actor: { userId: world.member.id, workspaceId: world.workspaceId },
        kind: "",
        id: "x",
      }),
    ).rejects.toThrow(/kind/);
    await expect(
      server.ctx.audit.recordRead({
        actor: { userId: world.member.id, workspaceId: world.workspaceId },
        kind: "consultation",
        id: "x",
        reason: "x".repeat(501),
      }),
    ).rejects.toThrow(/reason/);
  });
});

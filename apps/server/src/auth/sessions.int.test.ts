import { expect } from "vitest";
import type { TestServer } from "../testing/fixtures.js";
import { workspaceTest } from "../testing/workspace-world.js";

const it = workspaceTest.extend({ serverEnv: { SESSION_IDLE_MINUTES: "10", SESSION_MAX_HOURS: "1" } });

/** Every stored session's id, sorted. */
async function sessionIds(server: TestServer): Promise<string[]> {
  const rows = await server.ctx.kysely.selectFrom("sessions").select("id").execute();
  return rows.map((r) => r.id).sort();
}

/** Moves a session's last use or creation back in time. */
async function backdate(server: TestServer, id: string, change: { lastSeenAt?: number; createdAt?: number }) {
  await server.ctx.kysely
    .updateTable("sessions")
    .set({
      ...(change.lastSeenAt !== undefined ? { last_seen_at: change.lastSeenAt } : {}),
      ...(change.createdAt !== undefined ? { created_at: change.createdAt } : {}),
    })
    .where("id", "=", id)
    .execute();
}

it("deletes sessions past their idle timeout or absolute lifetime, and only those", async ({
  server,
  world: w,
}) => {
  // The world's people are logged in: their sessions are fresh and stay.
  const before = await sessionIds(server);
  expect(before).toHaveLength(4);
  const fresh = await server.ctx.sessions.create(w.member.id);
  const idle = await server.ctx.sessions.create(w.member.id);
  const old = await server.ctx.sessions.create(w.member.id);
  const now = Date.now();
  await backdate(server, idle.session.id, { lastSeenAt: now - 11 * 60_000 });
  await backdate(server, old.session.id, { createdAt: now - 2 * 3_600_000 });
  expect(await server.ctx.sessions.deleteExpired()).toBe(2);
  expect(await sessionIds(server)).toEqual([...before, fresh.session.id].sort());
  expect(await server.ctx.sessions.validate(fresh.token)).not.toBeNull();
});

it("re-checks an open connection's session by id: live, idle, ended or of a disabled user", async ({
  server,
  world: w,
}) => {
  const sessions = server.ctx.sessions;
  const before = await sessionIds(server);
  const live = await sessions.create(w.member.id);
  const idle = await sessions.create(w.member.id);
  const ended = await sessions.create(w.member.id);
  await backdate(server, idle.session.id, { lastSeenAt: Date.now() - 11 * 60_000 });
  await sessions.invalidate(ended.session.id);
  expect(await sessions.stillValid(live.session.id)).toBe(true);
  expect(await sessions.stillValid(idle.session.id)).toBe(false);
  expect(await sessions.stillValid(ended.session.id)).toBe(false);
  expect(await sessions.stillValid("no-such-session")).toBe(false);
  // The idle one is gone from the table, not just refused.
  expect(await sessionIds(server)).toEqual([...before, live.session.id].sort());

  // The account is disabled (everywhere, not just in this workspace).
  await server.ctx.kysely
    .updateTable("users")
    .set({ disabled_at: Date.now() })
    .where("id", "=", w.member.id)
    .execute();
  expect(await sessions.stillValid(live.session.id)).toBe(false);
  // Other people's sessions are not touched.
  const admin = (await w.admin.browser.get<{ sessionId: string }>("/api/auth/me")).body.sessionId;
  expect(await sessions.stillValid(admin)).toBe(true);
});

it("counts a re-check as use: the sliding timeout moves", async ({ server, world: w }) => {
  const { session } = await server.ctx.sessions.create(w.member.id);
  const earlier = Date.now() - 5 * 60_000;
  await backdate(server, session.id, { lastSeenAt: earlier });
  expect(await server.ctx.sessions.stillValid(session.id)).toBe(true);
  const row = await server.ctx.kysely
    .selectFrom("sessions")
    .select("last_seen_at")
    .where("id", "=", session.id)
    .executeTakeFirst();
  expect(row?.last_seen_at).toBeGreaterThan(earlier);
});

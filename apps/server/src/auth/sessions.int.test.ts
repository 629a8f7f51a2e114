import { afterEach, expect, it } from "vitest";
import { createUser, startTestServer, type TestServer } from "../testing/fixtures.js";

let server: TestServer;
afterEach(async () => {
  await server.destroy();
});

it("deletes sessions past their idle timeout or absolute lifetime, and only those", async () => {
  server = await startTestServer({ env: { SESSION_IDLE_MINUTES: "10", SESSION_MAX_HOURS: "1" } });
  const user = await createUser(server.ctx.db);
  const fresh = await server.ctx.sessions.create(user.id);
  const idle = await server.ctx.sessions.create(user.id);
  const old = await server.ctx.sessions.create(user.id);
  const now = Date.now();
  await server.ctx.db.run("UPDATE sessions SET last_seen_at = ? WHERE id = ?", [
    now - 11 * 60_000,
    idle.session.id,
  ]);
  await server.ctx.db.run("UPDATE sessions SET created_at = ? WHERE id = ?", [
    now - 2 * 3_600_000,
    old.session.id,
  ]);
  expect(await server.ctx.sessions.deleteExpired()).toBe(2);
  const left = await server.ctx.db.all<{ id: string }>("SELECT id FROM sessions");
  expect(left.map((r) => r.id)).toEqual([fresh.session.id]);
  expect(await server.ctx.sessions.validate(fresh.token)).not.toBeNull();
});

it("re-checks an open connection's session by id: live, idle, ended or of a disabled user", async () => {
  server = await startTestServer({ env: { SESSION_IDLE_MINUTES: "10" } });
  const sessions = server.ctx.sessions;
  const user = await createUser(server.ctx.db);
  const live = await sessions.create(user.id);
  const idle = await sessions.create(user.id);
  const ended = await sessions.create(user.id);
  await server.ctx.db.run("UPDATE sessions SET last_seen_at = ? WHERE id = ?", [
    Date.now() - 11 * 60_000,
    idle.session.id,
  ]);
  await sessions.invalidate(ended.session.id);
  expect(await sessions.stillValid(live.session.id)).toBe(true);
  expect(await sessions.stillValid(idle.session.id)).toBe(false);
  expect(await sessions.stillValid(ended.session.id)).toBe(false);
  expect(await sessions.stillValid("no-such-session")).toBe(false);
  // The idle one is gone from the table, not just refused.
  const left = await server.ctx.db.all<{ id: string }>("SELECT id FROM sessions");
  expect(left.map((r) => r.id)).toEqual([live.session.id]);

  await server.ctx.db.run("UPDATE users SET disabled_at = ? WHERE id = ?", [Date.now(), user.id]);
  expect(await sessions.stillValid(live.session.id)).toBe(false);
});

it("counts a re-check as use: the sliding timeout moves", async () => {
  server = await startTestServer({ env: { SESSION_IDLE_MINUTES: "10" } });
  const user = await createUser(server.ctx.db);
  const { session } = await server.ctx.sessions.create(user.id);
  const earlier = Date.now() - 5 * 60_000;
  await server.ctx.db.run("UPDATE sessions SET last_seen_at = ? WHERE id = ?", [earlier, session.id]);
  expect(await server.ctx.sessions.stillValid(session.id)).toBe(true);
  const row = await server.ctx.db.get<{ last_seen_at: number }>(
    "SELECT last_seen_at FROM sessions WHERE id = ?",
    [session.id],
  );
  expect(row?.last_seen_at).toBeGreaterThan(earlier);
});

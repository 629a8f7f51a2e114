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

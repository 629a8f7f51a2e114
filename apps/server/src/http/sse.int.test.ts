/**
 * Live event streams (SSE) end with the access that opened them: logout, disabling, a role
 * that no longer reads, a session ended without an event; and one person opens only so many.
 * Real server, real streaming fetch.
 */
import { describe, expect } from "vitest";
import { streamTest as it } from "../testing/event-streams.js";

/** `it` for a server with these settings. */
const itWith = (serverEnv: Record<string, string>) => it.extend({ serverEnv });

describe("live event streams", () => {
  it("end at logout, with an end event saying why", async ({ world: w, openStream }) => {
    const stream = await openStream(w.member.browser, `${w.base}/indicators/events`);
    expect(stream.status).toBe(200);
    await w.member.browser.post("/api/auth/logout");
    await expect.poll(stream.ended, { message: "the stream to end after logout", timeout: 5_000 }).toBe(true);
    expect(stream.names().at(-1)).toBe("end");
    expect(stream.endReason()).toContain("session");
  });

  it("end when the member is disabled in the workspace", async ({ world: w, openStream }) => {
    const stream = await openStream(w.member.browser, `${w.base}/indicators/events`);
    const res = await w.admin.browser.patch(`${w.base}/members/${w.member.id}`, { disabled: true });
    expect(res.status).toBe(204);
    await expect
      .poll(stream.ended, { message: "the stream to end after disabling", timeout: 5_000 })
      .toBe(true);
  });

  it("end when the member loses access without the session ending (another workspace's change does nothing)", async ({
    server,
    world: w,
    openStream,
  }) => {
    const stream = await openStream(w.member.browser, `${w.base}/indicators/events`);
    // Another workspace's change for the same person does not touch this stream.
    server.ctx.events.emit({ type: "user-access-changed", userId: w.member.id, workspaceId: "elsewhere" });
    await server.ctx.db.run("UPDATE memberships SET disabled_at = 1 WHERE user_id = ?", [w.member.id]);
    server.ctx.events.emit({ type: "user-access-changed", userId: w.member.id, workspaceId: w.workspaceId });
    await expect
      .poll(stream.ended, { message: "the stream to end after losing access", timeout: 5_000 })
      .toBe(true);
    expect(stream.endReason()).toContain("access");
  });

  itWith({ STREAM_SESSION_RECHECK_SECONDS: "1" })(
    "end when the session ends without any event, at the periodic re-check",
    async ({ server, world: w, openStream }) => {
      const stream = await openStream(w.member.browser, `${w.base}/indicators/events`);
      const other = await openStream(w.admin.browser, `${w.base}/indicators/events`);
      await server.ctx.db.run("DELETE FROM sessions WHERE user_id = ?", [w.member.id]);
      await expect
        .poll(stream.ended, { message: "the stream to end at the re-check", timeout: 10_000 })
        .toBe(true);
      expect(other.ended()).toBe(false);
    },
  );

  it("end at logout on the plan dashboard too", async ({ world: w, openStream }) => {
    expect((await w.admin.browser.post(`${w.base}/plans`, { fiscalYear: 2025 })).status).toBe(201);
    const stream = await openStream(w.member.browser, `${w.base}/plans/2025/events`);
    expect(stream.status).toBe(200);
    await w.member.browser.post("/api/auth/logout");
    await expect
      .poll(stream.ended, { message: "the plan stream to end after logout", timeout: 5_000 })
      .toBe(true);
  });

  itWith({ STREAMS_MAX_PER_USER: "2" })(
    "are capped per person with a clear 429",
    async ({ server, world: w, openStream }) => {
      const a = await openStream(w.member.browser, `${w.base}/indicators/events`);
      const b = await openStream(w.member.browser, `${w.base}/indicators/events`);
      expect([a.status, b.status]).toEqual([200, 200]);
      const refused = await fetch(`${server.origin}${w.base}/indicators/events`, {
        headers: { Cookie: w.member.browser.cookieHeader ?? "" },
      });
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ error: { code: "stream.tooMany" } });
      // Someone else is not affected; and a closed stream frees its place.
      expect((await openStream(w.admin.browser, `${w.base}/indicators/events`)).status).toBe(200);
      a.close();
      await expect
        .poll(async () => (await openStream(w.member.browser, `${w.base}/indicators/events`)).status, {
          message: "the closed stream's place to be freed",
          timeout: 5_000,
        })
        .toBe(200);
    },
  );
});

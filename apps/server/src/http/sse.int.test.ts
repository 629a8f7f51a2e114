/**
 * Live event streams (SSE) end with the access that opened them: logout, disabling, a role
 * that no longer reads, a session ended without an event; and one person opens only so many.
 * Real server, real streaming fetch.
 */
import { describe, expect } from "vitest";
import { waitFor } from "../testing/collab-clients.js";
import type { TestBrowser } from "../testing/http-client.js";
import { workspaceTest } from "../testing/workspace-world.js";

/**
 * The workspace world with `openStream(browser, path)`, which opens an event stream as
 * EventSource would; the streams are aborted after the test.
 */
const it = workspaceTest.extend<{ openStream: (browser: TestBrowser, path: string) => Promise<Stream> }>({
  openStream: async ({ server }, use) => {
    const streams: Stream[] = [];
    await use(async (browser, path) => {
      const stream = await openStream(server.origin, browser, path);
      streams.push(stream);
      return stream;
    });
    for (const stream of streams) stream.close();
  },
});
/** `it` for a server with these settings. */
const itWith = (serverEnv: Record<string, string>) => it.extend({ serverEnv });

interface Stream {
  status: number;
  /** Event names received, in order. */
  events: string[];
  /** Data of the `end` event, if one came. */
  endReason: () => string | null;
  ended: () => boolean;
  /** Closes it, as a page going away does. */
  close: () => void;
}

/** Opens an event stream as EventSource would and reads it in the background. */
async function openStream(origin: string, browser: TestBrowser, path: string): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${origin}${path}`, {
    headers: { Accept: "text/event-stream", Cookie: browser.cookieHeader ?? "" },
    signal: abort.signal,
  });
  const events: string[] = [];
  let endData: string | null = null;
  let done = res.status !== 200;
  if (res.status === 200 && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { value, done: finished } = await reader.read();
          if (finished) break;
          buffer += value;
          let cut = buffer.indexOf("\n\n");
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1] ?? null;
            if (event) events.push(event);
            if (event === "end") endData = data;
            cut = buffer.indexOf("\n\n");
          }
        }
      } catch {
        // aborted by the test
      }
      done = true;
    })();
    await waitFor(() => events.includes("ready"), "the stream's ready event");
  } else await res.body?.cancel();
  return {
    status: res.status,
    events,
    endReason: () => endData,
    ended: () => done,
    close: () => abort.abort(),
  };
}

describe("live event streams", () => {
  it("end at logout, with an end event saying why", async ({ world: w, openStream }) => {
    const stream = await openStream(w.member.browser, `${w.base}/indicators/events`);
    expect(stream.status).toBe(200);
    await w.member.browser.post("/api/auth/logout");
    await waitFor(stream.ended, "the stream to end after logout");
    expect(stream.events.at(-1)).toBe("end");
    expect(stream.endReason()).toContain("session");
  });

  it("end when the member is disabled in the workspace", async ({ world: w, openStream }) => {
    const stream = await openStream(w.member.browser, `${w.base}/indicators/events`);
    const res = await w.admin.browser.patch(`${w.base}/members/${w.member.id}`, { disabled: true });
    expect(res.status).toBe(204);
    await waitFor(stream.ended, "the stream to end after disabling");
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
    await waitFor(stream.ended, "the stream to end after losing access");
    expect(stream.endReason()).toContain("access");
  });

  itWith({ STREAM_SESSION_RECHECK_SECONDS: "1" })(
    "end when the session ends without any event, at the periodic re-check",
    async ({ server, world: w, openStream }) => {
      const stream = await openStream(w.member.browser, `${w.base}/indicators/events`);
      const other = await openStream(w.admin.browser, `${w.base}/indicators/events`);
      await server.ctx.db.run("DELETE FROM sessions WHERE user_id = ?", [w.member.id]);
      await waitFor(stream.ended, "the stream to end at the re-check", 10_000);
      expect(other.ended()).toBe(false);
    },
  );

  it("end at logout on the plan dashboard too", async ({ world: w, openStream }) => {
    expect((await w.admin.browser.post(`${w.base}/plans`, { fiscalYear: 2025 })).status).toBe(201);
    const stream = await openStream(w.member.browser, `${w.base}/plans/2025/events`);
    expect(stream.status).toBe(200);
    await w.member.browser.post("/api/auth/logout");
    await waitFor(stream.ended, "the plan stream to end after logout");
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
      await waitFor(
        async () => (await openStream(w.member.browser, `${w.base}/indicators/events`)).status === 200,
        "the closed stream's place to be freed",
      );
    },
  );
});

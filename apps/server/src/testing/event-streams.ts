/**
 * Live event streams (SSE) read as a browser's EventSource would: a streaming fetch with the
 * person's cookie, its events parsed in the background. `streamTest` is the workspace world
 * with `openStream(browser, path)`; the streams it opens are aborted after the test.
 */
import { expect } from "vitest";
import type { TestBrowser } from "./http-client.js";
import { workspaceTest } from "./workspace-world.js";

export interface EventStream {
  status: number;
  /** Events received, in order, with their data. */
  events: { event: string; data: string | null }[];
  /** The names of the events received, in order. */
  names: () => string[];
  /** Data of the `end` event, if one came. */
  endReason: () => string | null;
  ended: () => boolean;
  /** Closes it, as a page going away does. */
  close: () => void;
}

/** Opens an event stream and reads it in the background; resolves once it said `ready`. */
export async function openEventStream(
  origin: string,
  browser: TestBrowser,
  path: string,
): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(`${origin}${path}`, {
    headers: { Accept: "text/event-stream", Cookie: browser.cookieHeader ?? "" },
    signal: abort.signal,
  });
  const events: EventStream["events"] = [];
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
            if (event) events.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? null });
            cut = buffer.indexOf("\n\n");
          }
        }
      } catch {
        // aborted by the test
      }
      done = true;
    })();
    await expect
      .poll(() => events.some((e) => e.event === "ready"), {
        message: "the stream's ready event",
        timeout: 10_000,
      })
      .toBe(true);
  } else await res.body?.cancel();
  return {
    status: res.status,
    events,
    names: () => events.map((e) => e.event),
    endReason: () => events.find((e) => e.event === "end")?.data ?? null,
    ended: () => done,
    close: () => abort.abort(),
  };
}

/** The workspace world with `openStream(browser, path)`; its streams are closed after the test. */
export const streamTest = workspaceTest.extend<{
  openStream: (browser: TestBrowser, path: string) => Promise<EventStream>;
}>({
  openStream: async ({ server }, use) => {
    const streams: EventStream[] = [];
    await use(async (browser, path) => {
      const stream = await openEventStream(server.origin, browser, path);
      streams.push(stream);
      return stream;
    });
    for (const stream of streams) stream.close();
  },
});

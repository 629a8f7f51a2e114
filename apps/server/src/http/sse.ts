/**
 * A server-sent-events stream fed by an in-process subscription: `ready` on connect, one
 * `changed` event per batch of notifications, a `ping` every 25 s so proxies keep it open.
 */
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";

export function changeStream<T>(
  c: Context,
  subscribe: (listener: (payload: T) => void) => () => void,
  toData: (batch: T[]) => unknown,
): Response {
  return streamSSE(c, async (stream) => {
    const queue: T[] = [];
    let wake: (() => void) | null = null;
    const off = subscribe((payload) => {
      queue.push(payload);
      wake?.();
    });
    stream.onAbort(() => {
      off();
      wake?.();
    });
    await stream.writeSSE({ event: "ready", data: "{}" });
    while (!stream.aborted) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 25_000);
        });
        wake = null;
      }
      const batch = queue.splice(0);
      if (stream.aborted) break;
      if (batch.length === 0) await stream.writeSSE({ event: "ping", data: "{}" });
      else await stream.writeSSE({ event: "changed", data: JSON.stringify(toData(batch)) });
    }
    off();
  });
}

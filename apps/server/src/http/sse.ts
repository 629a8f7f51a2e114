/**
 * Server-sent-event streams fed by an in-process subscription: `ready` on connect, one
 * `changed` event per batch of notifications, a `ping` every 25 s so proxies keep it open.
 *
 * A stream lives only as long as the access that opened it, like a collab socket: it ends
 * (with an `end` event naming why) when its session ends (logout, password change, disabling,
 * "end sessions": AccessEvents `sessions-ended`), when a `user-access-changed` for its person
 * and workspace makes its own access check fail, when its session reaches its absolute
 * lifetime, and when the periodic re-validation (STREAM_SESSION_RECHECK_SECONDS) finds the
 * session gone without any event. One person holds at most STREAMS_MAX_PER_USER streams.
 */
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { AccessEvents } from "../auth/access-events.js";
import type { SessionStore } from "../auth/sessions.js";
import type { Logger } from "../logger.js";
import type { AppEnv } from "./env.js";
import { ApiError, authRequired } from "./errors.js";

const PING_MS = 25_000;
const SWEEP_MS = 3_000;

export interface StreamLimits {
  maxPerUser: number;
  sessionRecheckMs: number;
}

type EndReason = "session-ended" | "access-changed" | "server-closing";

interface OpenStream {
  sessionId: string;
  userId: string;
  workspaceId: string | null;
  sessionEndsAt: number;
  /** Whether the person may still read what the stream sends. */
  stillAllowed: () => Promise<boolean>;
  end(reason: EndReason): void;
}

/** Every open stream of one server, closed on the access events that close sockets. */
export class StreamRegistry {
  private readonly streams = new Set<OpenStream>();
  private readonly unsubscribe: () => void;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly deps: { events: AccessEvents; sessions: SessionStore; log: Logger },
    readonly limits: StreamLimits,
  ) {
    this.unsubscribe = deps.events.on((change) => {
      if (change.type === "sessions-ended") {
        const ended = new Set(change.sessionIds);
        for (const s of this.streams) if (ended.has(s.sessionId)) s.end("session-ended");
      } else if (change.type === "user-access-changed") {
        for (const s of this.streams) {
          if (s.userId !== change.userId) continue;
          if (change.workspaceId !== null && s.workspaceId !== change.workspaceId) continue;
          this.recheck(s);
        }
      }
    });
    const sweep = setInterval(() => {
      const now = Date.now();
      for (const s of this.streams) if (now >= s.sessionEndsAt) s.end("session-ended");
    }, SWEEP_MS);
    const revalidate = setInterval(() => void this.revalidateSessions(), limits.sessionRecheckMs);
    sweep.unref();
    revalidate.unref();
    this.timers.push(sweep, revalidate);
  }

  private recheck(s: OpenStream): void {
    s.stillAllowed().then(
      (ok) => {
        if (!ok) s.end("access-changed");
      },
      (err) => {
        this.deps.log.error("sse: access re-check failed, ending the stream", { err });
        s.end("access-changed");
      },
    );
  }

  /** Sessions can end in ways no event announces (another process, a hand edit). */
  private async revalidateSessions(): Promise<void> {
    const bySession = new Map<string, OpenStream[]>();
    for (const s of this.streams) bySession.set(s.sessionId, [...(bySession.get(s.sessionId) ?? []), s]);
    for (const [sessionId, list] of bySession) {
      const valid = await this.deps.sessions.stillValid(sessionId).catch(() => false);
      if (!valid) for (const s of list) s.end("session-ended");
    }
  }

  countFor(userId: string): number {
    let n = 0;
    for (const s of this.streams) if (s.userId === userId) n++;
    return n;
  }

  add(s: OpenStream): () => void {
    this.streams.add(s);
    return () => this.streams.delete(s);
  }

  close(): void {
    this.unsubscribe();
    for (const t of this.timers) clearInterval(t);
    for (const s of this.streams) s.end("server-closing");
  }
}

export interface ChangeStreamOptions<T> {
  subscribe: (listener: (payload: T) => void) => () => void;
  toData: (batch: T[]) => unknown;
  /** Decides again whether the person may read this stream (after an access change). */
  stillAllowed: () => Promise<boolean>;
}

export function changeStream<T>(c: Context<AppEnv>, opts: ChangeStreamOptions<T>): Response {
  const app = c.get("app");
  const session = c.get("session");
  const user = c.get("user");
  if (!session || !user) throw authRequired();
  const registry = app.streams;
  if (registry.countFor(user.id) >= registry.limits.maxPerUser) {
    throw new ApiError(
      429,
      "stream.tooMany",
      "開いている画面が多すぎるため、自動更新を始められません。使っていない画面を閉じてください。",
    );
  }
  const workspaceId = c.get("workspaceId") ?? null;
  return streamSSE(c, async (stream) => {
    const queue: T[] = [];
    let wake: (() => void) | null = null;
    let ending: EndReason | null = null;
    const off = opts.subscribe((payload) => {
      queue.push(payload);
      wake?.();
    });
    const forget = registry.add({
      sessionId: session.id,
      userId: user.id,
      workspaceId,
      sessionEndsAt: app.sessions.lifetimeEndsAt(session),
      stillAllowed: opts.stillAllowed,
      end: (reason) => {
        ending ??= reason;
        wake?.();
      },
    });
    stream.onAbort(() => {
      off();
      forget();
      wake?.();
    });
    try {
      await stream.writeSSE({ event: "ready", data: "{}" });
      while (!stream.aborted && ending === null) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, PING_MS);
          });
          wake = null;
        }
        if (stream.aborted) break;
        if (ending !== null) break;
        const batch = queue.splice(0);
        if (batch.length === 0) await stream.writeSSE({ event: "ping", data: "{}" });
        else await stream.writeSSE({ event: "changed", data: JSON.stringify(opts.toData(batch)) });
      }
      if (ending !== null && !stream.aborted) {
        await stream.writeSSE({ event: "end", data: JSON.stringify({ reason: ending }) });
      }
    } finally {
      off();
      forget();
      if (!stream.aborted) await stream.close();
    }
  });
}

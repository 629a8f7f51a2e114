/**
 * Logging out needs the server (the session cookie is HttpOnly; only the server can end the
 * session). When it cannot be reached, the logout is remembered and sent as soon as it can
 * be — every few seconds, on the browser's `online` event and at the next start of the app —
 * so the next person at this browser is not logged in as the previous one.
 *
 * A logout names the session it ends: the server ignores it (and leaves the cookie alone)
 * when the cookie now belongs to another session, so a late or repeated logout never ends or
 * clears a newer session. A login holds the logout while it is being decided: the server
 * ends the session of the cookie a login replaces, so a successful login settles it, and a
 * failed one lets it go on.
 */
import { ApiError } from "../api/client";
import { isUnreachable } from "./remembered-answers";

const KEY = "tsumugi:logoutPending";
/** Stored for a session whose id is not known (a copy from an older version): no name sent. */
const UNNAMED = "*";
const RETRY_MS = 5_000;
/** A network that drops packets silently must not keep the previous person on screen. */
const SEND_TIMEOUT_MS = 5_000;

export interface PendingLogoutOptions {
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** POST /api/auth/logout, naming the session unless null. */
  send: (sessionId: string | null, signal: AbortSignal) => Promise<unknown>;
  retryMs?: number;
  sendTimeoutMs?: number;
}

type Outcome = "done" | "pending";

export class PendingLogout {
  private retry: ReturnType<typeof setTimeout> | null = null;
  /** Kept here too, for when storage refuses to keep it. */
  private sessionHere: string | null = null;
  private inFlight: { session: string; outcome: Promise<Outcome> } | null = null;
  /** Bumped by cancel: the outcome of a send started before does not count. */
  private generation = 0;
  private held = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PendingLogoutOptions) {}

  get pending(): boolean {
    return this.sessionToEnd !== null;
  }

  /**
   * Ends the session now, or remembers to: "pending" means the server has not confirmed it
   * (it did not answer, or not within a few seconds); it is retried until it does.
   */
  logout(sessionId: string | null): Promise<Outcome> {
    this.mark(sessionId ?? UNNAMED);
    return this.send();
  }

  /** Sends a remembered logout now; resolves whether none is left. */
  async flush(): Promise<boolean> {
    if (!this.pending) return true;
    return (await this.send()) === "done";
  }

  /**
   * For a login: no logout is sent until `release` or `cancel`, and one on its way has been
   * answered or given up (its answer clears the cookie, so it must not follow the login's).
   */
  async hold(): Promise<void> {
    this.held = true;
    await this.inFlight?.outcome.catch(() => undefined);
  }

  /** The login failed: the logout goes on. */
  release(): void {
    this.held = false;
    if (this.pending) void this.send();
  }

  /** A login succeeded (and ended the session the logout was for). */
  cancel(): void {
    this.held = false;
    this.generation++;
    this.clear();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private get sessionToEnd(): string | null {
    return this.options.storage.getItem(KEY) ?? this.sessionHere;
  }

  private send(): Promise<Outcome> {
    const session = this.sessionToEnd;
    if (session === null) return Promise.resolve("done");
    if (this.held) return Promise.resolve("pending");
    if (this.inFlight) {
      // Another session's logout is on its way: this one follows it.
      if (this.inFlight.session === session) return this.inFlight.outcome;
      return this.inFlight.outcome.then(() => this.send());
    }
    const generation = this.generation;
    const outcome = this.attempt(session)
      .then((result) => {
        if (generation !== this.generation || this.sessionToEnd !== session) return "done" as const;
        if (result === "done") this.clear();
        else this.schedule();
        return result;
      })
      .finally(() => {
        this.inFlight = null;
      });
    this.inFlight = { session, outcome };
    return outcome;
  }

  private async attempt(session: string): Promise<Outcome> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.options.sendTimeoutMs ?? SEND_TIMEOUT_MS);
    try {
      await this.options.send(session === UNNAMED ? null : session, abort.signal);
      return "done";
    } catch (err) {
      // No answer, a timeout, a server or proxy error, or "slow down": worth another try.
      // Any other answer (401: already ended; 4xx: refused for good) leaves nothing to do.
      if (isUnreachable(err) || !(err instanceof ApiError)) return "pending";
      return err.status >= 500 || err.status === 429 ? "pending" : "done";
    } finally {
      clearTimeout(timer);
    }
  }

  private mark(session: string): void {
    const was = this.pending;
    this.sessionHere = session;
    try {
      this.options.storage.setItem(KEY, session);
    } catch {
      // Cannot persist: the retries still run while this page stays open.
    }
    if (!was) this.notify();
  }

  private clear(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const was = this.pending;
    this.sessionHere = null;
    this.options.storage.removeItem(KEY);
    if (was) this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private schedule(): void {
    if (this.retry || this.held) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.flush();
    }, this.options.retryMs ?? RETRY_MS);
  }
}

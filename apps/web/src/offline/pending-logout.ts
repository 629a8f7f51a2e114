/**
 * Logging out needs the server (the session cookie is HttpOnly; only the server can end the
 * session). When it cannot be reached, the logout is remembered and sent as soon as it can
 * be — every few seconds, on the browser's `online` event and at the next start of the app —
 * so the next person at this browser is not logged in as the previous one.
 *
 * A logout names the session it ends: the server ignores it when the browser's cookie now
 * belongs to another session, so a late or repeated logout (another tab, a retry racing a new
 * login) never ends someone else's session. A new login cancels it; the server ends the
 * session of the cookie the login replaces.
 */
import { ApiError } from "../api/client";
import { isUnreachable } from "./remembered-answers";

const KEY = "tsumugi:logoutPending";
const RETRY_MS = 5_000;
/** A network that drops packets silently must not keep the previous person on screen. */
const SEND_TIMEOUT_MS = 5_000;

export interface PendingLogoutOptions {
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** POST /api/auth/logout naming the session. */
  send: (sessionId: string) => Promise<unknown>;
  retryMs?: number;
  sendTimeoutMs?: number;
}

type Outcome = "done" | "pending";

export class PendingLogout {
  private retry: ReturnType<typeof setTimeout> | null = null;
  /** Kept here too, for when storage refuses to keep it. */
  private sessionHere: string | null = null;
  private inFlight: Promise<Outcome> | null = null;
  /** Bumped by cancel: the outcome of a send started before does not count. */
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PendingLogoutOptions) {}

  get pending(): boolean {
    return this.sessionToEnd !== null;
  }

  /**
   * Ends `sessionId` now, or remembers to: "pending" means the server has not confirmed it
   * yet (it did not answer, or not within a few seconds); it is retried until it does.
   */
  logout(sessionId: string): Promise<Outcome> {
    this.mark(sessionId);
    return this.send();
  }

  /** Sends a remembered logout now; resolves whether none is left. */
  async flush(): Promise<boolean> {
    if (!this.pending) return true;
    return (await this.send()) === "done";
  }

  /** Waits for a logout being sent, so a login does not race its answer (which clears the cookie). */
  async settled(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  cancel(): void {
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
    if (this.inFlight) return this.inFlight;
    const sessionId = this.sessionToEnd;
    if (sessionId === null) return Promise.resolve("done");
    const generation = this.generation;
    const attempt = this.attempt(sessionId).then((outcome) => {
      if (generation !== this.generation) return "done" as const;
      if (outcome === "done") this.clear();
      else this.schedule();
      return outcome;
    });
    this.inFlight = attempt.finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async attempt(sessionId: string): Promise<Outcome> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), this.options.sendTimeoutMs ?? SEND_TIMEOUT_MS);
    });
    try {
      const answer = await Promise.race([this.options.send(sessionId).then(() => "sent" as const), late]);
      return answer === "sent" ? "done" : "pending";
    } catch (err) {
      // Ended already (401) or refused for good (403): nothing a retry could change.
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return "done";
      if (!isUnreachable(err)) console.warn("logout not confirmed; will retry", err);
      return "pending";
    } finally {
      clearTimeout(timer);
    }
  }

  private mark(sessionId: string): void {
    const was = this.pending;
    this.sessionHere = sessionId;
    try {
      this.options.storage.setItem(KEY, sessionId);
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
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.flush();
    }, this.options.retryMs ?? RETRY_MS);
  }
}

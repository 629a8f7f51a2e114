/**
 * Logging out needs the server (the session cookie is HttpOnly; only the server can end the
 * session). When it cannot be reached, the logout is remembered and sent as soon as it can
 * be — at the next start of the app or every few seconds meanwhile — so the next person at
 * this browser is not logged in as the previous one. A new login cancels it (the browser
 * then holds another session's cookie).
 */
import { isUnreachable } from "./remembered-answers";

const KEY = "tsumugi:logoutPending";
const RETRY_MS = 5_000;

export interface PendingLogoutOptions {
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** POST /api/auth/logout. */
  send: () => Promise<unknown>;
  retryMs?: number;
}

export class PendingLogout {
  private retry: ReturnType<typeof setTimeout> | null = null;
  /** Also kept here, for when storage refuses to keep it. */
  private pendingHere = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PendingLogoutOptions) {}

  get pending(): boolean {
    return this.pendingHere || this.options.storage.getItem(KEY) !== null;
  }

  /** Logs out now, or remembers to: "pending" means the server has not heard of it yet. */
  async logout(): Promise<"done" | "pending"> {
    try {
      await this.options.send();
    } catch (err) {
      if (isUnreachable(err)) {
        this.mark();
        this.schedule();
        return "pending";
      }
      // Any other answer (401: already ended) leaves nothing to do.
    }
    this.clear();
    return "done";
  }

  /** Sends a remembered logout now; resolves whether it is done. Retries later if not. */
  async flush(): Promise<boolean> {
    if (!this.pending) return true;
    return (await this.logout()) === "done";
  }

  cancel(): void {
    this.clear();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private mark(): void {
    const was = this.pending;
    this.pendingHere = true;
    if (!was) for (const listener of this.listeners) listener();
    try {
      this.options.storage.setItem(KEY, "1");
    } catch {
      // Cannot persist: the retries still run while this page stays open.
    }
  }

  private clear(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const was = this.pending;
    this.pendingHere = false;
    this.options.storage.removeItem(KEY);
    if (was) for (const listener of this.listeners) listener();
  }

  private schedule(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.flush();
    }, this.options.retryMs ?? RETRY_MS);
  }
}

/**
 * The last answers to the few requests a page needs before it can open its documents (who
 * is logged in, the workspace, the document, plan or meeting), kept in localStorage. When
 * the server cannot be reached, a page reloaded by the service worker gets these copies
 * and opens its documents from IndexedDB as before; it says so, and asks the server again
 * every few seconds until it answers, then reloads its data for real.
 *
 * Copies are dropped when the server says the session ended (401), the user logs out or in,
 * and for one path when access to it is refused (403/404).
 */
import { ApiError, get } from "../api/client";

const PREFIX = "tsumugi:copy:";
const RETRY_MS = 5_000;

type Listener = () => void;

export interface RememberedAnswersOptions {
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;
  load?: <T>(path: string) => Promise<T>;
  /** Whether the server answers again. */
  probe?: () => Promise<boolean>;
  retryMs?: number;
}

/** No answer at all, or a proxy saying the server behind it is down. */
export function isUnreachable(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || (err.status >= 502 && err.status <= 504));
}

async function serverAnswers(): Promise<boolean> {
  try {
    return (await fetch("/api/health", { cache: "no-store" })).ok;
  } catch {
    return false;
  }
}

export class RememberedAnswers {
  private usingCopies = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private checking = false;
  private readonly changed = new Set<Listener>();
  private readonly back = new Set<Listener>();
  private readonly storage: RememberedAnswersOptions["storage"];
  private readonly load: <T>(path: string) => Promise<T>;
  private readonly probe: () => Promise<boolean>;
  private readonly retryMs: number;

  constructor(options: RememberedAnswersOptions) {
    this.storage = options.storage;
    this.load = options.load ?? get;
    this.probe = options.probe ?? serverAnswers;
    this.retryMs = options.retryMs ?? RETRY_MS;
  }

  /** GET `path`; when the server is unreachable, the last answer it gave, if any. */
  async get<T>(path: string): Promise<T> {
    try {
      const answer = await this.load<T>(path);
      this.remember(path, answer);
      return answer;
    } catch (err) {
      if (isUnreachable(err)) {
        const copy = this.read<T>(path);
        if (copy !== undefined) {
          this.markUsingCopies();
          return copy;
        }
      } else if (err instanceof ApiError && err.status === 401) {
        this.forgetAll();
      } else if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
        this.remove(path);
      }
      throw err;
    }
  }

  /** True while something on screen comes from a copy. */
  get isUsingCopies(): boolean {
    return this.usingCopies;
  }

  /** Keeps an answer obtained otherwise (the login's answer is the same as /api/auth/me's). */
  remember(path: string, answer: unknown): void {
    try {
      this.storage.setItem(PREFIX + path, JSON.stringify(answer));
    } catch {
      // Storage full or disabled: this page just cannot be reopened offline.
    }
  }

  forgetAll(): void {
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) this.storage.removeItem(key);
  }

  onChange(listener: Listener): () => void {
    this.changed.add(listener);
    return () => this.changed.delete(listener);
  }

  /** Called once the server answers again after copies were used. */
  onServerBack(listener: Listener): () => void {
    this.back.add(listener);
    return () => this.back.delete(listener);
  }

  /** Ask the server now (the browser says the network is back) rather than at the next retry. */
  checkNow(): void {
    if (!this.usingCopies) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    void this.check();
  }

  private markUsingCopies(): void {
    if (this.usingCopies) return;
    this.usingCopies = true;
    for (const listener of this.changed) listener();
    this.scheduleCheck();
  }

  private scheduleCheck(): void {
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.check();
    }, this.retryMs);
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    const answers = await this.probe().finally(() => {
      this.checking = false;
    });
    if (!this.usingCopies) return;
    if (!answers) {
      if (!this.retry) this.scheduleCheck();
      return;
    }
    this.usingCopies = false;
    for (const listener of this.changed) listener();
    for (const listener of this.back) listener();
  }

  private read<T>(path: string): T | undefined {
    const text = this.storage.getItem(PREFIX + path);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  }

  private remove(path: string): void {
    this.storage.removeItem(PREFIX + path);
  }
}

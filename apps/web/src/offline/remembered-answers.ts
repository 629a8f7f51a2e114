/**
 * The last answers to the few requests a page needs before it can open its documents (who
 * is logged in, the workspace, the document, plan or meeting), kept in localStorage. When
 * the server cannot be reached, a page reloaded by the service worker gets these copies
 * and opens its documents from IndexedDB as before; it says so, and asks the server again
 * every few seconds until it answers, then reloads its data for real.
 *
 * Copies are only offered while the session they were fetched with could still be valid
 * (`keepUntil`, from the server's answer about the session). They are dropped when the
 * server says the session ended (401), the user logs out or in, for one path when access to
 * it is refused (403/404), and by `forgetWhere` for what the server no longer lists.
 */
import { ApiError, get } from "../api/client";

const PREFIX = "tsumugi:copy:";
/** Not a path (paths start with "/"), so it cannot collide with a copy. */
const VALID_UNTIL = `${PREFIX}#validUntil`;
const RETRY_MS = 5_000;

type Listener = () => void;

export type AnswerStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export interface RememberedAnswersOptions {
  storage: AnswerStorage;
  load?: <T>(path: string) => Promise<T>;
  /** Whether the server answers again. */
  probe?: () => Promise<boolean>;
  retryMs?: number;
  now?: () => number;
}

/** No answer at all, or a proxy saying the server behind it is down. */
export function isUnreachable(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || (err.status >= 502 && err.status <= 504));
}

/** Our own health answer, not just any 200 (a captive portal or a proxy's page). */
export async function serverAnswers(): Promise<boolean> {
  try {
    const res = await fetch("/api/health", { cache: "no-store" });
    if (!res.ok) return false;
    const body = (await res.json()) as { ok?: unknown } | null;
    return body?.ok === true;
  } catch {
    return false;
  }
}

export class RememberedAnswers {
  private usingCopies = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private checking = false;
  /** Bumped by forgetAll: an answer to a request sent before is not kept. */
  private generation = 0;
  private readonly changed = new Set<Listener>();
  private readonly back = new Set<Listener>();
  private readonly storage: AnswerStorage;
  private readonly load: <T>(path: string) => Promise<T>;
  private readonly probe: () => Promise<boolean>;
  private readonly retryMs: number;
  private readonly now: () => number;

  constructor(options: RememberedAnswersOptions) {
    this.storage = options.storage;
    this.load = options.load ?? get;
    this.probe = options.probe ?? serverAnswers;
    this.retryMs = options.retryMs ?? RETRY_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * GET `path`; when the server is unreachable, the last answer it gave, if any and still
   * valid. `onFresh` runs only for an answer from the server.
   */
  async get<T>(path: string, onFresh?: (answer: T) => void): Promise<T> {
    const generation = this.generation;
    try {
      const answer = await this.load<T>(path);
      if (generation === this.generation) {
        this.remember(path, answer);
        onFresh?.(answer);
      }
      return answer;
    } catch (err) {
      if (isUnreachable(err)) {
        const copy = this.read<T>(path);
        if (copy !== undefined) {
          this.markUsingCopies();
          return copy;
        }
      } else if (err instanceof ApiError && err.status === 401) {
        // Unless a login or logout came in between: this 401 is about a session already gone.
        if (generation === this.generation) this.forgetAll();
      } else if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
        this.storage.removeItem(PREFIX + path);
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
    if (answer === null || answer === undefined) return;
    this.write(PREFIX + path, JSON.stringify(answer));
  }

  /** Copies are offered until `time` (this device's clock), when the session may have ended. */
  keepUntil(time: number): void {
    this.write(VALID_UNTIL, String(time));
  }

  /** Every copy; how long the session lasts is kept, the next answer about it replaces it. */
  forgetAll(): void {
    this.generation++;
    this.forgetKeys((key) => key.startsWith(PREFIX) && key !== VALID_UNTIL);
  }

  forgetWhere(test: (path: string) => boolean): void {
    this.forgetKeys((key) => key.startsWith(PREFIX) && key !== VALID_UNTIL && test(key.slice(PREFIX.length)));
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

  private forgetKeys(test: (key: string) => boolean): void {
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key !== null && test(key)) keys.push(key);
    }
    for (const key of keys) this.storage.removeItem(key);
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
    const validUntil = Number(this.storage.getItem(VALID_UNTIL));
    if (!(validUntil > this.now())) {
      // The session these copies were fetched with may be over: nobody sees them again.
      this.forgetAll();
      return undefined;
    }
    const text = this.storage.getItem(PREFIX + path);
    if (text === null) return undefined;
    try {
      return (JSON.parse(text) as T | null) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private write(key: string, value: string): void {
    try {
      this.storage.setItem(key, value);
    } catch {
      // Storage full or disabled: this page just cannot be reopened offline.
    }
  }
}

/**
 * Throttling of password and second-factor checks, so that a guesser is slowed down but the
 * owner of an account is not locked out by someone else's failures (OWASP's device-cookie
 * pattern, ASVS 5.0 V6.1.1 / V6.3.1):
 *
 * - An attempt from a browser that logged in to this account before (a valid device cookie,
 *   see device-cookie.ts) is counted only against that browser: each failure beyond
 *   `freeFailures` doubles the wait (1 s, 2 s, 4 s … up to `maxDelayMs`). Failures from
 *   elsewhere (other addresses, the same office proxy) never hold it back.
 * - Any other attempt is counted against the pair (account, address) with the same doubling
 *   wait; against the address, which may fail `maxPerIp` times within the window whatever the
 *   accounts (password spraying); and against the account, which may fail `maxPerAccount`
 *   times within the window from browsers it does not know (guessing from many addresses).
 *
 * The wait is checked before the password, so a throttled guesser learns nothing. State lives
 * behind `ThrottleStore`: in memory on one node (a restart forgets, which only helps the owner),
 * in Redis on several (cluster/redis-throttle-store.ts).
 */
import { ApiError } from "../http/errors.js";

export interface ThrottleLimits {
  /** Failures of one account from one address (or one known browser) before waits begin. */
  freeFailures: number;
  /** The longest wait the doubling reaches. */
  maxDelayMs: number;
  /** Failures of one account from browsers it does not know, within the window. */
  maxPerAccount: number;
  /** Failures from one address within the window (any account), for browsers it does not know. */
  maxPerIp: number;
  windowMs: number;
}

/** Counted failures under one key. */
export interface ThrottleRecord {
  count: number;
  firstAt: number;
  lastAt: number;
  /** When the record is forgotten. */
  expiresAt: number;
}

/** Where throttle state lives; async so that a shared store (e.g. Redis) can implement it. */
export interface ThrottleStore {
  get(key: string, now: number): Promise<ThrottleRecord | undefined>;
  put(key: string, record: ThrottleRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemoryThrottleStore implements ThrottleStore {
  private readonly records = new Map<string, ThrottleRecord>();

  async get(key: string, now: number): Promise<ThrottleRecord | undefined> {
    const r = this.records.get(key);
    if (r && r.expiresAt <= now) {
      this.records.delete(key);
      return undefined;
    }
    return r;
  }

  async put(key: string, record: ThrottleRecord): Promise<void> {
    this.records.set(key, record);
    if (this.records.size > 100_000) {
      for (const [k, r] of this.records) if (r.expiresAt <= record.lastAt) this.records.delete(k);
    }
  }

  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }
}

/**
 * One attempt: the account it is for (a lower-cased e-mail for passwords; callers prefix
 * other kinds, e.g. `2fa:<user id>`), the client's address and, when the browser is known
 * for this account, an id of that browser (a device cookie's nonce, or a session id).
 */
export interface Attempt {
  account: string;
  ip: string;
  device: string | null;
}

/** A pair's failures are remembered this long after its last one (unless it succeeds). */
const PAIR_MEMORY_MS = 24 * 60 * 60 * 1000;
const FIRST_DELAY_MS = 1000;

type Rule = { key: string; kind: "doubling" } | { key: string; kind: "window"; max: number };

export class LoginThrottle {
  constructor(
    readonly limits: ThrottleLimits,
    private readonly store: ThrottleStore = new MemoryThrottleStore(),
    private readonly now: () => number = Date.now,
  ) {}

  private rules(a: Attempt): Rule[] {
    const account = a.account.toLowerCase();
    if (a.device !== null) return [{ key: `d:${account}|${a.device}`, kind: "doubling" }];
    return [
      { key: `p:${account}|${a.ip}`, kind: "doubling" },
      { key: `a:${account}`, kind: "window", max: this.limits.maxPerAccount },
      { key: `i:${a.ip}`, kind: "window", max: this.limits.maxPerIp },
    ];
  }

  /** The wait after `count` failures of one pair or known browser, from its last failure. */
  delayAfter(count: number): number {
    if (count < this.limits.freeFailures) return 0;
    const doublings = Math.min(count - this.limits.freeFailures, 30);
    return Math.min(this.limits.maxDelayMs, FIRST_DELAY_MS * 2 ** doublings);
  }

  /** Milliseconds until this attempt may be checked, or 0 when it may be now. */
  async retryAfterMs(a: Attempt): Promise<number> {
    const t = this.now();
    let wait = 0;
    for (const rule of this.rules(a)) {
      const r = await this.store.get(rule.key, t);
      if (!r) continue;
      if (rule.kind === "doubling") wait = Math.max(wait, r.lastAt + this.delayAfter(r.count) - t);
      else if (r.count >= rule.max) wait = Math.max(wait, r.expiresAt - t);
    }
    return Math.max(0, wait);
  }

  async recordFailure(a: Attempt): Promise<void> {
    const t = this.now();
    for (const rule of this.rules(a)) {
      const r = await this.store.get(rule.key, t);
      const firstAt = r?.firstAt ?? t;
      await this.store.put(rule.key, {
        count: (r?.count ?? 0) + 1,
        firstAt,
        lastAt: t,
        // A pair is remembered from its last failure; a window runs from its first.
        expiresAt: rule.kind === "doubling" ? t + PAIR_MEMORY_MS : firstAt + this.limits.windowMs,
      });
    }
  }

  /** A success forgets the failures of this pair or browser (not the address's or account's). */
  async recordSuccess(a: Attempt): Promise<void> {
    await this.store.delete(this.rules(a)[0].key);
  }
}

/** "3秒" / "2分": how long to wait, as the messages say it. */
export function waitInJapanese(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分`;
}

/** The 429 every throttled check answers: how long to wait, in the message and Retry-After. */
export function throttledError(waitMs: number, what = "ログイン"): ApiError {
  return new ApiError(
    429,
    "auth.throttled",
    `${what}の失敗が続いたため、しばらく待ってからお試しください。${waitInJapanese(waitMs)}後に再びお試しいただけます。`,
    undefined,
    { "Retry-After": String(Math.max(1, Math.ceil(waitMs / 1000))) },
  );
}

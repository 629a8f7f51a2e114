/**
 * Login throttling: failed attempts are counted per account (e-mail) and per client IP in
 * a sliding window. Over either limit, further attempts are refused with 429 until the
 * oldest counted failure leaves the window — before the password is even checked, so a
 * guesser learns nothing more. Kept in memory: a restart forgets, which only helps the
 * legitimate user.
 */
import { ApiError } from "../http/errors.js";

/** The 429 every password check answers while throttled. */
export function throttledError(waitMs: number): ApiError {
  return new ApiError(
    429,
    "auth.throttled",
    "ログインの試行回数が上限に達しました。しばらく待ってから再度お試しください。",
    undefined,
    { "Retry-After": String(Math.ceil(waitMs / 1000)) },
  );
}

export interface ThrottleLimits {
  maxPerAccount: number;
  maxPerIp: number;
  windowMs: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(email: string, ip: string): number {
    const t = this.now();
    return Math.max(
      this.wait(`a:${email.toLowerCase()}`, this.limits.maxPerAccount, t),
      this.wait(`i:${ip}`, this.limits.maxPerIp, t),
    );
  }

  recordFailure(email: string, ip: string): void {
    const t = this.now();
    for (const key of [`a:${email.toLowerCase()}`, `i:${ip}`]) {
      const list = this.recent(key, t);
      list.push(t);
      this.failures.set(key, list);
    }
    if (this.failures.size > 50_000) this.prune(t);
  }

  /** A successful login clears the account's failures (not the IP's). */
  recordSuccess(email: string): void {
    this.failures.delete(`a:${email.toLowerCase()}`);
  }

  private recent(key: string, t: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => t - at < this.limits.windowMs);
  }

  private wait(key: string, max: number, t: number): number {
    const list = this.recent(key, t);
    if (list.length < max) return 0;
    return list[list.length - max] + this.limits.windowMs - t;
  }

  private prune(t: number): void {
    for (const [key, list] of this.failures) {
      if (list.every((at) => t - at >= this.limits.windowMs)) this.failures.delete(key);
    }
  }
}

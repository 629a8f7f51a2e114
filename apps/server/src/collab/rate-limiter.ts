/** A fixed-window counter per key (here: WebSocket upgrades per client IP per minute). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; false when the key is over its limit in the current window. */
  take(key: string): boolean {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (this.windows.size > 10_000) this.prune(t);
    return w.count <= this.limit;
  }

  private prune(t: number): void {
    for (const [key, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(key);
  }
}

/**
 * A token bucket per key (here: a person's document bytes, updates and presence messages):
 * `perMinute` tokens, refilled continuously, so a minute's worth may come in one burst and
 * the average stays within the rate. A take larger than the whole bucket passes once the
 * bucket is full and leaves it in debt, so no single message is refused forever.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `amount` for `key`: 0 when taken, else the milliseconds until it could be (nothing taken). */
  take(key: string, amount = 1): number {
    const t = this.now();
    const b = this.refilled(key, t);
    const needed = Math.min(amount, this.perMinute);
    if (b.tokens >= needed) {
      b.tokens -= amount;
      return 0;
    }
    return Math.max(1, Math.ceil(((needed - b.tokens) * 60_000) / this.perMinute));
  }

  private refilled(key: string, t: number): { tokens: number; at: number } {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= 10_000) this.prune(t);
      b = { tokens: this.perMinute, at: t };
      this.buckets.set(key, b);
      return b;
    }
    b.tokens = Math.min(this.perMinute, b.tokens + ((t - b.at) * this.perMinute) / 60_000);
    b.at = t;
    return b;
  }

  /** Forgets full buckets: they are what a new one would be. */
  private prune(t: number): void {
    for (const [key, b] of this.buckets)
      if (b.tokens + ((t - b.at) * this.perMinute) / 60_000 >= this.perMinute) this.buckets.delete(key);
  }
}

/**
 * Limits shared by the nodes through Redis, so that a person (or an address) spreading work
 * over the nodes gets one budget, not one per node:
 *
 * - `SharedTokenBuckets`: a person's document writes, written bytes and presence messages.
 *   These are decided on the spot, message by message (a socket's messages keep their order),
 *   so the node decides on its own bucket and on the shared bucket's level as last heard,
 *   less what it took since; what it took is sent to Redis every `exchangeMs` (one script for
 *   every key), and the answer is the shared level after every node's takes. A node that has
 *   not heard of a person yet asks at once, deciding on its own bucket meanwhile (Redis being
 *   slow never refuses anyone). The most a person gets over the shared budget is what the
 *   nodes let through before an exchange answers.
 * - `SharedWindowCounter`: WebSocket upgrades per address per minute, counted in Redis at
 *   each upgrade (an upgrade already waits for the session check).
 *
 * While Redis is away each node counts alone, as a single node does (the per-node budgets
 * still hold).
 */

import { RateLimiter, TokenBuckets } from "../collab/rate-limiter.js";
import type { Logger } from "../logger.js";
import type { ClusterBus } from "./cluster-bus.js";

const PREFIX = "tsumugi:budget:";
/** Shared buckets are forgotten by Redis after two idle minutes (they are full by then). */
const BUCKET_TTL_MS = 120_000;

/** Refills and takes several buckets at once on Redis's clock; answers each level (as text: Lua numbers lose fractions). */
const TAKE_SCRIPT = `
local rate = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local out = {}
for i, key in ipairs(KEYS) do
  local b = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(b[1]) or rate
  local at = tonumber(b[2]) or now
  tokens = math.min(rate, tokens + math.max(0, now - at) * rate / 60000) - tonumber(ARGV[i + 1])
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', key, ${BUCKET_TTL_MS})
  out[i] = tostring(tokens)
end
return out
`;

const COUNT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

type Bus = Pick<ClusterBus, "available" | "kv">;

export interface SharedBudgetOptions {
  exchangeMs?: number;
  now?: () => number;
  log?: Logger;
}

export class SharedTokenBuckets {
  private readonly local: TokenBuckets;
  /** The shared bucket's level for a key as last heard from Redis, and when. */
  private readonly heard = new Map<string, { tokens: number; at: number }>();
  /** Taken here and not yet sent. */
  private readonly pending = new Map<string, number>();
  /** Sent, answer not yet back. */
  private sending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private again = false;
  private readonly exchangeMs: number;
  private readonly now: () => number;
  /** Exchanges answered (for tests: a take's effect has reached Redis). */
  exchanges = 0;

  constructor(
    private readonly name: string,
    private readonly perMinute: number,
    private readonly bus: Bus | null,
    private readonly opts: SharedBudgetOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.local = new TokenBuckets(perMinute, this.now);
    this.exchangeMs = opts.exchangeMs ?? 250;
  }

  /** Everything taken here has been counted in Redis (or Redis was away). */
  get idle(): boolean {
    return this.pending.size === 0 && this.sending.size === 0;
  }

  /** As TokenBuckets.take: 0 when taken, else the milliseconds until it could be (nothing taken). */
  take(key: string, amount = 1): number {
    const shared = this.bus?.available === true;
    if (amount < 0) {
      this.local.take(key, amount);
      if (shared) this.owe(key, amount);
      return 0;
    }
    const wait = this.local.take(key, amount);
    if (wait > 0 || !shared) return wait;
    const owed = (this.pending.get(key) ?? 0) + (this.sending.get(key) ?? 0);
    const heard = this.heard.get(key);
    if (heard) {
      const needed = Math.min(amount, this.perMinute);
      const level =
        Math.min(this.perMinute, heard.tokens + ((this.now() - heard.at) * this.perMinute) / 60_000) - owed;
      if (level < needed) {
        this.local.take(key, -amount);
        return Math.max(1, Math.ceil(((needed - level) * 60_000) / this.perMinute));
      }
    }
    this.owe(key, amount);
    if (!heard) this.schedule(0);
    return 0;
  }

  private owe(key: string, amount: number): void {
    this.pending.set(key, (this.pending.get(key) ?? 0) + amount);
    this.schedule(this.exchangeMs);
  }

  private schedule(delayMs: number): void {
    if (this.sending.size > 0) {
      this.again = true;
      return;
    }
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.exchange();
    }, delayMs);
    this.timer.unref();
  }

  private async exchange(): Promise<void> {
    if (this.pending.size === 0 || this.sending.size > 0) return;
    this.sending = new Map(this.pending);
    this.pending.clear();
    const keys = [...this.sending.keys()];
    try {
      const answer = (await this.bus?.kv.eval(TAKE_SCRIPT, {
        keys: keys.map((k) => `${PREFIX}${this.name}:${k}`),
        arguments: [String(this.perMinute), ...keys.map((k) => String(this.sending.get(k)))],
      })) as string[] | undefined;
      const at = this.now();
      keys.forEach((k, i) => {
        const tokens = Number(answer?.[i]);
        if (Number.isFinite(tokens)) this.heard.set(k, { tokens, at });
      });
      this.exchanges++;
    } catch (err) {
      // Redis away: what was sent is not counted there; this node's own buckets still hold.
      this.opts.log?.debug("cluster: shared budget not exchanged", { budget: this.name, err });
    } finally {
      this.sending = new Map();
      this.forgetFull();
      if (this.again || this.pending.size > 0) {
        this.again = false;
        if (this.pending.size > 0) this.schedule(this.exchangeMs);
      }
    }
  }

  /** Levels that have refilled to full are what a first sight would learn: forgotten. */
  private forgetFull(): void {
    if (this.heard.size < 1_000) return;
    const t = this.now();
    for (const [key, h] of this.heard) {
      if (this.pending.has(key)) continue;
      if (h.tokens + ((t - h.at) * this.perMinute) / 60_000 >= this.perMinute) this.heard.delete(key);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** A fixed window per key (upgrades per address per minute), in Redis; this node's own count while Redis is away. */
export class SharedWindowCounter {
  private readonly local: RateLimiter;

  constructor(
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly bus: Bus | null,
  ) {
    this.local = new RateLimiter(limit, windowMs);
  }

  /** Counts one attempt; false when the key is over its limit in the current window. */
  async take(key: string): Promise<boolean> {
    if (this.bus?.available) {
      try {
        const n = Number(
          await withTimeout(
            this.bus.kv.eval(COUNT_SCRIPT, {
              keys: [`${PREFIX}${this.name}:${key}`],
              arguments: [String(this.windowMs)],
            }),
            1_000,
          ),
        );
        if (Number.isFinite(n)) return n <= this.limit;
      } catch {
        // Counted here instead.
      }
    }
    return this.local.take(key);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

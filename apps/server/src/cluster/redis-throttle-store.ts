/**
 * Login throttling shared by the nodes (auth/login-throttle.ts `ThrottleStore` on Redis):
 * a guesser who spreads attempts over the nodes is counted once. Each record is a JSON value
 * that Redis forgets at its `expiresAt`. While Redis cannot be reached, the node counts in
 * its own memory instead (it neither refuses every login nor stops counting).
 */
import { MemoryThrottleStore, type ThrottleRecord, type ThrottleStore } from "../auth/login-throttle.js";
import type { ClusterBus } from "./cluster-bus.js";

const PREFIX = "tsumugi:throttle:";

export class RedisThrottleStore implements ThrottleStore {
  private readonly fallback = new MemoryThrottleStore();

  constructor(private readonly bus: ClusterBus) {}

  async get(key: string, now: number): Promise<ThrottleRecord | undefined> {
    if (!this.bus.available) return this.fallback.get(key, now);
    try {
      const raw = await this.bus.kv.get(PREFIX + key);
      if (raw === null) return undefined;
      const record = JSON.parse(raw) as ThrottleRecord;
      return record.expiresAt <= now ? undefined : record;
    } catch {
      return this.fallback.get(key, now);
    }
  }

  async put(key: string, record: ThrottleRecord): Promise<void> {
    if (!this.bus.available) return this.fallback.put(key, record);
    try {
      await this.bus.kv.set(PREFIX + key, JSON.stringify(record), {
        expiration: { type: "PXAT", value: Math.max(record.expiresAt, Date.now() + 1) },
      });
    } catch {
      await this.fallback.put(key, record);
    }
  }

  async delete(key: string): Promise<void> {
    await this.fallback.delete(key);
    if (!this.bus.available) return;
    await this.bus.kv.del(PREFIX + key).catch(() => {});
  }
}

/**
 * Budgets shared through a real Redis (a private instance started here): two "nodes" (two
 * connections, two sets of buckets) draw from one budget per person or address, and each
 * counts alone when Redis is away.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../logger.js";
import { type RedisEngine, startRedis } from "../testing/engines.js";
import { ClusterBus } from "./cluster-bus.js";
import { SharedTokenBuckets, SharedWindowCounter } from "./shared-budgets.js";

const soon = { timeout: 5_000, interval: 20 };

let redis: RedisEngine;
const buses: ClusterBus[] = [];
beforeAll(async () => {
  redis = await startRedis();
}, 60_000);
afterAll(async () => {
  for (const b of buses) await b.close().catch(() => {});
  await redis?.stop();
});

/** A node's connection to Redis, which the test can cut off (as if Redis were unreachable). */
async function node(
  id: string,
): Promise<{ bus: Pick<ClusterBus, "available" | "kv">; cut: (away: boolean) => void }> {
  const bus = await ClusterBus.connect(redis.url, id, createLogger("silent"));
  buses.push(bus);
  let away = false;
  return {
    bus: {
      get available() {
        return !away && bus.available;
      },
      get kv() {
        return bus.kv;
      },
    },
    cut: (v) => {
      away = v;
    },
  };
}

describe("shared budgets", () => {
  it("count a person's takes on every node against one budget", async () => {
    const [n1, n2] = [await node("n1"), await node("n2")];
    const a = new SharedTokenBuckets("t1", 10, n1.bus, { exchangeMs: 20 });
    const b = new SharedTokenBuckets("t1", 10, n2.bus, { exchangeMs: 20 });
    for (let i = 0; i < 10; i++) expect(a.take("alice")).toBe(0);
    await vi.waitFor(() => {
      expect(a.exchanges, "node 1's takes counted in Redis").toBeGreaterThanOrEqual(1);
      expect(a.idle).toBe(true);
    }, soon);
    // Node 2 has not heard of alice: it decides alone and asks Redis at once.
    expect(b.take("alice")).toBe(0);
    await expect
      .poll(() => b.exchanges, { ...soon, message: "node 2 heard the shared level" })
      .toBeGreaterThanOrEqual(1);
    // Now it knows the budget is spent (about -1: refilled by the test's milliseconds only).
    const wait = b.take("alice");
    expect(wait).toBeGreaterThan(3_000);
    // Someone else is not affected.
    expect(b.take("bob")).toBe(0);
    a.close();
    b.close();
  });

  it("count alone on each node while Redis is away", async () => {
    const [n1, n2] = [await node("n3"), await node("n4")];
    const a = new SharedTokenBuckets("t2", 10, n1.bus, { exchangeMs: 20 });
    const b = new SharedTokenBuckets("t2", 10, n2.bus, { exchangeMs: 20 });
    for (let i = 0; i < 10; i++) expect(a.take("carol")).toBe(0);
    await vi.waitFor(() => {
      expect(a.exchanges, "node 1's takes counted in Redis").toBeGreaterThanOrEqual(1);
      expect(a.idle).toBe(true);
    }, soon);
    n2.cut(true);
    // Node 2 alone: carol's own budget there is whole, and still holds.
    for (let i = 0; i < 10; i++) expect(b.take("carol")).toBe(0);
    expect(b.take("carol")).toBeGreaterThan(0);
    // Node 1's own bucket still holds too.
    n1.cut(true);
    expect(a.take("carol")).toBeGreaterThan(0);
    a.close();
    b.close();
  });

  it("count an address's socket upgrades on every node together", async () => {
    const [n1, n2] = [await node("n5"), await node("n6")];
    const a = new SharedWindowCounter("u1", 3, 60_000, n1.bus);
    const b = new SharedWindowCounter("u1", 3, 60_000, n2.bus);
    const taken = [await a.take("192.0.2.1"), await b.take("192.0.2.1"), await a.take("192.0.2.1")];
    expect(taken).toEqual([true, true, true]);
    expect(await b.take("192.0.2.1")).toBe(false);
    expect(await a.take("192.0.2.2")).toBe(true);
    // Redis away: each node's own count (node 2 has counted none here).
    n2.cut(true);
    expect([await b.take("192.0.2.1"), await b.take("192.0.2.1"), await b.take("192.0.2.1")]).toEqual([
      true,
      true,
      true,
    ]);
    expect(await b.take("192.0.2.1")).toBe(false);
  });
});

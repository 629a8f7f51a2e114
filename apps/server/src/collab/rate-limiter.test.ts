import { expect, it } from "vitest";
import { RateLimiter, TokenBuckets } from "./rate-limiter.js";

it("allows `limit` attempts per key and window, then refuses until the window passes", () => {
  let now = 0;
  const limiter = new RateLimiter(2, 1000, () => now);
  expect([limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("b")]).toEqual([
    true,
    true,
    false,
    true,
  ]);
  now = 1000;
  expect(limiter.take("a")).toBe(true);
});

it("lets a minute's worth through at once, then refills continuously, per key", () => {
  let now = 0;
  const buckets = new TokenBuckets(600, () => now);
  expect(buckets.take("a", 600)).toBe(0);
  // Empty: one token comes back every 100 ms.
  expect(buckets.take("a", 1)).toBe(100);
  expect(buckets.take("b", 1)).toBe(0);
  now = 1_000;
  expect(buckets.take("a", 10)).toBe(0);
  expect(buckets.take("a", 5)).toBe(500);
});

it("passes a take larger than the bucket once it is full, leaving it in debt", () => {
  let now = 0;
  const buckets = new TokenBuckets(100, () => now);
  expect(buckets.take("a", 50)).toBe(0);
  // 250 can never be held: it waits for a full bucket (50 more tokens = 30 s) instead.
  expect(buckets.take("a", 250)).toBe(30_000);
  now = 30_000;
  expect(buckets.take("a", 250)).toBe(0);
  // 150 in debt: a single token needs 151 tokens' time.
  expect(buckets.take("a", 1)).toBe(90_600);
});

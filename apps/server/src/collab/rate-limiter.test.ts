import { expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";

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

import { expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle.js";

it("throttles per account and per IP until the window has passed", () => {
  let now = 0;
  const t = new LoginThrottle({ maxPerAccount: 3, maxPerIp: 5, windowMs: 1000 }, () => now);
  for (let i = 0; i < 3; i++) t.recordFailure("A@example.jp", "1.1.1.1");
  expect(t.retryAfterMs("a@example.jp", "2.2.2.2")).toBe(1000);
  expect(t.retryAfterMs("b@example.jp", "1.1.1.1")).toBe(0);
  t.recordFailure("c@example.jp", "1.1.1.1");
  t.recordFailure("d@example.jp", "1.1.1.1");
  expect(t.retryAfterMs("e@example.jp", "1.1.1.1")).toBe(1000);
  now = 600;
  expect(t.retryAfterMs("a@example.jp", "2.2.2.2")).toBe(400);
  now = 1000;
  expect(t.retryAfterMs("a@example.jp", "2.2.2.2")).toBe(0);
});

it("forgets an account's failures after a successful login", () => {
  const t = new LoginThrottle({ maxPerAccount: 2, maxPerIp: 100, windowMs: 1000 }, () => 0);
  t.recordFailure("a@example.jp", "ip");
  t.recordSuccess("a@example.jp");
  t.recordFailure("a@example.jp", "ip");
  expect(t.retryAfterMs("a@example.jp", "ip")).toBe(0);
});

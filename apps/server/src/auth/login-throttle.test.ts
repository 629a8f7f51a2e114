import { describe, expect, it } from "vitest";
import { LoginThrottle, waitInJapanese } from "./login-throttle.js";

const limits = { freeFailures: 3, maxDelayMs: 60_000, maxPerAccount: 100, maxPerIp: 100, windowMs: 1000 };
const from = (ip: string, account = "a@example.jp") => ({ account, ip, device: null });

describe("LoginThrottle", () => {
  it("lets a pair (account, address) fail a few times, then doubles its wait up to the cap", async () => {
    let now = 0;
    const t = new LoginThrottle(limits, undefined, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 11; i++) {
      await t.recordFailure(from("1.1.1.1"));
      waits.push(await t.retryAfterMs(from("1.1.1.1")));
    }
    expect(waits).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    now = 30_000;
    expect(await t.retryAfterMs(from("1.1.1.1"))).toBe(30_000);
    // The same account from another address, and another account from this one, are not held.
    expect(await t.retryAfterMs(from("2.2.2.2"))).toBe(0);
    expect(await t.retryAfterMs(from("1.1.1.1", "b@example.jp"))).toBe(0);
    // A success from the pair forgets its failures.
    await t.recordSuccess(from("1.1.1.1"));
    expect(await t.retryAfterMs(from("1.1.1.1"))).toBe(0);
  });

  it("counts an account across addresses and an address across accounts, within the window", async () => {
    let now = 0;
    const t = new LoginThrottle({ ...limits, maxPerAccount: 3, maxPerIp: 5 }, undefined, () => now);
    for (const ip of ["1.1.1.1", "2.2.2.2", "3.3.3.3"]) await t.recordFailure(from(ip, "A@example.jp"));
    expect(await t.retryAfterMs(from("4.4.4.4", "a@example.jp"))).toBe(1000);
    for (const account of ["c@x.jp", "d@x.jp", "e@x.jp", "f@x.jp", "g@x.jp"])
      await t.recordFailure(from("9.9.9.9", account));
    expect(await t.retryAfterMs(from("9.9.9.9", "h@x.jp"))).toBe(1000);
    now = 600;
    expect(await t.retryAfterMs(from("4.4.4.4", "a@example.jp"))).toBe(400);
    now = 1000;
    expect(await t.retryAfterMs(from("4.4.4.4", "a@example.jp"))).toBe(0);
    expect(await t.retryAfterMs(from("9.9.9.9", "h@x.jp"))).toBe(0);
  });

  it("counts a known browser on its own: others' failures never hold it back", async () => {
    const t = new LoginThrottle({ ...limits, maxPerAccount: 2, maxPerIp: 2 }, undefined, () => 0);
    for (let i = 0; i < 10; i++) await t.recordFailure(from("1.1.1.1"));
    const owner = { account: "a@example.jp", ip: "1.1.1.1", device: "nonce-of-the-owner" };
    expect(await t.retryAfterMs(from("1.1.1.1"))).toBeGreaterThan(0);
    expect(await t.retryAfterMs(owner)).toBe(0);
    // Its own failures slow it like a pair.
    for (let i = 0; i < 4; i++) await t.recordFailure(owner);
    expect(await t.retryAfterMs(owner)).toBe(2000);
  });

  it("says the wait in Japanese, in seconds below a minute and whole minutes above", () => {
    expect(waitInJapanese(1)).toBe("1秒");
    expect(waitInJapanese(59_000)).toBe("59秒");
    expect(waitInJapanese(61_000)).toBe("2分");
    expect(waitInJapanese(15 * 60_000)).toBe("15分");
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { PendingLogout } from "./pending-logout";

const unreachable = () => new ApiError(0, "network", "サーバーに接続できません。");

function setup() {
  const items = new Map<string, string>();
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  let answer: "ok" | "down" | "hang" = "down";
  const send = vi.fn(async (_sessionId: string | null, signal: AbortSignal) => {
    if (answer === "down") throw unreachable();
    if (answer === "hang") {
      // Like fetch: only the abort ends the wait.
      await new Promise((_, reject) => signal.addEventListener("abort", () => reject(unreachable())));
    }
  });
  return {
    items,
    storage,
    send,
    logout: new PendingLogout({ storage, send, retryMs: 1000, sendTimeoutMs: 3000 }),
    server(state: "ok" | "down" | "hang") {
      answer = state;
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("logging out", () => {
  it("is done at once when the server answers, naming the session it ends", async () => {
    const s = setup();
    s.server("ok");
    expect(await s.logout.logout("s1")).toBe("done");
    expect(s.send).toHaveBeenCalledWith("s1", expect.anything());
    expect(s.logout.pending).toBe(false);
  });

  it("is remembered when the server cannot be reached, and sent when it can", async () => {
    const s = setup();
    const changes = vi.fn();
    s.logout.onChange(changes);
    expect(await s.logout.logout("s1")).toBe("pending");
    expect(s.logout.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(2500);
    expect(s.send).toHaveBeenCalledTimes(3);
    s.server("ok");
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.send).toHaveBeenCalledTimes(4);
    expect(s.send).toHaveBeenLastCalledWith("s1", expect.anything());
    expect(s.logout.pending).toBe(false);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it("gives up on a request the network swallows after a few seconds, aborting it, and retries", async () => {
    const s = setup();
    s.server("hang");
    const outcome = s.logout.logout("s1");
    await vi.advanceTimersByTimeAsync(3000);
    expect(await outcome).toBe("pending");
    expect(s.send.mock.calls[0][1].aborted).toBe(true);
    expect(s.logout.pending).toBe(true);
    s.server("ok");
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.logout.pending).toBe(false);
  });

  it("names no session when it does not know which (a copy from an older version)", async () => {
    const s = setup();
    s.server("ok");
    await s.logout.logout(null);
    expect(s.send.mock.calls[0][0]).toBeNull();
  });

  it("survives a reload: a new page finds it and sends it first", async () => {
    const s = setup();
    await s.logout.logout("s1");
    const nextPage = new PendingLogout({ storage: s.storage, send: s.send });
    expect(nextPage.pending).toBe(true);
    s.server("ok");
    expect(await nextPage.flush()).toBe(true);
    expect(s.send).toHaveBeenLastCalledWith("s1", expect.anything());
    expect(s.items.size).toBe(0);
  });

  it("is retried after a server error or 429, settled by 401 (already over) or another refusal", async () => {
    const s = setup();
    await s.logout.logout("s1");
    s.send.mockRejectedValueOnce(new ApiError(500, "internal", ""));
    expect(await s.logout.flush()).toBe(false);
    s.send.mockRejectedValueOnce(new ApiError(429, "throttled", ""));
    expect(await s.logout.flush()).toBe(false);
    s.send.mockRejectedValueOnce(new ApiError(401, "auth.required", ""));
    expect(await s.logout.flush()).toBe(true);
    expect(s.logout.pending).toBe(false);
    await s.logout.logout("s2");
    s.send.mockRejectedValueOnce(new ApiError(400, "request.malformed", ""));
    expect(await s.logout.flush()).toBe(true);
  });

  it("is cancelled by a new login, also when a send started before answers after it", async () => {
    const s = setup();
    await s.logout.logout("s1");
    let fail: (err: unknown) => void = () => {};
    s.send.mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)));
    const late = s.logout.flush();
    s.server("down");
    s.logout.cancel();
    // The new person logs out too, while the old send still waits: theirs must not be lost.
    const next = s.logout.logout("s2");
    fail(unreachable());
    expect(await late).toBe(true);
    expect(await next).toBe("pending");
    expect(s.logout.pending).toBe(true);
    s.server("ok");
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.logout.pending).toBe(false);
    expect(s.send).toHaveBeenLastCalledWith("s2", expect.anything());
  });

  it("holds still while a login is decided: waits for one on its way, sends none meanwhile", async () => {
    const s = setup();
    await s.logout.logout("s1");
    let answer: () => void = () => {};
    s.send.mockImplementationOnce(() => new Promise<void>((resolve) => (answer = resolve)));
    void s.logout.flush();
    let held = false;
    void s.logout.hold().then(() => {
      held = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(held).toBe(false);
    answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(held).toBe(true);
    expect(s.logout.pending).toBe(false);

    // Held: a pending logout is not sent, not even by the retry timer or a flush.
    s.server("down");
    await s.logout.release();
    await s.logout.logout("s2");
    const sent = s.send.mock.calls.length;
    await s.logout.hold();
    await s.logout.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.send.mock.calls.length).toBe(sent);
    // The login failed: it goes on.
    s.server("ok");
    s.logout.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.logout.pending).toBe(false);
  });

  it("keeps retrying while the page is open even if storage refuses it", async () => {
    const s = setup();
    s.storage.setItem = () => {
      throw new DOMException("blocked", "SecurityError");
    };
    await s.logout.logout("s1");
    expect(s.logout.pending).toBe(true);
    s.server("ok");
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.logout.pending).toBe(false);
    expect(s.send).toHaveBeenCalledTimes(2);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { PendingLogout } from "./pending-logout";

function setup() {
  const items = new Map<string, string>();
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  let reachable = false;
  const send = vi.fn(async () => {
    if (!reachable) throw new ApiError(0, "network", "サーバーに接続できません。");
  });
  return {
    items,
    storage,
    send,
    logout: new PendingLogout({ storage, send, retryMs: 1000 }),
    serverIs(up: boolean) {
      reachable = up;
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("logging out", () => {
  it("is done at once when the server answers", async () => {
    const s = setup();
    s.serverIs(true);
    expect(await s.logout.logout()).toBe("done");
    expect(s.logout.pending).toBe(false);
  });

  it("is remembered when the server cannot be reached, and sent when it can", async () => {
    const s = setup();
    const changes = vi.fn();
    s.logout.onChange(changes);
    expect(await s.logout.logout()).toBe("pending");
    expect(s.logout.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(2500);
    expect(s.send).toHaveBeenCalledTimes(3);
    s.serverIs(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.send).toHaveBeenCalledTimes(4);
    expect(s.logout.pending).toBe(false);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it("survives a reload: a new page finds it and sends it first", async () => {
    const s = setup();
    await s.logout.logout();
    const nextPage = new PendingLogout({ storage: s.storage, send: s.send });
    expect(nextPage.pending).toBe(true);
    s.serverIs(true);
    expect(await nextPage.flush()).toBe(true);
    expect(s.items.size).toBe(0);
  });

  it("is settled by any other answer (the session was already over)", async () => {
    const s = setup();
    await s.logout.logout();
    s.send.mockRejectedValueOnce(new ApiError(401, "auth.required", ""));
    expect(await s.logout.flush()).toBe(true);
    expect(s.logout.pending).toBe(false);
  });

  it("is cancelled by a new login, whose session must not be ended", async () => {
    const s = setup();
    await s.logout.logout();
    s.logout.cancel();
    s.serverIs(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.send).toHaveBeenCalledTimes(1);
  });

  it("keeps retrying while the page is open even if storage refuses it", async () => {
    const s = setup();
    s.storage.setItem = () => {
      throw new DOMException("blocked", "SecurityError");
    };
    await s.logout.logout();
    expect(s.logout.pending).toBe(true);
    s.serverIs(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.logout.pending).toBe(false);
    expect(s.send).toHaveBeenCalledTimes(2);
  });
});

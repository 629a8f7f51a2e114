import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { RememberedAnswers, serverAnswers } from "./remembered-answers";

class MemoryStorage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

/** The paths with a copy in storage. */
function copies(storage: MemoryStorage): string[] {
  return [...storage.items.keys()].filter((k) => k.startsWith("tsumugi:copy:/"));
}

const unreachable = () => new ApiError(0, "network", "サーバーに接続できません。");

function setup() {
  const storage = new MemoryStorage();
  const answers = new Map<string, unknown>();
  let failure: ApiError | null = null;
  let serverUp = false;
  let now = 1_000_000;
  const load = async <T>(path: string): Promise<T> => {
    if (failure) throw failure;
    return answers.get(path) as T;
  };
  const probe = vi.fn(async () => serverUp);
  const remembered = new RememberedAnswers({ storage, load, probe, retryMs: 1000, now: () => now });
  // The session the copies come from lasts another hour.
  remembered.keepUntil(now + 3_600_000);
  return {
    storage,
    answers,
    remembered,
    probe,
    fail(err: ApiError | null) {
      failure = err;
    },
    serverIs(up: boolean) {
      serverUp = up;
    },
    later(ms: number) {
      now += ms;
    },
  };
}

/** A page that loaded "/a" once and has just been shown its copy, the server being down. */
async function showingACopy() {
  const s = setup();
  s.answers.set("/a", 1);
  await s.remembered.get("/a");
  s.fail(unreachable());
  expect(await s.remembered.get("/a")).toBe(1);
  return s;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("remembered answers", () => {
  it("answers from the last copy while the server is unreachable, and says so", async () => {
    const s = setup();
    s.answers.set("/api/auth/me", { user: { name: "山田" } });
    expect(await s.remembered.get("/api/auth/me")).toEqual({ user: { name: "山田" } });
    expect(s.remembered.isUsingCopies).toBe(false);

    const changes = vi.fn();
    s.remembered.onChange(changes);
    s.fail(unreachable());
    expect(await s.remembered.get("/api/auth/me")).toEqual({ user: { name: "山田" } });
    expect(s.remembered.isUsingCopies).toBe(true);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it("treats a proxy's 502–504 as unreachable, but not the server's own errors", async () => {
    const s = setup();
    s.answers.set("/api/workspaces/w1", { role: "member" });
    await s.remembered.get("/api/workspaces/w1");
    s.fail(new ApiError(503, "unknown", ""));
    expect(await s.remembered.get("/api/workspaces/w1")).toEqual({ role: "member" });
    s.fail(new ApiError(500, "unknown", ""));
    await expect(s.remembered.get("/api/workspaces/w1")).rejects.toMatchObject({ status: 500 });
  });

  it("has nothing to offer for a page never loaded before", async () => {
    const s = setup();
    s.fail(unreachable());
    await expect(s.remembered.get("/api/workspaces/w1/documents/d1")).rejects.toMatchObject({ status: 0 });
    expect(s.remembered.isUsingCopies).toBe(false);
  });

  it("forgets every copy when the session has ended, and one path's copy when access to it is refused", async () => {
    const s = setup();
    s.answers.set("/a", 1);
    s.answers.set("/b", 2);
    s.storage.setItem("tsumugi:unsent:doc", "1");
    await s.remembered.get("/a");
    await s.remembered.get("/b");

    s.fail(new ApiError(403, "forbidden", ""));
    await expect(s.remembered.get("/a")).rejects.toMatchObject({ status: 403 });
    s.fail(unreachable());
    await expect(s.remembered.get("/a")).rejects.toMatchObject({ status: 0 });
    expect(await s.remembered.get("/b")).toBe(2);

    s.fail(new ApiError(401, "auth.required", ""));
    await expect(s.remembered.get("/b")).rejects.toMatchObject({ status: 401 });
    expect(copies(s.storage)).toEqual([]);
    expect(s.storage.getItem("tsumugi:unsent:doc")).toBe("1");
  });

  it("asks the server again until it answers, then tells the pages to reload for real", async () => {
    const s = await showingACopy();
    const back = vi.fn();
    s.remembered.onServerBack(back);

    await vi.advanceTimersByTimeAsync(3500);
    expect(s.probe).toHaveBeenCalledTimes(3);
    expect(back).not.toHaveBeenCalled();
    expect(s.remembered.isUsingCopies).toBe(true);

    s.serverIs(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(back).toHaveBeenCalledTimes(1);
    expect(s.remembered.isUsingCopies).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.probe).toHaveBeenCalledTimes(4);
  });

  it("checks at once when the browser says the network is back", async () => {
    const s = await showingACopy();
    const back = vi.fn();
    s.remembered.onServerBack(back);
    s.serverIs(true);
    s.remembered.checkNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(back).toHaveBeenCalledTimes(1);
    expect(s.probe).toHaveBeenCalledTimes(1);
  });

  it("offers an answer obtained otherwise, such as the login's, as the copy", async () => {
    const s = setup();
    s.remembered.remember("/api/auth/me", { user: { name: "山田" } });
    s.fail(unreachable());
    expect(await s.remembered.get("/api/auth/me")).toEqual({ user: { name: "山田" } });
  });

  it("offers no copy once the session it came with may have ended, and forgets them all", async () => {
    const s = await showingACopy();
    s.later(3_600_000);
    await expect(s.remembered.get("/a")).rejects.toMatchObject({ status: 0 });
    expect(copies(s.storage)).toEqual([]);
  });

  it("offers nothing when the session's end was never given", async () => {
    const s = setup();
    s.storage.items.clear();
    s.answers.set("/a", 1);
    await s.remembered.get("/a");
    s.fail(unreachable());
    await expect(s.remembered.get("/a")).rejects.toMatchObject({ status: 0 });
  });

  it("does not keep an answer that arrives after everything was forgotten (a logout meanwhile)", async () => {
    const s = setup();
    s.answers.set("/a", 1);
    const fresh = vi.fn();
    const pending = s.remembered.get("/a", fresh);
    s.remembered.forgetAll();
    expect(await pending).toBe(1);
    expect(fresh).not.toHaveBeenCalled();
    expect(s.storage.getItem("tsumugi:copy:/a")).toBeNull();
  });

  it("lets a 401 to a request sent before a login leave the new session's copies alone", async () => {
    const storage = new MemoryStorage();
    let answer401: (err: unknown) => void = () => {};
    const remembered = new RememberedAnswers({
      storage,
      load: () => new Promise((_, reject) => (answer401 = reject)),
      probe: async () => false,
    });
    const sentBefore = remembered.get("/api/auth/me");
    remembered.forgetAll(); // the login
    remembered.remember("/api/auth/me", { user: { name: "新しい人" } });
    answer401(new ApiError(401, "auth.required", ""));
    await expect(sentBefore).rejects.toMatchObject({ status: 401 });
    expect(storage.getItem("tsumugi:copy:/api/auth/me")).toContain("新しい人");
  });

  it("tells only answers from the server to onFresh, and never keeps an empty one", async () => {
    const s = await showingACopy();
    const fresh = vi.fn();
    await s.remembered.get("/a", fresh);
    expect(fresh).not.toHaveBeenCalled();
    s.fail(null);
    s.answers.set("/a", null);
    await s.remembered.get("/a", fresh);
    expect(fresh).toHaveBeenCalledWith(null);
    s.fail(unreachable());
    expect(await s.remembered.get("/a")).toBe(1);
  });

  it("forgets the copies a test picks, and keeps the rest", async () => {
    const s = setup();
    for (const path of ["/api/workspaces/w1", "/api/workspaces/w2/documents/d1", "/api/auth/me"]) {
      s.answers.set(path, path);
      await s.remembered.get(path);
    }
    s.remembered.forgetWhere((path) => path.startsWith("/api/workspaces/w2"));
    s.fail(unreachable());
    await expect(s.remembered.get("/api/workspaces/w2/documents/d1")).rejects.toMatchObject({ status: 0 });
    expect(await s.remembered.get("/api/workspaces/w1")).toBe("/api/workspaces/w1");
    expect(await s.remembered.get("/api/auth/me")).toBe("/api/auth/me");
  });

  it("keeps working when storage refuses to write", async () => {
    const s = setup();
    s.storage.setItem = () => {
      throw new DOMException("quota", "QuotaExceededError");
    };
    s.answers.set("/a", 1);
    expect(await s.remembered.get("/a")).toBe(1);
  });
});

describe("is the server back", () => {
  afterEach(() => vi.unstubAllGlobals());
  const answer = (status: number, body: string) => vi.fn(async () => new Response(body, { status }));

  it("only when our health endpoint answers ok, not any page that says 200", async () => {
    vi.stubGlobal("fetch", answer(200, JSON.stringify({ ok: true, documentsLoaded: 0 })));
    expect(await serverAnswers()).toBe(true);
    vi.stubGlobal("fetch", answer(200, "<html>Wi-Fi login</html>"));
    expect(await serverAnswers()).toBe(false);
    vi.stubGlobal("fetch", answer(503, JSON.stringify({ ok: true })));
    expect(await serverAnswers()).toBe(false);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    expect(await serverAnswers()).toBe(false);
  });
});

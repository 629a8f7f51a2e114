import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { errorMessage, LOADING, Loader, type LoadState } from "./loaded";

function harness<T>() {
  let state: LoadState<T> = LOADING;
  const loader = new Loader<T>((change) => {
    state = change(state);
  });
  return { loader, state: () => state };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("loading a screen's data", () => {
  it("is loading until the answer comes, then loaded with it", async () => {
    const h = harness<string>();
    const answer = deferred<string>();
    const done = h.loader.run(() => answer.promise);
    expect(h.state()).toEqual({ status: "loading", data: undefined, error: null });
    answer.resolve("会議");
    await done;
    expect(h.state()).toEqual({ status: "loaded", data: "会議", error: null });
  });

  it("shows the answer's Japanese message when the API refuses, and the error's text otherwise", async () => {
    const h = harness<string>();
    await h.loader.run(() => Promise.reject(new ApiError(404, "notFound", "見つかりません")));
    expect(h.state()).toEqual({ status: "error", data: undefined, error: "見つかりません" });
    await h.loader.run(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(h.state().error).toBe("TypeError: Failed to fetch");
    expect(errorMessage("x")).toBe("x");
  });

  it("keeps what was loaded when a reload fails, and clears the error when one succeeds", async () => {
    const h = harness<number>();
    await h.loader.run(async () => 1);
    await h.loader.run(() => Promise.reject(new ApiError(503, "unavailable", "しばらくしてから")));
    expect(h.state()).toEqual({ status: "error", data: 1, error: "しばらくしてから" });
    await h.loader.run(async () => 2);
    expect(h.state()).toEqual({ status: "loaded", data: 2, error: null });
  });

  it("uses only the latest load's answer, and none started before a cancel", async () => {
    const h = harness<string>();
    const slow = deferred<string>();
    const first = h.loader.run(() => slow.promise);
    await h.loader.run(async () => "new");
    slow.resolve("old");
    await first;
    expect(h.state().data).toBe("new");

    const late = deferred<string>();
    const cancelled = h.loader.run(() => late.promise);
    h.loader.cancel();
    late.reject(new ApiError(403, "forbidden", "権限がありません"));
    await cancelled;
    expect(h.state()).toEqual({ status: "loaded", data: "new", error: null });
  });
});

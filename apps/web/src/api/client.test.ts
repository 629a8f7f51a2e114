import { afterEach, expect, it, vi } from "vitest";
import { ApiError, post } from "./client";

afterEach(() => {
  vi.unstubAllGlobals();
});

it("says how long a throttled login must wait, from Retry-After", async () => {
  const answer = (retryAfter: string) =>
    new Response(JSON.stringify({ error: { code: "auth.throttled", message: "…" } }), {
      status: 429,
      headers: { "Content-Type": "application/json", "Retry-After": retryAfter },
    });
  for (const [retryAfter, wait] of [
    ["8", "8秒後"],
    ["90", "2分後"],
    ["900", "15分後"],
  ]) {
    vi.stubGlobal("fetch", async () => answer(retryAfter));
    const err = await post("/api/auth/login", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    expect((err as ApiError).message).toContain(wait);
  }
});

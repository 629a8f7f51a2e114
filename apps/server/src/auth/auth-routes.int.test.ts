import { SessionInfo } from "@tsumugi/contract";
import { describe, expect } from "vitest";
import { TEST_PASSWORD, type TestServer } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

/** `it` for a server with these settings. */
const itWith = (serverEnv: Record<string, string>) => it.extend({ serverEnv });

/** The audit entries of this event, oldest first. */
async function audited(server: TestServer, event: string) {
  return server.ctx.kysely
    .selectFrom("audit_log")
    .select(["event", "detail", "actor_user_id"])
    .where("event", "=", event)
    .orderBy("id")
    .execute();
}

/** The access changes announced from now on. */
function changesFromNow(w: WorkspaceWorld) {
  const from = w.events.length;
  return () => w.events.slice(from);
}

describe("login", () => {
  it("sets an HttpOnly SameSite=Lax session cookie and answers the user and workspaces", async ({
    server,
    world: w,
  }) => {
    const browser = new TestBrowser(server.origin);
    const res = await browser.login(w.member.email.toUpperCase(), TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { email: w.member.email },
      workspaces: [{ id: w.workspaceId, role: "member" }],
    });
    const cookie = res.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^tsumugi_session=[a-z0-9]+\.[a-z0-9]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
    // When the session ends unless used again: the idle timeout from now, also in /me.
    const { idleTimeoutMs } = server.ctx.sessions.policy;
    const { sessionExpiresAt } = res.body as { sessionExpiresAt: number };
    expect(Math.abs(sessionExpiresAt - (Date.now() + idleTimeoutMs))).toBeLessThan(10_000);
    const me = await browser.get<{ sessionExpiresAt: number; user: { email: string } }>("/api/auth/me");
    expect(me.status).toBe(200);
    // Both answer the contract's SessionInfo.
    expect(SessionInfo.parse(res.body)).toEqual(res.body);
    expect(SessionInfo.parse(me.body)).toEqual(me.body);
    expect(me.body.user.email).toBe(w.member.email);
    expect(me.body.sessionExpiresAt).toBeGreaterThanOrEqual(sessionExpiresAt);
    expect((await audited(server, "login.success")).map((a) => a.actor_user_id)).toContain(w.member.id);
  });

  it("answers the same 401 for a wrong password and an unknown e-mail, and audits both", async ({
    server,
    world: w,
  }) => {
    const browser = new TestBrowser(server.origin);
    const wrong = await browser.login(w.member.email, "wrong password!");
    const unknown = await browser.login("nobody@example.jp", "wrong password!");
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: "auth.invalid", message: "メールアドレスまたはパスワードが正しくありません。" },
      });
    }
    expect(await audited(server, "login.failure")).toHaveLength(2);
  });

  it("refuses malformed bodies with a validation error", async ({ server }) => {
    const browser = new TestBrowser(server.origin);
    const res = await browser.post("/api/auth/login", { email: "", password: 3 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: "validation", fields: { email: "required", password: "required" } },
    });
    const notJson = await browser.request("POST", "/api/auth/login", undefined, {
      "Content-Type": "text/plain",
    });
    expect(notJson.status).toBe(415);
  });

  itWith({ LOGIN_MAX_FAILURES_PER_ACCOUNT: "3" })(
    "throttles per account with 429, Retry-After and a Japanese message",
    async ({ server, world: w }) => {
      const browser = new TestBrowser(server.origin);
      for (let i = 0; i < 3; i++)
        expect((await browser.login(w.member.email, "bad password!")).status).toBe(401);
      const res = await browser.login(w.member.email, TEST_PASSWORD);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(res.body).toMatchObject({
        error: { code: "auth.throttled", message: expect.stringContaining("しばらく待って") },
      });
      expect(await audited(server, "login.throttled")).not.toHaveLength(0);
    },
  );

  itWith({ LOGIN_MAX_FAILURES_PER_IP: "4", LOGIN_MAX_FAILURES_PER_ACCOUNT: "100" })(
    "throttles per IP across accounts",
    async ({ server, world: w }) => {
      const browser = new TestBrowser(server.origin);
      for (let i = 0; i < 4; i++)
        expect((await browser.login(`guess${i}@example.jp`, "bad password!")).status).toBe(401);
      expect((await browser.login(w.member.email, TEST_PASSWORD)).status).toBe(429);
    },
  );

  itWith({ TRUST_PROXY: "true" })(
    "slows a guesser from one address without locking the owner out from another",
    async ({ server, world: w }) => {
      const attacker = new TestBrowser(server.origin);
      attacker.headers = { "X-Forwarded-For": "203.0.113.9" };
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push((await attacker.login(w.member.email, "bad password!")).status);
      // A few free tries, then each one must wait (longer each time): the guesser is slowed.
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses).toContain(429);
      const refused = await attacker.login(w.member.email, TEST_PASSWORD);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get("retry-after"));
      expect(wait).toBeGreaterThan(0);
      // The Japanese message says how long to wait.
      expect((refused.body as { error: { message: string } }).error.message).toMatch(/\d+(秒|分)後/);
      // The owner, from the hospital's address, still gets in with the right password.
      const owner = new TestBrowser(server.origin);
      owner.headers = { "X-Forwarded-For": "198.51.100.20" };
      expect((await owner.login(w.member.email, TEST_PASSWORD)).status).toBe(200);
    },
  );

  itWith({ TRUST_PROXY: "true", LOGIN_MAX_FAILURES_PER_IP: "4" })(
    "a browser that logged in before still gets in when its office address is throttled",
    async ({ server, world: w }) => {
      const colleague = new TestBrowser(server.origin);
      const office = { "X-Forwarded-For": "192.0.2.50" };
      colleague.headers = office;
      // The member logged in from this browser last week: it remembers that (device cookie).
      expect((await colleague.login(w.member.email, TEST_PASSWORD)).status).toBe(200);
      await colleague.post("/api/auth/logout");
      expect(colleague.cookie).toBeNull();
      // Someone behind the same proxy sprays passwords across accounts.
      const sprayer = new TestBrowser(server.origin);
      sprayer.headers = office;
      for (let i = 0; i < 4; i++) await sprayer.login(`guess${i}@example.jp`, "bad password!");
      const stranger = await sprayer.login(w.member.email, TEST_PASSWORD);
      expect(stranger.status).toBe(429);
      expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(0);
      // The member's own browser is not held back by the address.
      expect((await colleague.login(w.member.email, TEST_PASSWORD)).status).toBe(200);
    },
  );

  itWith({ LOGIN_MAX_FAILURES_PER_ACCOUNT: "3" })(
    "failed logins by someone else do not block a logged-in password change",
    async ({ server, world: w }) => {
      // The member is logged in (the world's browser) before the attack.
      const attacker = new TestBrowser(server.origin);
      for (let i = 0; i < 6; i++) await attacker.login(w.member.email, "bad password!");
      const changed = await w.member.browser.post("/api/auth/password", {
        currentPassword: TEST_PASSWORD,
        newPassword: "a new long pass phrase",
      });
      expect(changed.status).toBe(204);
    },
  );

  it("refuses a disabled account", async ({ server, world: w }) => {
    await server.ctx.kysely
      .updateTable("users")
      .set({ disabled_at: 1 })
      .where("id", "=", w.member.id)
      .execute();
    expect((await new TestBrowser(server.origin).login(w.member.email, TEST_PASSWORD)).status).toBe(401);
  });
});

describe("sessions", () => {
  it("logout ends the session on the server and announces it", async ({ server, world: w }) => {
    const changes = changesFromNow(w);
    const { sessionId } = (await w.member.browser.get<{ sessionId: string }>("/api/auth/me")).body;
    const stolen = w.member.browser.cookie;
    expect((await w.member.browser.post("/api/auth/logout")).status).toBe(204);
    expect(w.member.browser.cookie).toBeNull();
    const replay = new TestBrowser(server.origin);
    replay.cookie = stolen;
    expect((await replay.get("/api/auth/me")).status).toBe(401);
    expect(changes()).toContainEqual({ type: "sessions-ended", sessionIds: [sessionId] });
  });

  it("a logout naming another session ends nothing (one sent late, after a new login)", async ({
    server,
    world: w,
  }) => {
    const browser = new TestBrowser(server.origin);
    const first = (await browser.login(w.member.email, TEST_PASSWORD)).body as { sessionId: string };
    const firstCookie = browser.cookie;
    // The browser logs in again: the session of the cookie it replaces ends.
    const second = (await browser.login(w.member.email, TEST_PASSWORD)).body as { sessionId: string };
    expect(second.sessionId).not.toBe(first.sessionId);
    const old = new TestBrowser(server.origin);
    old.cookie = firstCookie;
    expect((await old.get("/api/auth/me")).status).toBe(401);
    const audit = await audited(server, "logout");
    expect(audit.map((a) => JSON.parse(a.detail).reason)).toEqual(["replaced by a new login"]);

    // The first session's logout, arriving now, leaves the second one alone.
    expect((await browser.post("/api/auth/logout", { sessionId: first.sessionId })).status).toBe(204);
    expect(browser.cookie).not.toBeNull();
    expect((await browser.get("/api/auth/me")).status).toBe(200);
    // Naming its own session, it ends it.
    expect((await browser.post("/api/auth/logout", { sessionId: second.sessionId })).status).toBe(204);
    expect(browser.cookie).toBeNull();
    const replay = new TestBrowser(server.origin);
    replay.cookie = firstCookie;
    expect((await replay.get("/api/auth/me")).status).toBe(401);
  });

  it("a named logout without the session's cookie touches no cookie and ends nothing", async ({
    server,
    world: w,
  }) => {
    const browser = w.member.browser;
    const { sessionId } = (await browser.get<{ sessionId: string }>("/api/auth/me")).body;
    // Another browser (or this one after its cookie was replaced) names this session.
    const stranger = new TestBrowser(server.origin);
    const res = await stranger.post("/api/auth/logout", { sessionId });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await browser.get("/api/auth/me")).status).toBe(200);
    // Its own logout answer says nothing about a session any more.
    const own = await browser.post("/api/auth/logout", { sessionId });
    expect(own.headers.get("tsumugi-session-expires-in")).toBeNull();
    expect(own.headers.getSetCookie().join()).toMatch(/Max-Age=0/);
  });

  it("accepting an invitation while logged in as someone else ends that session and its sockets", async ({
    world: w,
  }) => {
    const changes = changesFromNow(w);
    const browser = w.member.browser;
    const { sessionId } = (await browser.get<{ sessionId: string }>("/api/auth/me")).body;
    const invite = await w.admin.browser.post<{ url: string }>(`${w.base}/invites`, {
      role: "member",
      groupIds: [],
    });
    expect(invite.status).toBe(201);
    const token = invite.body.url.split("/invite/")[1];
    const accepted = await browser.post(`/api/invites/${token}/accept`, {
      name: "新しい人",
      email: "new@example.jp",
      organization: "",
      password: "correct horse battery",
    });
    expect(accepted.status).toBe(201);
    expect((await browser.get<{ user: { email: string } }>("/api/auth/me")).body.user.email).toBe(
      "new@example.jp",
    );
    expect(changes()).toContainEqual({ type: "sessions-ended", sessionIds: [sessionId] });
  });

  itWith({ SESSION_IDLE_MINUTES: "30" })(
    "tells every logged-in answer how long the session lasts, relative to now",
    async ({ server, world: w }) => {
      const browser = new TestBrowser(server.origin);
      expect((await browser.get("/api/health")).headers.get("tsumugi-session-expires-in")).toBeNull();
      const login = await browser.login(w.member.email, TEST_PASSWORD);
      for (const res of [login, await browser.get("/api/auth/me"), await browser.get("/api/health")]) {
        const left = Number(res.headers.get("tsumugi-session-expires-in"));
        expect(left).toBeGreaterThan(29 * 60_000);
        expect(left).toBeLessThanOrEqual(30 * 60_000);
      }
    },
  );

  itWith({ SESSION_IDLE_MINUTES: "1" })("expires after the idle timeout", async ({ server, world: w }) => {
    const browser = w.member.browser;
    const me = await browser.get<{ sessionId: string }>("/api/auth/me");
    expect(me.status).toBe(200);
    const session = server.ctx.kysely.selectFrom("sessions").where("id", "=", me.body.sessionId);
    await server.ctx.kysely
      .updateTable("sessions")
      .set((eb) => ({ last_seen_at: eb("last_seen_at", "-", 61_000) }))
      .where("id", "=", me.body.sessionId)
      .execute();
    expect((await browser.get("/api/auth/me")).status).toBe(401);
    // Ended on the server, not just refused.
    expect(await session.select("id").execute()).toEqual([]);
    expect((await w.admin.browser.get("/api/auth/me")).status).toBe(200);
  });

  it("a password change keeps this session and ends the others", async ({ server, world: w }) => {
    const browser = w.member.browser;
    const other = new TestBrowser(server.origin);
    await other.login(w.member.email, TEST_PASSWORD);
    const { sessionId: otherId } = (await other.get<{ sessionId: string }>("/api/auth/me")).body;
    const changes = changesFromNow(w);
    const bad = await browser.post("/api/auth/password", {
      currentPassword: "nope nope nope",
      newPassword: "new password 123",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { fields: { currentPassword: "wrong" } } });
    const short = await browser.post("/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "short",
    });
    expect(short.body).toMatchObject({ error: { fields: { newPassword: "password.tooShort" } } });
    expect(
      (
        await browser.post("/api/auth/password", {
          currentPassword: TEST_PASSWORD,
          newPassword: "new password 123",
        })
      ).status,
    ).toBe(204);
    expect((await browser.get("/api/auth/me")).status).toBe(200);
    expect((await other.get("/api/auth/me")).status).toBe(401);
    expect(changes()).toEqual([{ type: "sessions-ended", sessionIds: [otherId] }]);
    const audit = await audited(server, "password.changed");
    expect(audit.map((a) => [a.actor_user_id, JSON.parse(a.detail)])).toEqual([
      [w.member.id, { endedSessions: 1 }],
    ]);
    expect((await new TestBrowser(server.origin).login(w.member.email, "new password 123")).status).toBe(200);
  });
});

describe("new passwords (ASVS 5.0 V6.2)", () => {
  it("refuses common, breached-list and blank passwords, and takes long pass-phrases with spaces", async ({
    server,
    world: w,
  }) => {
    const browser = w.member.browser;
    const change = (newPassword: string) =>
      browser.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword });
    const problem = async (newPassword: string) =>
      ((await change(newPassword)).body as { error?: { fields?: { newPassword?: string } } } | null)?.error
        ?.fields?.newPassword;
    expect(await problem("password12")).toBe("password.tooShort");
    expect(await problem("          ")).toBe("password.tooShort");
    expect(await problem(" ".repeat(20))).toBe("password.blank");
    expect(await problem("passwordpassword")).toBe("password.common");
    expect(await problem("1qaz2wsx3edc4rfv")).toBe("password.common");
    expect(await problem("PasswordPassword")).toBe("password.common");
    expect(await problem("aaaaaaaaaaaaaaaaaaaa")).toBe("password.common");
    // The person's own e-mail address.
    expect(await problem(w.member.email)).toBe("password.common");
    expect(await problem("x".repeat(257))).toBe("password.tooLong");
    // A pass-phrase of 64 and more characters, spaces and Japanese included, is welcome.
    const phrase = "江戸川の土手を毎朝歩いて、訪問看護ステーションまで自転車で通っています 2026";
    expect([...phrase].length).toBeGreaterThan(30);
    expect((await change(phrase)).status).toBe(204);
    expect((await new TestBrowser(server.origin).login(w.member.email, phrase)).status).toBe(200);
    const long = "the quick brown fox jumps over the lazy dog near the kashiwa station at dawn";
    expect(long.length).toBeGreaterThan(64);
    const again = await browser.post("/api/auth/password", { currentPassword: phrase, newPassword: long });
    expect(again.status).toBe(204);
  });
});

/**
 * Two-step verification against a real server: enrolment, login with a code, wrong codes,
 * replay refused, recovery codes once only, throttling, the workspace's mandatory policy.
 */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterEach, describe, expect, it } from "vitest";
import {
  createUser,
  createWorkspace,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { currentStep } from "./two-factor.js";

let server: TestServer;
afterEach(async () => {
  await server?.destroy();
});

async function setup(env: Record<string, string> = {}) {
  server = await startTestServer({ env });
  const workspaceId = await createWorkspace(server.ctx.db);
  const admin = await createUser(server.ctx.db, {
    workspaceId,
    role: "secretariat",
    email: "jimu@example.jp",
  });
  const coordinator = await createUser(server.ctx.db, {
    workspaceId,
    role: "coordinator",
    email: "soudan@example.jp",
  });
  const member = await createUser(server.ctx.db, { workspaceId, role: "member", email: "doctor@example.jp" });
  return { workspaceId, admin, coordinator, member };
}

/** The key an authenticator app reads from the otpauth URI (as the QR code carries it). */
function keyOf(uri: string): Uint8Array {
  const u = new URL(uri);
  expect(u.protocol).toBe("otpauth:");
  expect(u.searchParams.get("period")).toBe("30");
  expect(u.searchParams.get("digits")).toBe("6");
  return decodeBase32IgnorePadding(u.searchParams.get("secret") ?? "");
}

/** The app's code for a step (the current one by default). */
function codeFor(key: Uint8Array, step = currentStep()): string {
  return generateHOTP(key, BigInt(step), 6);
}

/** Logs in with the password and enrols from the settings page; answers the key and codes. */
async function enrolFromSettings(email: string) {
  const browser = new TestBrowser(server.origin);
  expect((await browser.login(email, TEST_PASSWORD)).status).toBe(200);
  const setup = await browser.post<{ secret: string; uri: string }>("/api/auth/two-factor/setup");
  expect(setup.status).toBe(200);
  const key = keyOf(setup.body.uri);
  // The secret shown as text is the same key.
  expect(decodeBase32IgnorePadding(setup.body.secret.replace(/ /g, ""))).toEqual(key);
  const wrong = await browser.post("/api/auth/two-factor/enable", {
    code: "000000" === codeFor(key) ? "111111" : "000000",
  });
  expect(wrong.status).toBe(400);
  const enabled = await browser.post<{ recoveryCodes: string[] }>("/api/auth/two-factor/enable", {
    code: codeFor(key),
  });
  expect(enabled.status).toBe(200);
  expect(enabled.body.recoveryCodes).toHaveLength(10);
  expect(new Set(enabled.body.recoveryCodes).size).toBe(10);
  // As if enrolled a minute ago: the current code has not been used yet (a used step never is
  // accepted again, and the test cannot wait 30 seconds for the next one).
  await server.ctx.db.run("UPDATE users SET totp_last_step = totp_last_step - 2 WHERE email = ?", [email]);
  return { browser, key, recoveryCodes: enabled.body.recoveryCodes };
}

describe("two-step verification", () => {
  it("enrols from the settings, then a login needs the code and the password alone opens nothing", async () => {
    const { workspaceId } = await setup();
    const { key, recoveryCodes } = await enrolFromSettings("doctor@example.jp");
    const stored = await server.ctx.db.all<{ code_hash: Buffer }>("SELECT code_hash FROM recovery_codes");
    expect(stored).toHaveLength(10);
    // Hashed at rest: no code is stored as it is.
    for (const row of stored)
      for (const code of recoveryCodes) expect(row.code_hash.toString()).not.toContain(code);

    const browser = new TestBrowser(server.origin);
    const first = await browser.login("doctor@example.jp", TEST_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ secondStep: "code" });
    expect(browser.cookie).toBeNull();
    // The half-done login grants nothing.
    expect((await browser.get("/api/auth/me")).status).toBe(401);
    expect((await browser.get(`/api/workspaces/${workspaceId}`)).status).toBe(401);

    const wrong = await browser.post("/api/auth/login/code", { code: codeFor(key, currentStep() + 5) });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { fields: { code: "twoFactor.wrongCode" } } });
    const code = codeFor(key);
    const ok = await browser.post("/api/auth/login/code", { code });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { email: "doctor@example.jp" } });
    expect((await browser.get("/api/auth/me")).status).toBe(200);

    // The same code, within its own 30 seconds, does not open a second login.
    const thief = new TestBrowser(server.origin);
    expect((await thief.login("doctor@example.jp", TEST_PASSWORD)).body).toEqual({ secondStep: "code" });
    expect((await thief.post("/api/auth/login/code", { code })).status).toBe(400);
    // The next code does.
    const next = codeFor(key, currentStep() + 1);
    expect((await thief.post("/api/auth/login/code", { code: next })).status).toBe(200);

    const events = await server.ctx.db.all<{ event: string }>("SELECT event FROM audit_log ORDER BY id");
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining([
        "2fa.enabled",
        "login.second_step",
        "login.second_factor_failure",
        "login.success",
      ]),
    );
  });

  it("takes each recovery code once", async () => {
    await setup();
    const { recoveryCodes } = await enrolFromSettings("doctor@example.jp");
    const browser = new TestBrowser(server.origin);
    await browser.login("doctor@example.jp", TEST_PASSWORD);
    const used = await browser.post<{ recoveryCodesLeft: number }>("/api/auth/login/code", {
      code: recoveryCodes[3].toUpperCase(),
    });
    expect(used.status).toBe(200);
    expect(used.body.recoveryCodesLeft).toBe(9);
    const again = new TestBrowser(server.origin);
    await again.login("doctor@example.jp", TEST_PASSWORD);
    expect((await again.post("/api/auth/login/code", { code: recoveryCodes[3] })).status).toBe(400);
    expect((await again.post("/api/auth/login/code", { code: recoveryCodes[4] })).status).toBe(200);
    expect(
      await server.ctx.db.get("SELECT 1 FROM audit_log WHERE event = 'login.recovery_code_used'"),
    ).toBeDefined();
  });

  it("slows code guessing and ends the second step after five wrong codes", async () => {
    await setup({ LOGIN_FREE_FAILURES: "3" });
    const { key } = await enrolFromSettings("doctor@example.jp");
    const browser = new TestBrowser(server.origin);
    await browser.login("doctor@example.jp", TEST_PASSWORD);
    const wrong = codeFor(key, currentStep() + 7);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await browser.post("/api/auth/login/code", { code: wrong })).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const throttled = await browser.post("/api/auth/login/code", { code: codeFor(key) });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("ends the second step after five wrong codes: the password must be entered again", async () => {
    await setup({ LOGIN_FREE_FAILURES: "10" });
    const { key } = await enrolFromSettings("doctor@example.jp");
    const browser = new TestBrowser(server.origin);
    await browser.login("doctor@example.jp", TEST_PASSWORD);
    const wrong = codeFor(key, currentStep() + 9);
    for (let i = 0; i < 4; i++)
      expect((await browser.post("/api/auth/login/code", { code: wrong })).status).toBe(400);
    const fifth = await browser.post("/api/auth/login/code", { code: wrong });
    expect(fifth.status).toBe(401);
    expect(fifth.body).toMatchObject({ error: { code: "login.stepExpired" } });
    expect((await browser.post("/api/auth/login/code", { code: codeFor(key) })).status).toBe(401);
    expect((await browser.login("doctor@example.jp", TEST_PASSWORD)).body).toEqual({ secondStep: "code" });
    expect((await browser.post("/api/auth/login/code", { code: codeFor(key) })).status).toBe(200);
  });

  it("turns off only with the password and a code, and renews recovery codes", async () => {
    await setup();
    const { browser, key } = await enrolFromSettings("doctor@example.jp");
    const renewed = await browser.post<{ recoveryCodes: string[] }>("/api/auth/two-factor/recovery-codes", {
      code: codeFor(key, currentStep() + 1),
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    const noPassword = await browser.post("/api/auth/two-factor/disable", {
      code: renewed.body.recoveryCodes[0],
    });
    expect(noPassword.status).toBe(400);
    const wrongPassword = await browser.post("/api/auth/two-factor/disable", {
      password: "not the password at all",
      code: renewed.body.recoveryCodes[0],
    });
    expect(wrongPassword.body).toMatchObject({ error: { fields: { password: "wrong" } } });
    const off = await browser.post("/api/auth/two-factor/disable", {
      password: TEST_PASSWORD,
      code: renewed.body.recoveryCodes[0],
    });
    expect(off.status).toBe(204);
    expect(
      (await new TestBrowser(server.origin).login("doctor@example.jp", TEST_PASSWORD)).body,
    ).toMatchObject({
      user: { email: "doctor@example.jp" },
    });
    expect(await server.ctx.db.get("SELECT 1 FROM audit_log WHERE event = '2fa.disabled'")).toBeDefined();
  });

  it("made mandatory by the secretariat: coordinators enrol at their next login before anything else", async () => {
    const { workspaceId } = await setup();
    const policy = `/api/workspaces/${workspaceId}/two-factor-policy`;
    const admin = new TestBrowser(server.origin);
    await admin.login("jimu@example.jp", TEST_PASSWORD);
    // Only someone who uses it can demand it.
    expect((await admin.request("PUT", policy, { required: true })).status).toBe(409);
    const enrolled = await enrolFromSettings("jimu@example.jp");
    expect((await enrolled.browser.request("PUT", policy, { required: true })).status).toBe(200);
    const member = new TestBrowser(server.origin);
    await member.login("doctor@example.jp", TEST_PASSWORD);
    expect((await member.request("PUT", policy, { required: false })).status).toBe(403);
    expect((await member.get<{ required: boolean }>(policy)).body.required).toBe(true);

    // The coordinator: the password leads to enrolment, nothing else.
    const coordinator = new TestBrowser(server.origin);
    expect((await coordinator.login("soudan@example.jp", TEST_PASSWORD)).body).toEqual({
      secondStep: "enrol",
    });
    expect((await coordinator.get("/api/auth/me")).status).toBe(401);
    expect((await coordinator.post("/api/auth/login/code", { code: "123456" })).status).toBe(401);
    const enrol = await coordinator.get<{ uri: string; secret: string }>("/api/auth/login/enrol");
    expect(enrol.status).toBe(200);
    const key = keyOf(enrol.body.uri);
    expect(
      (
        await coordinator.post("/api/auth/login/enrol", {
          code: "000000" === codeFor(key) ? "111111" : "000000",
        })
      ).status,
    ).toBe(400);
    const done = await coordinator.post<{ recoveryCodes: string[]; user: { email: string } }>(
      "/api/auth/login/enrol",
      { code: codeFor(key) },
    );
    expect(done.status).toBe(200);
    expect(done.body.user.email).toBe("soudan@example.jp");
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect((await coordinator.get(`/api/workspaces/${workspaceId}`)).status).toBe(200);
    // Mandatory: it cannot be turned off.
    const off = await coordinator.post("/api/auth/two-factor/disable", {
      password: TEST_PASSWORD,
      code: done.body.recoveryCodes[0],
    });
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ error: { code: "twoFactor.required" } });
    // Members are not obliged: the password is enough for them.
    expect(
      (await new TestBrowser(server.origin).login("doctor@example.jp", TEST_PASSWORD)).body,
    ).toMatchObject({
      user: { email: "doctor@example.jp" },
    });
    expect(
      await server.ctx.db.get("SELECT 1 FROM audit_log WHERE event = 'workspace.two_factor_policy'"),
    ).toBeDefined();
  });

  it("an invitation accepted with an account that uses it needs the code before any session", async () => {
    const { workspaceId } = await setup();
    const other = await createWorkspace(server.ctx.db, { name: "柏市", lgCode: "122173" });
    const otherAdmin = await createUser(server.ctx.db, { workspaceId: other, role: "secretariat" });
    const { key } = await enrolFromSettings("doctor@example.jp");
    const admin = new TestBrowser(server.origin);
    await admin.login(otherAdmin.email, TEST_PASSWORD);
    const invite = await admin.post<{ url: string }>(`/api/workspaces/${other}/invites`, { role: "member" });
    const token = invite.body.url.split("/invite/")[1];
    const guest = new TestBrowser(server.origin);
    const joined = await guest.post(`/api/invites/${token}/accept`, {
      mode: "existing",
      email: "doctor@example.jp",
      password: TEST_PASSWORD,
    });
    expect(joined.status).toBe(201);
    expect(joined.body).toEqual({ secondStep: "code" });
    expect(guest.cookie).toBeNull();
    const ok = await guest.post<{ workspaces: { id: string }[] }>("/api/auth/login/code", {
      code: codeFor(key),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.workspaces.map((w) => w.id).sort()).toEqual([workspaceId, other].sort());
  });
});

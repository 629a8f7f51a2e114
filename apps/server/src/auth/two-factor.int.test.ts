/**
 * Two-step verification against a real server: enrolment, login with a code, wrong codes,
 * replay refused (also by two logins at once), recovery codes once only, throttling, the
 * workspace's mandatory policy.
 */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import {
  EnrolResult,
  RecoveryCodes,
  SecondStepResult,
  TotpEnrolment,
  TwoFactorStatus,
} from "@tsumugi/contract";
import { describe, expect } from "vitest";
import { TEST_PASSWORD, type TestServer } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it, type Person, personElsewhere } from "../testing/workspace-world.js";
import { currentStep } from "./two-factor.js";

/** `it` for a server with these settings. */
const itWith = (serverEnv: Record<string, string>) => it.extend({ serverEnv });

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

/** Whether this event was audited. */
async function audited(server: TestServer, event: string): Promise<boolean> {
  const row = await server.ctx.kysely
    .selectFrom("audit_log")
    .select("id")
    .where("event", "=", event)
    .executeTakeFirst();
  return row !== undefined;
}

/** The person, logged in with the password, enrols from the settings page; answers the key and codes. */
async function enrolFromSettings(server: TestServer, person: Person) {
  const browser = person.browser;
  const setup = await browser.post<{ secret: string; uri: string }>("/api/auth/two-factor/setup");
  expect(setup.status).toBe(200);
  expect(TotpEnrolment.parse(setup.body)).toEqual(setup.body);
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
  expect(RecoveryCodes.parse(enabled.body)).toEqual(enabled.body);
  expect(enabled.body.recoveryCodes).toHaveLength(10);
  expect(new Set(enabled.body.recoveryCodes).size).toBe(10);
  const status = await browser.get("/api/auth/two-factor");
  expect(TwoFactorStatus.parse(status.body)).toEqual({
    enabled: true,
    required: false,
    recoveryCodesLeft: 10,
  });
  // As if enrolled a minute ago: the current code has not been used yet (a used step never is
  // accepted again, and the test cannot wait 30 seconds for the next one).
  await server.ctx.kysely
    .updateTable("users")
    .set((eb) => ({ totp_last_step: eb("totp_last_step", "-", 2) }))
    .where("id", "=", person.id)
    .execute();
  return { browser, key, recoveryCodes: enabled.body.recoveryCodes };
}

/** A new browser that has entered the person's password: the second step comes next. */
async function atSecondStep(server: TestServer, person: Person, step = "code"): Promise<TestBrowser> {
  const browser = new TestBrowser(server.origin);
  expect((await browser.login(person.email, TEST_PASSWORD)).body).toEqual({ secondStep: step });
  return browser;
}

describe("two-step verification", () => {
  it("enrols from the settings, then a login needs the code and the password alone opens nothing", async ({
    server,
    world: w,
  }) => {
    const { key, recoveryCodes } = await enrolFromSettings(server, w.member);
    const stored = await server.ctx.kysely.selectFrom("recovery_codes").select("code_hash").execute();
    expect(stored).toHaveLength(10);
    // Hashed at rest: no code is stored as it is.
    for (const row of stored)
      for (const code of recoveryCodes) expect(Buffer.from(row.code_hash).toString()).not.toContain(code);

    const browser = new TestBrowser(server.origin);
    const first = await browser.login(w.member.email, TEST_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ secondStep: "code" });
    expect(browser.cookie).toBeNull();
    // The half-done login grants nothing.
    expect((await browser.get("/api/auth/me")).status).toBe(401);
    expect((await browser.get(w.base)).status).toBe(401);

    // Nothing but spaces and hyphens is no code at all.
    expect((await browser.post("/api/auth/login/code", { code: " - " })).body).toMatchObject({
      error: { code: "validation", fields: { code: "required" } },
    });
    const wrong = await browser.post("/api/auth/login/code", { code: codeFor(key, currentStep() + 5) });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { fields: { code: "twoFactor.wrongCode" } } });
    const code = codeFor(key);
    const ok = await browser.post("/api/auth/login/code", { code });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { email: w.member.email } });
    expect((await browser.get("/api/auth/me")).status).toBe(200);

    // The same code, within its own 30 seconds, does not open a second login.
    const thief = await atSecondStep(server, w.member);
    expect((await thief.post("/api/auth/login/code", { code })).status).toBe(400);
    // The next code does.
    const next = codeFor(key, currentStep() + 1);
    expect((await thief.post("/api/auth/login/code", { code: next })).status).toBe(200);

    for (const event of ["2fa.enabled", "login.second_step", "login.second_factor_failure", "login.success"])
      expect(await audited(server, event), event).toBe(true);
  });

  it("spends a code once when two requests bring it at the same time", async ({ server, world: w }) => {
    const { key, recoveryCodes } = await enrolFromSettings(server, w.member);
    // Two of the member's browsers renew the recovery codes with the same code at once.
    const other = new TestBrowser(server.origin);
    expect((await other.login(w.member.email, TEST_PASSWORD)).body).toEqual({ secondStep: "code" });
    expect((await other.post("/api/auth/login/code", { code: recoveryCodes[9] })).status).toBe(200);
    const together = async (code: string) => {
      const answers = await Promise.all(
        [w.member.browser, other].map((b) => b.post("/api/auth/two-factor/recovery-codes", { code })),
      );
      return answers.map((a) => a.status).sort();
    };
    expect(await together(recoveryCodes[0])).toEqual([200, 400]);
    expect(await together(codeFor(key))).toEqual([200, 400]);

    // A second step sent twice (a double click): one session.
    const before = await server.ctx.kysely
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", w.member.id)
      .execute();
    const browser = await atSecondStep(server, w.member);
    const next = codeFor(key, currentStep() + 1);
    const statuses = (
      await Promise.all([0, 1].map(() => browser.post("/api/auth/login/code", { code: next })))
    ).map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    // The other finds the code spent, or the second step already over.
    expect([400, 401]).toContain(statuses.find((s) => s !== 200));
    const after = await server.ctx.kysely
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", w.member.id)
      .execute();
    expect(after).toHaveLength(before.length + 1);
  });

  it("takes each recovery code once", async ({ server, world: w }) => {
    const { recoveryCodes } = await enrolFromSettings(server, w.member);
    const browser = await atSecondStep(server, w.member);
    const used = await browser.post<{ recoveryCodesLeft: number }>("/api/auth/login/code", {
      code: recoveryCodes[3].toUpperCase(),
    });
    expect(used.status).toBe(200);
    expect(SecondStepResult.parse(used.body)).toEqual(used.body);
    expect(used.body.recoveryCodesLeft).toBe(9);
    const again = await atSecondStep(server, w.member);
    expect((await again.post("/api/auth/login/code", { code: recoveryCodes[3] })).status).toBe(400);
    expect((await again.post("/api/auth/login/code", { code: recoveryCodes[4] })).status).toBe(200);
    expect(await audited(server, "login.recovery_code_used")).toBe(true);
  });

  itWith({ LOGIN_FREE_FAILURES: "3" })(
    "slows code guessing and ends the second step after five wrong codes",
    async ({ server, world: w }) => {
      const { key } = await enrolFromSettings(server, w.member);
      const browser = await atSecondStep(server, w.member);
      const wrong = codeFor(key, currentStep() + 7);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await browser.post("/api/auth/login/code", { code: wrong })).status);
      expect(statuses).toEqual([400, 400, 400, 429]);
      const throttled = await browser.post("/api/auth/login/code", { code: codeFor(key) });
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await audited(server, "login.second_factor_failure")).toBe(true);
      expect(await audited(server, "login.throttled")).toBe(true);
    },
  );

  itWith({ LOGIN_FREE_FAILURES: "10" })(
    "ends the second step after five wrong codes: the password must be entered again",
    async ({ server, world: w }) => {
      const { key } = await enrolFromSettings(server, w.member);
      const browser = await atSecondStep(server, w.member);
      const wrong = codeFor(key, currentStep() + 9);
      for (let i = 0; i < 4; i++)
        expect((await browser.post("/api/auth/login/code", { code: wrong })).status).toBe(400);
      const fifth = await browser.post("/api/auth/login/code", { code: wrong });
      expect(fifth.status).toBe(401);
      expect(fifth.body).toMatchObject({ error: { code: "login.stepExpired" } });
      // The browser forgets the ended challenge's cookie.
      expect(fifth.headers.getSetCookie()).toContainEqual(
        expect.stringMatching(/^tsumugi_login_step=;.*Max-Age=0/),
      );
      expect((await browser.post("/api/auth/login/code", { code: codeFor(key) })).status).toBe(401);
      expect((await browser.login(w.member.email, TEST_PASSWORD)).body).toEqual({ secondStep: "code" });
      expect((await browser.post("/api/auth/login/code", { code: codeFor(key) })).status).toBe(200);
    },
  );

  it("turns off only with the password and a code, and renews recovery codes", async ({
    server,
    world: w,
  }) => {
    const { browser, key } = await enrolFromSettings(server, w.member);
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
    expect((await new TestBrowser(server.origin).login(w.member.email, TEST_PASSWORD)).body).toMatchObject({
      user: { email: w.member.email },
    });
    expect(await audited(server, "2fa.disabled")).toBe(true);
  });

  it("made mandatory by the secretariat: coordinators enrol at their next login before anything else", async ({
    server,
    world: w,
  }) => {
    // The outsider becomes the workspace's coordinator.
    const coordinatorPerson = w.outsider;
    expect(
      (await w.admin.browser.patch(`${w.base}/members/${coordinatorPerson.id}`, { role: "coordinator" }))
        .status,
    ).toBe(204);
    const policy = `${w.base}/two-factor-policy`;
    // Only someone who uses it can demand it.
    expect((await w.admin.browser.request("PUT", policy, { required: true })).status).toBe(409);
    const enrolled = await enrolFromSettings(server, w.admin);
    expect((await enrolled.browser.request("PUT", policy, { required: "yes" })).body).toMatchObject({
      error: { code: "validation", fields: { required: "invalid" } },
    });
    expect((await enrolled.browser.request("PUT", policy, { required: true })).status).toBe(200);
    expect((await w.member.browser.request("PUT", policy, { required: false })).status).toBe(403);
    expect((await w.member.browser.get(policy)).body).toEqual({
      required: true,
      roles: ["secretariat", "coordinator"],
    });

    // The coordinator: the password leads to enrolment, nothing else.
    const coordinator = await atSecondStep(server, coordinatorPerson, "enrol");
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
    expect(EnrolResult.parse(done.body)).toEqual(done.body);
    expect(done.body.user.email).toBe(coordinatorPerson.email);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect((await coordinator.get(w.base)).status).toBe(200);
    // Mandatory: it cannot be turned off.
    const off = await coordinator.post("/api/auth/two-factor/disable", {
      password: TEST_PASSWORD,
      code: done.body.recoveryCodes[0],
    });
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ error: { code: "twoFactor.required" } });
    // Members are not obliged: the password is enough for them.
    expect((await new TestBrowser(server.origin).login(w.member.email, TEST_PASSWORD)).body).toMatchObject({
      user: { email: w.member.email },
    });
    expect(await audited(server, "workspace.two_factor_policy")).toBe(true);
  });

  it("an invitation accepted with an account that uses it needs the code before any session", async ({
    server,
    world: w,
  }) => {
    const other = await personElsewhere(server, { name: "柏市", lgCode: "122173" });
    const { key } = await enrolFromSettings(server, w.member);
    const invite = await other.browser.post<{ url: string }>(`/api/workspaces/${other.workspaceId}/invites`, {
      role: "member",
    });
    const token = invite.body.url.split("/invite/")[1];
    const guest = new TestBrowser(server.origin);
    const joined = await guest.post(`/api/invites/${token}/accept`, {
      mode: "existing",
      email: w.member.email,
      password: TEST_PASSWORD,
    });
    expect(joined.status).toBe(201);
    expect(joined.body).toEqual({ secondStep: "code" });
    expect(guest.cookie).toBeNull();
    const ok = await guest.post<{ workspaces: { id: string }[] }>("/api/auth/login/code", {
      code: codeFor(key),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.workspaces.map((w) => w.id).sort()).toEqual([w.workspaceId, other.workspaceId].sort());
  });
});

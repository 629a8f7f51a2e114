/**
 * Two-step verification routes:
 * - /api/auth/login/code, /api/auth/login/enrol: the second step of a login (challenge cookie);
 * - /api/auth/two-factor: a logged-in person's own settings (enrol, recovery codes, turn off).
 * (The workspace's policy that makes it mandatory is in workspaces/two-factor-policy-routes.ts.)
 * Every code check is throttled like a password (per person; a browser that logged in before
 * counted on its own) and audited.
 */
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, authRequired, invalid } from "../http/errors.js";
import { requireUser } from "../http/middleware.js";
import { describe } from "../http/operation.js";
import { readJsonObject } from "../http/request-body.js";
import { findUserById, sessionInfo } from "./account-repository.js";
import {
  type Challenge,
  challengeFailed,
  currentChallenge,
  endChallenge,
  setPendingKey,
  stepExpired,
} from "./login-challenge.js";
import { attemptOf, type LoginGuard, rememberBrowser } from "./login-guard.js";
import { type Attempt, throttledError } from "./login-throttle.js";
import { verifyOrBurn } from "./password.js";
import { openTotpKey } from "./sealed-totp-keys.js";
import { startSession } from "./start-session.js";
import {
  enrolmentOf,
  matchTotp,
  newTotpKey,
  normaliseCode,
  recoveryCodesLeft,
  twoFactorState,
  useSecondFactor,
} from "./two-factor.js";
import {
  alreadyOn,
  disableTwoFactor,
  enableTwoFactor,
  noSetup,
  notOn,
  renewRecoveryCodes,
  requiredHere,
  startTotpSetup,
} from "./two-factor-commands.js";
import { findTotp } from "./two-factor-repository.js";

const wrongCode = () =>
  new ApiError(400, "validation", "確認コードが正しくありません。", { code: "twoFactor.wrongCode" });

/** Throttles code checks of one person like password checks (key `2fa:<user id>`). */
async function codeAttempt(c: Context<AppEnv>, guard: LoginGuard, userId: string): Promise<Attempt> {
  const attempt = await attemptOf(c, guard, `2fa:${userId}`, { id: userId });
  const wait = await guard.throttle.retryAfterMs(attempt);
  if (wait > 0) {
    await c.get("app").audit.record({
      event: "login.throttled",
      actorUserId: userId,
      ip: c.get("ip"),
      detail: { secondFactor: true, waitSeconds: Math.ceil(wait / 1000) },
    });
    throw throttledError(wait, "確認コード");
  }
  return attempt;
}

/** The session after a complete login (password and second step). */
async function completeLogin(
  c: Context<AppEnv>,
  guard: LoginGuard,
  challenge: Challenge,
  detail: Record<string, unknown>,
) {
  const app = c.get("app");
  const user = await findUserById(app.kysely, challenge.userId);
  if (!user || user.disabledAt !== null) throw stepExpired();
  const session = await startSession(c, user.id);
  await endChallenge(c, challenge.id);
  await rememberBrowser(c, guard, user.id);
  await app.audit.record({ event: "login.success", actorUserId: user.id, ip: c.get("ip"), detail });
  return sessionInfo(app.kysely, user, session);
}

/** A wrong code in the second step: counted, audited, and the challenge ends after five. */
async function failedStep(c: Context<AppEnv>, guard: LoginGuard, challenge: Challenge, attempt: Attempt) {
  await guard.throttle.recordFailure(attempt);
  await c.get("app").audit.record({
    event: "login.second_factor_failure",
    actorUserId: challenge.userId,
    ip: c.get("ip"),
    detail: { step: challenge.kind },
  });
  if (await challengeFailed(c, challenge)) throw stepExpired();
  throw wrongCode();
}

/** Under /api/auth/login: the second step. */
export function secondStepRoutes(guard: LoginGuard): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post(
    "/code",
    describe({
      summary: "Second login step: a TOTP or recovery code; starts the session",
      tag: "auth",
      public: true,
      errors: [400, 401, 429],
    }),
    async (c) => {
      const app = c.get("app");
      const challenge = await currentChallenge(c, "verify");
      const body = await readJsonObject(c);
      if (!normaliseCode(body.code)) throw invalid({ code: "required" });
      const attempt = await codeAttempt(c, guard, challenge.userId);
      const used = await useSecondFactor(app.kysely, app.personalData, challenge.userId, body.code);
      if (!used) return failedStep(c, guard, challenge, attempt);
      await guard.throttle.recordSuccess(attempt);
      if (used === "recovery") {
        await app.audit.record({
          event: "login.recovery_code_used",
          actorUserId: challenge.userId,
          ip: c.get("ip"),
        });
      }
      const info = await completeLogin(c, guard, challenge, { secondFactor: used });
      return c.json({
        ...info,
        ...(used === "recovery"
          ? { recoveryCodesLeft: await recoveryCodesLeft(app.kysely, challenge.userId) }
          : {}),
      });
    },
  );

  // Enrolment that a workspace's policy demands before anything else.
  r.get(
    "/enrol",
    describe({
      summary: "Second login step, enrolment a workspace requires: the key and its otpauth URI",
      tag: "auth",
      public: true,
      errors: [401],
    }),
    async (c) => {
      const app = c.get("app");
      const challenge = await currentChallenge(c, "enrol");
      const user = await findUserById(app.kysely, challenge.userId);
      if (!user) throw stepExpired();
      let key = challenge.pendingKey;
      if (!key) {
        key = newTotpKey();
        await setPendingKey(c, challenge.id, key);
      }
      return c.json({ email: user.email, ...enrolmentOf(user.email, key) });
    },
  );

  r.post(
    "/enrol",
    describe({
      summary:
        "Second login step, enrolment: the first code; starts the session and answers the recovery codes",
      tag: "auth",
      public: true,
      errors: [400, 401, 429],
    }),
    async (c) => {
      const app = c.get("app");
      const challenge = await currentChallenge(c, "enrol");
      if (!challenge.pendingKey) throw stepExpired();
      const body = await readJsonObject(c);
      const code = normaliseCode(body.code);
      if (!code) throw invalid({ code: "required" });
      const attempt = await codeAttempt(c, guard, challenge.userId);
      const step = matchTotp(challenge.pendingKey, code, 0);
      if (step === null) return failedStep(c, guard, challenge, attempt);
      await guard.throttle.recordSuccess(attempt);
      const recoveryCodes = await enableTwoFactor(
        app,
        { userId: challenge.userId, ip: c.get("ip") },
        challenge.pendingKey,
        step,
        "login",
      );
      const info = await completeLogin(c, guard, challenge, { secondFactor: "enrolled" });
      return c.json({ ...info, recoveryCodes });
    },
  );

  return r;
}

/** Under /api/auth/two-factor: the logged-in person's own settings. */
export function twoFactorSettingsRoutes(guard: LoginGuard): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.use("*", requireUser);

  const me = (c: Context<AppEnv>) => {
    const user = c.get("user");
    const session = c.get("session");
    if (!user || !session) throw authRequired();
    return { user, session };
  };

  r.get(
    "/",
    describe({
      summary: "Own two-step verification: on, required, recovery codes left",
      tag: "auth",
      errors: [401],
    }),
    async (c) => {
      const { user } = me(c);
      const q = c.get("app").kysely;
      const state = await twoFactorState(q, user.id);
      return c.json({
        ...state,
        recoveryCodesLeft: state.enabled ? await recoveryCodesLeft(q, user.id) : 0,
      });
    },
  );

  r.post(
    "/setup",
    describe({
      summary: "Start setting up two-step verification: a new key and its otpauth URI",
      tag: "auth",
      errors: [401, 409],
    }),
    async (c) => {
      const { user } = me(c);
      const key = await startTotpSetup(c.get("app"), user.id);
      return c.json({ email: user.email, ...enrolmentOf(user.email, key) });
    },
  );

  r.post(
    "/enable",
    describe({
      summary: "Turn two-step verification on with the first code; answers the recovery codes",
      tag: "auth",
      errors: [400, 401, 409, 429],
    }),
    async (c) => {
      const { user } = me(c);
      const app = c.get("app");
      const row = await findTotp(app.kysely, user.id);
      if (row?.keySealed) throw alreadyOn();
      if (!row?.pendingKeySealed) throw noSetup();
      const body = await readJsonObject(c);
      const code = normaliseCode(body.code);
      if (!code) throw invalid({ code: "required" });
      const attempt = await codeAttempt(c, guard, user.id);
      const key = openTotpKey(app.personalData, "users.totp_pending_key", user.id, row.pendingKeySealed);
      const step = matchTotp(key, code, 0);
      if (step === null) {
        await guard.throttle.recordFailure(attempt);
        throw wrongCode();
      }
      await guard.throttle.recordSuccess(attempt);
      const recoveryCodes = await enableTwoFactor(
        app,
        { userId: user.id, ip: c.get("ip") },
        key,
        step,
        "settings",
      );
      return c.json({ recoveryCodes });
    },
  );

  /** Checks the password (throttled per session) and a code; throws on either. */
  async function passwordAndCode(c: Context<AppEnv>, body: Record<string, unknown>, needPassword: boolean) {
    const { user, session } = me(c);
    const app = c.get("app");
    const password = typeof body.password === "string" ? body.password : "";
    const fields: Record<string, string> = {};
    if (needPassword && !password) fields.password = "required";
    if (!normaliseCode(body.code)) fields.code = "required";
    if (Object.keys(fields).length) throw invalid(fields);
    const pwAttempt = { account: `password-change:${user.id}`, ip: c.get("ip"), device: session.id };
    if (needPassword) {
      const wait = await guard.throttle.retryAfterMs(pwAttempt);
      if (wait > 0) throw throttledError(wait, "パスワード確認");
      const row = await findUserById(app.kysely, user.id);
      if (!row || !(await verifyOrBurn(row.passwordHash, password))) {
        await guard.throttle.recordFailure(pwAttempt);
        throw new ApiError(400, "validation", "パスワードが正しくありません。", { password: "wrong" });
      }
    }
    const attempt = await codeAttempt(c, guard, user.id);
    const used = await useSecondFactor(app.kysely, app.personalData, user.id, body.code);
    if (!used) {
      await guard.throttle.recordFailure(attempt);
      throw wrongCode();
    }
    await guard.throttle.recordSuccess(attempt);
    return used;
  }

  r.post(
    "/disable",
    describe({
      summary: "Turn two-step verification off (password and a code)",
      tag: "auth",
      ok: 204,
      errors: [400, 401, 409, 429],
    }),
    async (c) => {
      const { user } = me(c);
      const app = c.get("app");
      const state = await twoFactorState(app.kysely, user.id);
      if (!state.enabled) throw notOn();
      if (state.required) throw requiredHere();
      await passwordAndCode(c, await readJsonObject(c), true);
      await disableTwoFactor(app, { userId: user.id, ip: c.get("ip") });
      return c.body(null, 204);
    },
  );

  r.post(
    "/recovery-codes",
    describe({
      summary: "New recovery codes (a code needed); the old ones stop working",
      tag: "auth",
      errors: [400, 401, 409, 429],
    }),
    async (c) => {
      const { user } = me(c);
      const app = c.get("app");
      if (!(await twoFactorState(app.kysely, user.id)).enabled) throw notOn();
      await passwordAndCode(c, await readJsonObject(c), false);
      const recoveryCodes = await renewRecoveryCodes(app, { userId: user.id, ip: c.get("ip") });
      return c.json({ recoveryCodes });
    },
  );

  return r;
}

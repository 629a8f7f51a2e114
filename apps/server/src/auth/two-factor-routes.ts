/**
 * Two-step verification routes:
 * - /api/auth/login/code, /api/auth/login/enrol: the second step of a login (challenge cookie);
 * - /api/auth/two-factor: a logged-in person's own settings (enrol, recovery codes, turn off).
 * (The workspace's policy that makes it mandatory is in workspaces/two-factor-policy-routes.ts.)
 * Every code check is throttled like a password and audited (second-factor-checks.ts).
 */
import {
  DisableTwoFactor,
  EnrolResult,
  RecoveryCodes,
  SecondFactorCode,
  SecondStepResult,
  TotpEnrolment,
  TwoFactorStatus,
} from "@tsumugi/contract";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { authRequired } from "../http/errors.js";
import { requireUser } from "../http/middleware.js";
import { describe, jsonBody } from "../http/operation.js";
import {
  answerFinishedLogin,
  challengeTokenOf,
  codeCallerOf,
  refuseStepCode,
  stepCallerOf,
} from "./login-answer.js";
import { findCurrentChallenge, loginEnrolmentKey } from "./login-challenge.js";
import { finishLogin } from "./login-commands.js";
import type { LoginGuard } from "./login-guard.js";
import {
  checkEnrolmentCode,
  checkLoginCode,
  passwordAndCode,
  pendingKeyCode,
} from "./second-factor-checks.js";
import { enrolmentOf, recoveryCodesLeft, twoFactorState } from "./two-factor.js";
import {
  disableTwoFactor,
  enableTwoFactor,
  notOn,
  renewRecoveryCodes,
  requiredHere,
  startTotpSetup,
} from "./two-factor-commands.js";

const tag = "auth";

/** Under /api/auth/login: the second step. */
export function secondStepRoutes(guard: LoginGuard): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post(
    "/code",
    describe({
      summary: "Second login step: a TOTP or recovery code; starts the session",
      description: "With a recovery code, the answer says how many are left (`recoveryCodesLeft`).",
      tag,
      public: true,
      response: SecondStepResult,
      errors: [401, 429],
    }),
    jsonBody(SecondFactorCode),
    async (c) => {
      const app = c.var.app;
      const challenge = await findCurrentChallenge(app, challengeTokenOf(c), "verify");
      const caller = await stepCallerOf(c, guard, challenge.userId);
      const checked = await checkLoginCode(app, guard.throttle, caller, challenge, c.req.valid("json").code);
      if (!checked.ok) return refuseStepCode(c, checked.challengeEnded);
      const used = checked.value;
      const info = await answerFinishedLogin(
        c,
        guard,
        await finishLogin(app, caller, challenge, { secondFactor: used }),
      );
      return c.json({
        ...info,
        ...(used === "recovery"
          ? { recoveryCodesLeft: await recoveryCodesLeft(app.kysely, challenge.userId) }
          : {}),
      } satisfies SecondStepResult);
    },
  );

  // Enrolment that a workspace's policy demands before anything else.
  r.get(
    "/enrol",
    describe({
      summary: "Second login step, enrolment a workspace requires: the key and its otpauth URI",
      tag,
      public: true,
      response: TotpEnrolment,
      errors: [401],
    }),
    async (c) => {
      const app = c.var.app;
      const challenge = await findCurrentChallenge(app, challengeTokenOf(c), "enrol");
      const { email, key } = await loginEnrolmentKey(app, challenge);
      return c.json({ email, ...enrolmentOf(email, key) } satisfies TotpEnrolment);
    },
  );

  r.post(
    "/enrol",
    describe({
      summary:
        "Second login step, enrolment: the first code; starts the session and answers the recovery codes",
      tag,
      public: true,
      response: EnrolResult,
      errors: [401, 429],
    }),
    jsonBody(SecondFactorCode),
    async (c) => {
      const app = c.var.app;
      const challenge = await findCurrentChallenge(app, challengeTokenOf(c), "enrol");
      const caller = await stepCallerOf(c, guard, challenge.userId);
      const checked = await checkEnrolmentCode(
        app,
        guard.throttle,
        caller,
        challenge,
        c.req.valid("json").code,
      );
      if (!checked.ok) return refuseStepCode(c, checked.challengeEnded);
      const { key, step } = checked.value;
      const owner = { userId: challenge.userId, ip: caller.ip };
      const recoveryCodes = await enableTwoFactor(app, owner, key, step, "login");
      const info = await answerFinishedLogin(
        c,
        guard,
        await finishLogin(app, caller, challenge, { secondFactor: "enrolled" }),
      );
      return c.json({ ...info, recoveryCodes } satisfies EnrolResult);
    },
  );

  return r;
}

/** The logged-in person (requireUser has answered 401 otherwise). */
function me(c: Context<AppEnv>) {
  const user = c.var.user;
  const session = c.var.session;
  if (!user || !session) throw authRequired();
  return { user, session };
}

/** Under /api/auth/two-factor: the logged-in person's own settings. */
export function twoFactorSettingsRoutes(guard: LoginGuard): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.use("*", requireUser);

  r.get(
    "/",
    describe({
      summary: "Own two-step verification: on, required, recovery codes left",
      tag,
      response: TwoFactorStatus,
      errors: [401],
    }),
    async (c) => {
      const { user } = me(c);
      const q = c.var.app.kysely;
      const state = await twoFactorState(q, user.id);
      const left = state.enabled ? await recoveryCodesLeft(q, user.id) : 0;
      return c.json({ ...state, recoveryCodesLeft: left } satisfies TwoFactorStatus);
    },
  );

  r.post(
    "/setup",
    describe({
      summary: "Start setting up two-step verification: a new key and its otpauth URI",
      tag,
      response: TotpEnrolment,
      errors: [401, 409],
    }),
    async (c) => {
      const { user } = me(c);
      const key = await startTotpSetup(c.var.app, user.id);
      return c.json({ email: user.email, ...enrolmentOf(user.email, key) } satisfies TotpEnrolment);
    },
  );

  r.post(
    "/enable",
    describe({
      summary: "Turn two-step verification on with the first code; answers the recovery codes",
      tag,
      response: RecoveryCodes,
      errors: [401, 409, 429],
    }),
    jsonBody(SecondFactorCode),
    async (c) => {
      const { user } = me(c);
      const caller = await codeCallerOf(c, guard, user.id);
      const { key, step } = await pendingKeyCode(c.var.app, guard.throttle, caller, c.req.valid("json").code);
      const recoveryCodes = await enableTwoFactor(
        c.var.app,
        { userId: user.id, ip: c.var.ip },
        key,
        step,
        "settings",
      );
      return c.json({ recoveryCodes } satisfies RecoveryCodes);
    },
  );

  r.post(
    "/disable",
    describe({
      summary: "Turn two-step verification off (password and a code)",
      description:
        "400 with `fields.password: wrong` for a wrong password; 409 while a workspace requires it.",
      tag,
      ok: 204,
      errors: [401, 409, 429],
    }),
    jsonBody(DisableTwoFactor),
    async (c) => {
      const { user, session } = me(c);
      const state = await twoFactorState(c.var.app.kysely, user.id);
      if (!state.enabled) throw notOn();
      if (state.required) throw requiredHere();
      const caller = { ...(await codeCallerOf(c, guard, user.id)), sessionId: session.id };
      await passwordAndCode(c.var.app, guard.throttle, caller, c.req.valid("json"));
      await disableTwoFactor(c.var.app, { userId: user.id, ip: c.var.ip });
      return c.body(null, 204);
    },
  );

  r.post(
    "/recovery-codes",
    describe({
      summary: "New recovery codes (a code needed); the old ones stop working",
      tag,
      response: RecoveryCodes,
      errors: [401, 409, 429],
    }),
    jsonBody(SecondFactorCode),
    async (c) => {
      const { user, session } = me(c);
      if (!(await twoFactorState(c.var.app.kysely, user.id)).enabled) throw notOn();
      const caller = { ...(await codeCallerOf(c, guard, user.id)), sessionId: session.id };
      await passwordAndCode(c.var.app, guard.throttle, caller, c.req.valid("json"));
      const recoveryCodes = await renewRecoveryCodes(c.var.app, { userId: user.id, ip: c.var.ip });
      return c.json({ recoveryCodes } satisfies RecoveryCodes);
    },
  );

  return r;
}

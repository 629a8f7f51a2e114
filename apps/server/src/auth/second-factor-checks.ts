/**
 * The checks before a change of a second factor or the end of a login: every code is
 * throttled like a password (key `2fa:<user id>`; a browser that logged in before counted on
 * its own), the password of a logged-in person per session; failures are counted and audited.
 */
import type { Context } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
import { findUserById, sessionInfo } from "./account-repository.js";
import { loginCallerOf, setSessionCookie } from "./login-answer.js";
import { type Challenge, challengeFailed, clearChallengeCookie, stepExpired } from "./login-challenge.js";
import { finishLogin } from "./login-commands.js";
import { attemptOf, type LoginGuard, rememberBrowser } from "./login-guard.js";
import { type Attempt, throttledError } from "./login-throttle.js";
import { verifyOrBurn } from "./password.js";
import { openTotpKey } from "./sealed-totp-keys.js";
import { matchTotp, normaliseCode, useSecondFactor } from "./two-factor.js";
import { alreadyOn, noSetup } from "./two-factor-commands.js";
import { findTotp } from "./two-factor-repository.js";

export const wrongCode = () =>
  new ApiError(400, "validation", "確認コードが正しくありません。", { code: "twoFactor.wrongCode" });

/** Throttles code checks of one person like password checks; 429 while they must wait. */
export async function codeAttempt(c: Context<AppEnv>, guard: LoginGuard, userId: string): Promise<Attempt> {
  const attempt = await attemptOf(c, guard, `2fa:${userId}`, { id: userId });
  const wait = await guard.throttle.retryAfterMs(attempt);
  if (wait > 0) {
    await c.var.app.audit.record({
      event: "login.throttled",
      actorUserId: userId,
      ip: c.var.ip,
      detail: { secondFactor: true, waitSeconds: Math.ceil(wait / 1000) },
    });
    throw throttledError(wait, "確認コード");
  }
  return attempt;
}

/** A wrong code in the second step: counted, audited, and the challenge ends after five. */
export async function failedStep(
  c: Context<AppEnv>,
  guard: LoginGuard,
  challenge: Challenge,
  attempt: Attempt,
): Promise<never> {
  await guard.throttle.recordFailure(attempt);
  await c.var.app.audit.record({
    event: "login.second_factor_failure",
    actorUserId: challenge.userId,
    ip: c.var.ip,
    detail: { step: challenge.kind },
  });
  if (await challengeFailed(c, challenge)) throw stepExpired();
  throw wrongCode();
}

/** The session after a complete login (password and second step): its cookies and answer. */
export async function completeLogin(
  c: Context<AppEnv>,
  guard: LoginGuard,
  challenge: Challenge,
  detail: Record<string, unknown>,
) {
  const { user, session } = await finishLogin(c.var.app, loginCallerOf(c), challenge, detail);
  setSessionCookie(c, session);
  clearChallengeCookie(c);
  await rememberBrowser(c, guard, user.id);
  return sessionInfo(c.var.app.kysely, user, session);
}

/**
 * The logged-in person's own password, before a change of their account: throttled per
 * session (failed logins of others never block the owner here); 429 while they must wait,
 * 400 with `fields[field]: wrong` for a wrong one.
 */
export async function checkOwnPassword(
  c: Context<AppEnv>,
  guard: LoginGuard,
  person: { userId: string; sessionId: string },
  password: string,
  wrong: { field: string; message: string },
): Promise<void> {
  const attempt = { account: `password-change:${person.userId}`, ip: c.var.ip, device: person.sessionId };
  const wait = await guard.throttle.retryAfterMs(attempt);
  if (wait > 0) throw throttledError(wait, "パスワード確認");
  const row = await findUserById(c.var.app.kysely, person.userId);
  if (!row || !(await verifyOrBurn(row.passwordHash, password))) {
    await guard.throttle.recordFailure(attempt);
    throw new ApiError(400, "validation", wrong.message, { [wrong.field]: "wrong" });
  }
}

/**
 * The logged-in person's password (when given; throttled per session) and a code of theirs,
 * which is spent; throws on either.
 */
export async function passwordAndCode(
  c: Context<AppEnv>,
  guard: LoginGuard,
  person: { userId: string; sessionId: string },
  given: { password?: string; code: string },
): Promise<"totp" | "recovery"> {
  const app = c.var.app;
  if (given.password !== undefined)
    await checkOwnPassword(c, guard, person, given.password, {
      field: "password",
      message: "パスワードが正しくありません。",
    });
  const attempt = await codeAttempt(c, guard, person.userId);
  const used = await useSecondFactor(app.kysely, app.personalData, person.userId, given.code);
  if (!used) {
    await guard.throttle.recordFailure(attempt);
    throw wrongCode();
  }
  await guard.throttle.recordSuccess(attempt);
  return used;
}

/**
 * A code of the key being set up in the settings, throttled like every code: the key and the
 * code's time step, or 409 when two-step verification is on already or no setup was started,
 * 400 for a wrong code.
 */
export async function pendingKeyCode(
  c: Context<AppEnv>,
  guard: LoginGuard,
  userId: string,
  code: string,
): Promise<{ key: Uint8Array; step: number }> {
  const app = c.var.app;
  const row = await findTotp(app.kysely, userId);
  if (row?.keySealed) throw alreadyOn();
  if (!row?.pendingKeySealed) throw noSetup();
  const attempt = await codeAttempt(c, guard, userId);
  const key = openTotpKey(app.personalData, "users.totp_pending_key", userId, row.pendingKeySealed);
  const step = matchTotp(key, normaliseCode(code), 0);
  if (step === null) {
    await guard.throttle.recordFailure(attempt);
    throw wrongCode();
  }
  await guard.throttle.recordSuccess(attempt);
  return { key, step };
}

/**
 * The checks before a change of a second factor or the end of a login: every code is
 * throttled like a password (key `2fa:<user id>`; a browser that logged in before counted on
 * its own), the password of a logged-in person per session; failures are counted and audited.
 * The routes give the caller (login-answer.ts reads the browser's cookies for it).
 */
import type { AppContext } from "../context.js";
import { ApiError } from "../http/errors.js";
import { findUserById } from "./account-repository.js";
import { type Challenge, challengeFailed, stepExpired } from "./login-challenge.js";
import { type LoginCaller, spendLoginCode } from "./login-commands.js";
import { type Attempt, type LoginThrottle, throttledError } from "./login-throttle.js";
import { verifyOrBurn } from "./password.js";
import { openTotpKey } from "./sealed-totp-keys.js";
import { matchTotp, normaliseCode, useSecondFactor } from "./two-factor.js";
import { alreadyOn, noSetup } from "./two-factor-commands.js";
import { findTotp } from "./two-factor-repository.js";

export const wrongCode = () =>
  new ApiError(400, "validation", "確認コードが正しくありません。", { code: "twoFactor.wrongCode" });

/**
 * Who enters a code of their own account: from which address, and in which browser (the id
 * its device cookie gives it for this account when it logged in to it before, else null).
 */
export interface CodeCaller {
  userId: string;
  ip: string;
  device: string | null;
}

/** Who takes a login's second step: the login's caller, in a browser as for CodeCaller. */
export type StepCaller = LoginCaller & { device: string | null };

/** Who checks their own password, in which session. */
export interface SessionCaller {
  userId: string;
  sessionId: string;
  ip: string;
}

/** A code of the login's second step: `value` when right; when wrong, whether the challenge ended. */
export type StepCodeCheck<T> = { ok: true; value: T } | { ok: false; challengeEnded: boolean };

/** Throttles code checks of one person like password checks; 429 while they must wait (audited). */
export async function codeAttempt(
  app: AppContext,
  throttle: LoginThrottle,
  caller: CodeCaller,
): Promise<Attempt> {
  const attempt = { account: `2fa:${caller.userId}`, ip: caller.ip, device: caller.device };
  const wait = await throttle.retryAfterMs(attempt);
  if (wait > 0) {
    await app.audit.record({
      event: "login.throttled",
      actorUserId: caller.userId,
      ip: caller.ip,
      detail: { secondFactor: true, waitSeconds: Math.ceil(wait / 1000) },
    });
    throw throttledError(wait, "確認コード");
  }
  return attempt;
}

/** A wrong code in the second step: counted, audited, and the challenge ends after five. */
async function failedStep(
  app: AppContext,
  throttle: LoginThrottle,
  caller: StepCaller,
  challenge: Challenge,
  attempt: Attempt,
): Promise<{ ok: false; challengeEnded: boolean }> {
  await throttle.recordFailure(attempt);
  await app.audit.record({
    event: "login.second_factor_failure",
    actorUserId: challenge.userId,
    ip: caller.ip,
    detail: { step: challenge.kind },
  });
  return { ok: false, challengeEnded: await challengeFailed(app, challenge) };
}

/** The caller of a code for the challenge's account. */
function codeCallerOf(caller: StepCaller, challenge: Challenge): CodeCaller {
  return { userId: challenge.userId, ip: caller.ip, device: caller.device };
}

/**
 * A code of the login's second step (TOTP or recovery code), throttled, spent when right
 * (login-commands.ts spendLoginCode); which kind it was.
 */
export async function checkLoginCode(
  app: AppContext,
  throttle: LoginThrottle,
  caller: StepCaller,
  challenge: Challenge,
  code: string,
): Promise<StepCodeCheck<"totp" | "recovery">> {
  const attempt = await codeAttempt(app, throttle, codeCallerOf(caller, challenge));
  const used = await spendLoginCode(app, caller, challenge.userId, code);
  if (!used) return failedStep(app, throttle, caller, challenge, attempt);
  await throttle.recordSuccess(attempt);
  return { ok: true, value: used };
}

/**
 * The first code of the key an enrolment challenge sets up, throttled: the key and the code's
 * time step when right; 401 `login.stepExpired` when no key was set up in this challenge.
 */
export async function checkEnrolmentCode(
  app: AppContext,
  throttle: LoginThrottle,
  caller: StepCaller,
  challenge: Challenge,
  code: string,
): Promise<StepCodeCheck<{ key: Uint8Array; step: number }>> {
  const key = challenge.pendingKey;
  if (!key) throw stepExpired();
  const attempt = await codeAttempt(app, throttle, codeCallerOf(caller, challenge));
  const step = matchTotp(key, normaliseCode(code), 0);
  if (step === null) return failedStep(app, throttle, caller, challenge, attempt);
  await throttle.recordSuccess(attempt);
  return { ok: true, value: { key, step } };
}

/**
 * The logged-in person's own password, before a change of their account: throttled per
 * session (failed logins of others never block the owner here); 429 while they must wait,
 * 400 with `fields[field]: wrong` for a wrong one.
 */
export async function checkOwnPassword(
  app: AppContext,
  throttle: LoginThrottle,
  caller: SessionCaller,
  password: string,
  wrong: { field: string; message: string },
): Promise<void> {
  const attempt = { account: `password-change:${caller.userId}`, ip: caller.ip, device: caller.sessionId };
  const wait = await throttle.retryAfterMs(attempt);
  if (wait > 0) throw throttledError(wait, "パスワード確認");
  const row = await findUserById(app.kysely, caller.userId);
  if (!row || !(await verifyOrBurn(row.passwordHash, password))) {
    await throttle.recordFailure(attempt);
    throw new ApiError(400, "validation", wrong.message, { [wrong.field]: "wrong" });
  }
}

/**
 * The logged-in person's password (when given; throttled per session) and a code of theirs,
 * which is spent; throws on either.
 */
export async function passwordAndCode(
  app: AppContext,
  throttle: LoginThrottle,
  caller: SessionCaller & CodeCaller,
  given: { password?: string; code: string },
): Promise<"totp" | "recovery"> {
  if (given.password !== undefined)
    await checkOwnPassword(app, throttle, caller, given.password, {
      field: "password",
      message: "パスワードが正しくありません。",
    });
  const attempt = await codeAttempt(app, throttle, caller);
  const used = await useSecondFactor(app.kysely, app.personalData, caller.userId, given.code);
  if (!used) {
    await throttle.recordFailure(attempt);
    throw wrongCode();
  }
  await throttle.recordSuccess(attempt);
  return used;
}

/**
 * A code of the key being set up in the settings, throttled like every code: the key and the
 * code's time step, or 409 when two-step verification is on already or no setup was started,
 * 400 for a wrong code.
 */
export async function pendingKeyCode(
  app: AppContext,
  throttle: LoginThrottle,
  caller: CodeCaller,
  code: string,
): Promise<{ key: Uint8Array; step: number }> {
  const row = await findTotp(app.kysely, caller.userId);
  if (row?.keySealed) throw alreadyOn();
  if (!row?.pendingKeySealed) throw noSetup();
  const attempt = await codeAttempt(app, throttle, caller);
  const key = openTotpKey(app.personalData, "users.totp_pending_key", caller.userId, row.pendingKeySealed);
  const step = matchTotp(key, normaliseCode(code), 0);
  if (step === null) {
    await throttle.recordFailure(attempt);
    throw wrongCode();
  }
  await throttle.recordSuccess(attempt);
  return { key, step };
}

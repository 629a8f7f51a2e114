/**
 * Logins once the person is known (a right password, or an accepted invitation) and their end
 * after the second step: each starts a session or a second step and records the audit entry.
 * The routes set the cookies from what they answer (login-answer.ts).
 */
import type { AppContext } from "../context.js";
import { endSession } from "./account-commands.js";
import { findUserById, type UserRecord } from "./account-repository.js";
import { createChallenge, stepExpired } from "./login-challenge.js";
import { deleteChallenge } from "./login-challenge-repository.js";
import { twoFactorState, useSecondFactor } from "./two-factor.js";

/** Who logs in, from which address, and the session of the cookie their browser sent. */
export interface LoginCaller {
  ip: string;
  /** A new session replaces it. */
  replaced: { id: string; userId: string } | null;
}

/** A session just opened, with the token for its cookie. */
export interface OpenedSession {
  id: string;
  expiresAt: number;
  token: string;
}

/** Either the second step the person must take next (its challenge's token) or the session. */
export type LoginStart =
  | { secondStep: "code" | "enrol"; challengeToken: string }
  | { secondStep: null; session: OpenedSession };

/**
 * A session for `userId`. The session of the cookie it replaces ends: the browser can no
 * longer present it, so nothing should keep it alive, nor could a late logout name it.
 */
async function openSession(app: AppContext, caller: LoginCaller, userId: string): Promise<OpenedSession> {
  if (caller.replaced) await endSession(app, caller.replaced, caller.ip, "replaced by a new login");
  const { session, token } = await app.sessions.create(userId);
  return { id: session.id, expiresAt: app.sessions.expiresAt(session), token };
}

/**
 * The start of a login once the person is known. With two-step verification (or a policy that
 * demands it) there is no session yet: only the second step can open one (login-challenge.ts).
 * A login is audited (`login.second_step`, `login.success`); joining through an invitation
 * (`audited: false`) is audited as the acceptance.
 */
export async function startLogin(
  app: AppContext,
  caller: LoginCaller,
  userId: string,
  opts: { audited: boolean },
): Promise<LoginStart> {
  const twoFactor = await twoFactorState(app.kysely, userId);
  if (twoFactor.enabled || twoFactor.required) {
    const secondStep = twoFactor.enabled ? "code" : "enrol";
    if (opts.audited)
      await app.audit.record({
        event: "login.second_step",
        actorUserId: userId,
        ip: caller.ip,
        detail: { step: secondStep },
      });
    const challengeToken = await createChallenge(app, userId, twoFactor.enabled ? "verify" : "enrol");
    return { secondStep, challengeToken };
  }
  const session = await openSession(app, caller, userId);
  if (opts.audited) await app.audit.record({ event: "login.success", actorUserId: userId, ip: caller.ip });
  return { secondStep: null, session };
}

/**
 * Spends a code of the login's second step (TOTP or recovery code) if it is right; a recovery
 * code used is audited. checkLoginCode (second-factor-checks.ts) has throttled the attempt.
 */
export async function spendLoginCode(
  app: AppContext,
  caller: LoginCaller,
  userId: string,
  code: string,
): Promise<"totp" | "recovery" | null> {
  const used = await useSecondFactor(app.kysely, app.personalData, userId, code);
  if (used === "recovery")
    await app.audit.record({ event: "login.recovery_code_used", actorUserId: userId, ip: caller.ip });
  return used;
}

/**
 * The end of a login after its second step: the challenge ends and the session opens, audited
 * as `login.success` with `detail`. 401 `login.stepExpired` if the account was disabled since.
 */
export async function finishLogin(
  app: AppContext,
  caller: LoginCaller,
  challenge: { id: string; userId: string },
  detail: Record<string, unknown>,
): Promise<{ user: UserRecord; session: OpenedSession }> {
  const user = await findUserById(app.kysely, challenge.userId);
  if (!user || user.disabledAt !== null) throw stepExpired();
  const session = await openSession(app, caller, user.id);
  await deleteChallenge(app.kysely, challenge.id);
  await app.audit.record({ event: "login.success", actorUserId: user.id, ip: caller.ip, detail });
  return { user, session };
}

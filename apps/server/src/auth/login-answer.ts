/**
 * The HTTP side of a login (login-guard.ts, login-commands.ts) and of its second step (second-factor-checks.ts):
 * the callers from the request, the cookies and the answers. A session sets the session cookie,
 * says how long the session lasts and remembers the browser; a second step to take sets only
 * the challenge's cookie, which its end clears.
 */
import type { LoginResult } from "@tsumugi/contract";
import type { Context } from "hono";
import type { AppEnv } from "../http/env.js";
import { SESSION_EXPIRES_IN_HEADER } from "../http/middleware.js";
import { sessionInfo, type UserRecord } from "./account-repository.js";
import { clearedCookie, ourCookie, ourCookieName, readCookie, sessionCookie } from "./cookie.js";
import { CHALLENGE_LIFETIME_MS, stepExpired } from "./login-challenge.js";
import type { LoginCaller, LoginStart, OpenedSession } from "./login-commands.js";
import type { LoginGuard, PasswordCaller } from "./login-guard.js";
import { type CodeCaller, type StepCaller, wrongCode } from "./second-factor-checks.js";

/** The cookie of a login's pending second step (login-challenge.ts). */
const CHALLENGE_COOKIE = "tsumugi_login_step";

/** The caller of a login command, from the request. */
export function loginCallerOf<E extends AppEnv>(c: Context<E>): LoginCaller {
  return { ip: c.get("ip"), replaced: c.get("session") };
}

/** This browser's id for `userId` when it logged in to that account before (device cookie), else null. */
function deviceOf<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  userId: string | undefined,
): Promise<string | null> {
  return guard.devices.deviceFor(c.req.header("cookie"), userId);
}

/** After a complete login: this browser is remembered for the account (device cookie). */
async function rememberBrowser<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  userId: string,
): Promise<void> {
  c.header("Set-Cookie", await guard.devices.remember(c.req.header("cookie"), userId), { append: true });
}

/** The caller of a password check for the account `userId` (undefined: an address without one). */
export async function passwordCallerOf<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  userId: string | undefined,
): Promise<PasswordCaller> {
  return { ip: c.get("ip"), device: await deviceOf(c, guard, userId) };
}

/** The caller of a login's second step for the challenge's account `userId`. */
export async function stepCallerOf<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  userId: string,
): Promise<StepCaller> {
  return { ...loginCallerOf(c), device: await deviceOf(c, guard, userId) };
}

/** The caller of a code of the logged-in person `userId`. */
export async function codeCallerOf<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  userId: string,
): Promise<CodeCaller> {
  return { userId, ip: c.get("ip"), device: await deviceOf(c, guard, userId) };
}

/** The token of the challenge this browser's cookie names, or null. */
export function challengeTokenOf<E extends AppEnv>(c: Context<E>): string | null {
  return readCookie(c.req.header("cookie"), ourCookieName(c.get("app").config, CHALLENGE_COOKIE));
}

export function setChallengeCookie<E extends AppEnv>(c: Context<E>, token: string): void {
  c.header(
    "Set-Cookie",
    ourCookie(c.get("app").config, CHALLENGE_COOKIE, token, CHALLENGE_LIFETIME_MS / 1000),
    {
      append: true,
    },
  );
}

export function clearChallengeCookie<E extends AppEnv>(c: Context<E>): void {
  c.header("Set-Cookie", clearedCookie(c.get("app").config, CHALLENGE_COOKIE), { append: true });
}

export function setSessionCookie<E extends AppEnv>(c: Context<E>, session: OpenedSession): void {
  const app = c.get("app");
  c.header("Set-Cookie", sessionCookie(app.config, session.token, session.expiresAt));
  c.header(SESSION_EXPIRES_IN_HEADER, String(Math.max(0, session.expiresAt - Date.now())));
}

/** Sets the cookies of a login's start and answers it: the second step to take, or the session. */
export async function answerLogin<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  start: LoginStart,
  user: { id: string; email: string; name: string; organization: string },
): Promise<LoginResult> {
  if (start.secondStep) {
    setChallengeCookie(c, start.challengeToken);
    return { secondStep: start.secondStep };
  }
  setSessionCookie(c, start.session);
  await rememberBrowser(c, guard, user.id);
  return sessionInfo(c.get("app").kysely, user, start.session);
}

/**
 * Sets the cookies of a login finished after its second step (login-commands.ts finishLogin):
 * the session's, none for the challenge, the browser remembered; answers the session.
 */
export async function answerFinishedLogin<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  finished: { user: UserRecord; session: OpenedSession },
) {
  setSessionCookie(c, finished.session);
  clearChallengeCookie(c);
  await rememberBrowser(c, guard, finished.user.id);
  return sessionInfo(c.get("app").kysely, finished.user, finished.session);
}

/**
 * A wrong code of the second step: 400, or 401 `login.stepExpired` with the challenge's cookie
 * cleared when that was its last try.
 */
export function refuseStepCode<E extends AppEnv>(c: Context<E>, challengeEnded: boolean): never {
  if (!challengeEnded) throw wrongCode();
  clearChallengeCookie(c);
  throw stepExpired();
}

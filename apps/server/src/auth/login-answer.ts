/**
 * The HTTP side of a login's start (login-commands.ts): its cookies and its answer. A session
 * sets the session cookie, says how long the session lasts and remembers the browser; a second
 * step sets only the challenge's cookie.
 */
import type { LoginResult } from "@tsumugi/contract";
import type { Context } from "hono";
import type { AppEnv } from "../http/env.js";
import { SESSION_EXPIRES_IN_HEADER } from "../http/middleware.js";
import { sessionInfo } from "./account-repository.js";
import { sessionCookie } from "./cookie.js";
import { setChallengeCookie } from "./login-challenge.js";
import type { LoginCaller, LoginStart, OpenedSession } from "./login-commands.js";
import { type LoginGuard, rememberBrowser } from "./login-guard.js";

/** The caller of a login command, from the request. */
export function loginCallerOf<E extends AppEnv>(c: Context<E>): LoginCaller {
  return { ip: c.get("ip"), replaced: c.get("session") };
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

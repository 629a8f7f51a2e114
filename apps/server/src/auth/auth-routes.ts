/** POST /api/auth/login, /logout, /password and GET /api/auth/me. */
import { ChangePassword, Login, LoginResult, Logout, SessionInfo } from "@tsumugi/contract";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { authRequired } from "../http/errors.js";
import { requireUser, SESSION_EXPIRES_IN_HEADER } from "../http/middleware.js";
import { describe, jsonBody } from "../http/operation.js";
import { changePassword, endSession } from "./account-commands.js";
import { findUserByEmail, sessionInfo } from "./account-repository.js";
import { clearedSessionCookie } from "./cookie.js";
import { answerLogin, loginCallerOf, passwordCallerOf } from "./login-answer.js";
import { startLogin } from "./login-commands.js";
import { checkPassword, invalidLogin, type LoginGuard } from "./login-guard.js";
import { passwordProblem } from "./password.js";
import { checkOwnPassword } from "./second-factor-checks.js";

const tag = "auth";

export function authRoutes(guard: LoginGuard): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post(
    "/login",
    describe({
      summary: "Log in: sets the session cookie, or answers the second step to take",
      description:
        'With two-step verification (or a workspace that requires it) the password opens no session yet: the answer is `{secondStep: "code" | "enrol"}` and only the second step\'s cookie is set. ' +
        "After too many failures for the account, the address or the browser, 429 `auth.throttled` with a `Retry-After` header (seconds) and a Japanese message saying how long to wait.",
      tag,
      public: true,
      response: LoginResult,
      errors: [401, 429],
    }),
    jsonBody(Login),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const user = await findUserByEmail(c.var.app.kysely, email);
      const caller = await passwordCallerOf(c, guard, user?.id);
      if (!(await checkPassword(c.var.app, guard.throttle, caller, { email, password, user })) || !user)
        throw invalidLogin();
      const start = await startLogin(c.var.app, loginCallerOf(c), user.id, { audited: true });
      return c.json(await answerLogin(c, guard, start, user));
    },
  );

  r.post(
    "/logout",
    describe({
      summary: "Log out: ends the session and its sockets",
      description:
        "With `sessionId`, only if the cookie's session is that one: a late logout never ends a newer session. Without a session, answers 204 all the same.",
      tag,
      ok: 204,
    }),
    // Older clients send `{}` or no body.
    jsonBody(Logout, { optional: true }),
    async (c) => {
      const app = c.get("app");
      const session = c.get("session");
      // A logout may name the session it ends. One sent late (after the browser logged in
      // again, or from another tab) acts only if the cookie still belongs to that session:
      // it must neither end nor clear the cookie of the session that replaced it.
      const named = c.req.valid("json").sessionId;
      if (named !== undefined && named !== session?.id) {
        c.header("Set-Cookie", undefined);
        c.header(SESSION_EXPIRES_IN_HEADER, undefined);
        return c.body(null, 204);
      }
      if (session) await endSession(app, session, c.get("ip"));
      c.header(SESSION_EXPIRES_IN_HEADER, undefined);
      c.header("Set-Cookie", clearedSessionCookie(app.config));
      return c.body(null, 204);
    },
  );

  r.get(
    "/me",
    describe({
      summary: "The logged-in user and their workspaces",
      tag,
      response: SessionInfo,
      errors: [401],
    }),
    async (c) => {
      const user = c.get("user");
      const session = c.get("session");
      if (!user || !session) throw authRequired();
      const app = c.get("app");
      return c.json(
        await sessionInfo(app.kysely, user, { id: session.id, expiresAt: app.sessions.expiresAt(session) }),
      );
    },
  );

  r.post(
    "/password",
    describe({
      summary: "Change password; ends the user's other sessions",
      description:
        "400 with `fields.currentPassword: wrong` for a wrong current password; 429 `auth.throttled` with `Retry-After` (seconds) after too many wrong ones.",
      tag,
      ok: 204,
      errors: [401, 429],
    }),
    requireUser,
    jsonBody(ChangePassword, {
      // The policy refuses a password made of the person's own name or e-mail.
      check: async (c, body): Promise<Record<string, string>> => {
        const user = c.get("user");
        const problem = passwordProblem(body.newPassword, user ? [user.email, user.name] : []);
        return problem ? { newPassword: problem } : {};
      },
    }),
    async (c) => {
      const app = c.get("app");
      const session = c.get("session");
      const user = c.get("user");
      if (!session || !user) throw authRequired();
      const { currentPassword: current, newPassword: next } = c.req.valid("json");

      const ip = c.get("ip");
      await checkOwnPassword(app, guard.throttle, { userId: user.id, sessionId: session.id, ip }, current, {
        field: "currentPassword",
        message: "現在のパスワードが正しくありません。",
      });
      await changePassword(app, { userId: user.id, sessionId: session.id, ip }, next);
      return c.body(null, 204);
    },
  );

  return r;
}

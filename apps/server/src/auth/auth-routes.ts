/** POST /api/auth/login, /logout, /password and GET /api/auth/me. */
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, authRequired, invalid } from "../http/errors.js";
import { requireUser, SESSION_EXPIRES_IN_HEADER } from "../http/middleware.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { findUserByEmail, findUserById, sessionInfo } from "./account-repository.js";
import { clearedSessionCookie } from "./cookie.js";
import { startChallenge } from "./login-challenge.js";
import { checkPassword, type LoginGuard, rememberBrowser } from "./login-guard.js";
import { throttledError } from "./login-throttle.js";
import { hashPassword, PASSWORD_MAX_LENGTH, passwordProblem, verifyOrBurn } from "./password.js";
import { startSession } from "./start-session.js";
import { twoFactorState } from "./two-factor.js";

/** The `sessionId` a logout names, if any (older clients send `{}` or no body). */
async function namedSession(c: Context<AppEnv>): Promise<string | null> {
  if (!(c.req.header("content-type") ?? "").includes("application/json")) return null;
  const body = await readJsonObject(c);
  return typeof body.sessionId === "string" ? body.sessionId : null;
}

const invalidLogin = () =>
  new ApiError(401, "auth.invalid", "メールアドレスまたはパスワードが正しくありません。");

export function authRoutes(guard: LoginGuard): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post("/login", async (c) => {
    const app = c.get("app");
    const ip = c.get("ip");
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const email = errors.string(body, "email", { max: 254 });
    const password = typeof body.password === "string" ? body.password : "";
    if (!password) errors.add("password", "required");
    if (password.length > PASSWORD_MAX_LENGTH * 2) errors.add("password", "tooLong");
    if (errors.any) throw invalid(errors.fields);

    const user = await findUserByEmail(app.db, email);
    if (!(await checkPassword(c, guard, { email, password, user })) || !user) throw invalidLogin();
    // With two-step verification (or a policy that demands it) the password opens no session
    // yet: only the second step can (login-challenge.ts).
    const twoFactor = await twoFactorState(app.db, user.id);
    if (twoFactor.enabled || twoFactor.required) {
      await app.audit.record({
        event: "login.second_step",
        actorUserId: user.id,
        ip,
        detail: { step: twoFactor.enabled ? "code" : "enrol" },
      });
      return c.json(await startChallenge(c, user.id, twoFactor.enabled ? "verify" : "enrol"));
    }
    const session = await startSession(c, user.id);
    await rememberBrowser(c, guard, user.id);
    await app.audit.record({ event: "login.success", actorUserId: user.id, ip });
    return c.json(await sessionInfo(app.db, user, session));
  });

  r.post("/logout", async (c) => {
    const app = c.get("app");
    const session = c.get("session");
    // A logout may name the session it ends. One sent late (after the browser logged in
    // again, or from another tab) acts only if the cookie still belongs to that session:
    // it must neither end nor clear the cookie of the session that replaced it.
    const named = await namedSession(c);
    if (named !== null && named !== session?.id) {
      c.header("Set-Cookie", undefined);
      c.header(SESSION_EXPIRES_IN_HEADER, undefined);
      return c.body(null, 204);
    }
    if (session) {
      await app.sessions.invalidate(session.id);
      app.events.emit({ type: "sessions-ended", sessionIds: [session.id] });
      await app.audit.record({ event: "logout", actorUserId: session.userId, ip: c.get("ip") });
    }
    c.header(SESSION_EXPIRES_IN_HEADER, undefined);
    c.header("Set-Cookie", clearedSessionCookie(app.config));
    return c.body(null, 204);
  });

  r.get("/me", async (c) => {
    const user = c.get("user");
    const session = c.get("session");
    if (!user || !session) throw authRequired();
    const app = c.get("app");
    return c.json(
      await sessionInfo(app.db, user, { id: session.id, expiresAt: app.sessions.expiresAt(session) }),
    );
  });

  r.post("/password", requireUser, async (c) => {
    const app = c.get("app");
    const session = c.get("session");
    const user = c.get("user");
    if (!session || !user) throw authRequired();
    const body = await readJsonObject(c);
    const current = typeof body.currentPassword === "string" ? body.currentPassword : "";
    const next = body.newPassword;
    const errors = new FieldErrors();
    const problem = passwordProblem(next, [user.email, user.name]);
    if (problem) errors.add("newPassword", problem);
    if (!current) errors.add("currentPassword", "required");
    if (errors.any) throw invalid(errors.fields);

    const ip = c.get("ip");
    // Counted against this session alone: failed logins of others never block the owner here.
    const attempt = { account: `password-change:${user.id}`, ip, device: session.id };
    const wait = await guard.throttle.retryAfterMs(attempt);
    if (wait > 0) throw throttledError(wait, "パスワード確認");
    const row = await findUserById(app.db, user.id);
    if (!row || !(await verifyOrBurn(row.password_hash, current))) {
      await guard.throttle.recordFailure(attempt);
      throw new ApiError(400, "validation", "現在のパスワードが正しくありません。", {
        currentPassword: "wrong",
      });
    }
    await app.db.run("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?", [
      await hashPassword(next as string),
      Date.now(),
      user.id,
    ]);
    const ended = await app.sessions.invalidateAllForUser(user.id, session.id);
    app.events.emit({ type: "sessions-ended", sessionIds: ended });
    await app.audit.record({
      event: "password.changed",
      actorUserId: user.id,
      ip,
      detail: { endedSessions: ended.length },
    });
    return c.body(null, 204);
  });

  return r;
}

/**
 * Starts a session after a login or an accepted invitation: sets the cookie and says how long
 * the session lasts. The session of the cookie it replaces, if any, ends: the browser can no
 * longer present it, so nothing should keep it alive, nor could a late logout name it.
 */
import type { Context } from "hono";
import type { AppEnv } from "../http/env.js";
import { SESSION_EXPIRES_IN_HEADER } from "../http/middleware.js";
import { endSession } from "./account-commands.js";
import { sessionCookie } from "./cookie.js";

export async function startSession<E extends AppEnv>(
  c: Context<E>,
  userId: string,
): Promise<{ id: string; expiresAt: number }> {
  const app = c.get("app");
  const replaced = c.get("session");
  if (replaced) await endSession(app, replaced, c.get("ip"), "replaced by a new login");
  const { session, token } = await app.sessions.create(userId);
  const expiresAt = app.sessions.expiresAt(session);
  c.header("Set-Cookie", sessionCookie(app.config, token, expiresAt));
  c.header(SESSION_EXPIRES_IN_HEADER, String(Math.max(0, expiresAt - Date.now())));
  return { id: session.id, expiresAt };
}

/**
 * The password check of an invitation's acceptance, before anything is written. Joining with
 * an account is a password check like a login (login-guard.ts): same throttle, same audit, and
 * for a wrong password or an unknown address the same answer as the login's.
 */

import type { Context } from "hono";
import { findUserByEmail, type UserRecord } from "../auth/account-repository.js";
import { attemptOf, checkPassword, invalidLogin, type LoginGuard } from "../auth/login-guard.js";
import { throttledError } from "../auth/login-throttle.js";
import type { AppEnv } from "../http/env.js";
import { type AcceptForm, spendInvite } from "./invite-commands.js";
import type { InviteRecord } from "./invite-repository.js";

/**
 * The existing account the form joins with, or none for a new account. 429 while throttled;
 * 401 `auth.invalid` for `mode: existing` with a wrong password or an unknown address; a
 * new-account form for a registered address with another password spends the link (410).
 */
export async function joiningAccount<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  invite: InviteRecord,
  form: AcceptForm,
): Promise<UserRecord | undefined> {
  const app = c.get("app");
  const wait = await guard.throttle.retryAfterMs(await attemptOf(c, guard, form.email, undefined));
  if (wait > 0) throw throttledError(wait);
  const found = await findUserByEmail(app.kysely, form.email);
  if (form.mode === "new" && !found) return undefined;
  const { email, password } = form;
  if (await checkPassword(c, guard, { email, password, user: found, via: "invite" })) return found;
  if (form.mode === "existing") throw invalidLogin();
  return spendInvite(app, invite, c.get("ip"));
}

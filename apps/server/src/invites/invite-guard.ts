/**
 * The password check of an invitation's acceptance, before anything is written. Joining with
 * an account is a password check like a login (login-guard.ts): same throttle, same audit, and
 * for a wrong password or an unknown address the same answer as the login's.
 */

import type { UserRecord } from "../auth/account-repository.js";
import { checkPassword, invalidLogin, type PasswordCaller, passwordAttempt } from "../auth/login-guard.js";
import { type LoginThrottle, throttledError } from "../auth/login-throttle.js";
import type { AppContext } from "../context.js";
import { type AcceptForm, spendInvite } from "./invite-commands.js";
import type { InviteRecord } from "./invite-repository.js";

/**
 * The existing account the form joins with, or none for a new account; `found` is the account
 * of the form's address, if any, and the caller's device is the browser's for it. 429 while
 * throttled (counted as from a browser the account does not know, whatever the form); 401
 * `auth.invalid` for `mode: existing` with a wrong password or an unknown address; a
 * new-account form for a registered address with another password spends the link (410).
 */
export async function joiningAccount(
  app: AppContext,
  throttle: LoginThrottle,
  caller: PasswordCaller,
  invite: InviteRecord,
  form: AcceptForm,
  found: UserRecord | undefined,
): Promise<UserRecord | undefined> {
  const wait = await throttle.retryAfterMs(passwordAttempt(form.email, { ip: caller.ip, device: null }));
  if (wait > 0) throw throttledError(wait);
  if (form.mode === "new" && !found) return undefined;
  const { email, password } = form;
  if (await checkPassword(app, throttle, caller, { email, password, user: found, via: "invite" }))
    return found;
  if (form.mode === "existing") throw invalidLogin();
  return spendInvite(app, invite, caller.ip);
}

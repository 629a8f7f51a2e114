/**
 * The password check of every route that takes one from someone not yet logged in (login,
 * joining through an invitation with an existing account): throttle first, then Argon2, then
 * the bookkeeping and audit of the outcome. Logged-in checks (password change) use the
 * throttle with their session as the device (second-factor-checks.ts). The routes give the
 * caller (login-answer.ts reads the browser's device cookie for it).
 */
import type { AppContext } from "../context.js";
import { ApiError } from "../http/errors.js";
import type { UserRecord } from "./account-repository.js";
import type { DeviceCookies } from "./device-cookie.js";
import { type Attempt, type LoginThrottle, throttledError } from "./login-throttle.js";
import { verifyOrBurn } from "./password.js";

/** A wrong password or an unknown address: one answer for both, so it reveals no accounts. */
export const invalidLogin = () =>
  new ApiError(401, "auth.invalid", "メールアドレスまたはパスワードが正しくありません。");

export interface LoginGuard {
  throttle: LoginThrottle;
  devices: DeviceCookies;
}

/**
 * Who tries a password: from which address, and in which browser (the id its device cookie
 * gives it for the account tried when it logged in to that account before, else null).
 */
export interface PasswordCaller {
  ip: string;
  device: string | null;
}

/** The attempt as the throttle counts it: per address, known browsers on their own. */
export function passwordAttempt(email: string, caller: PasswordCaller): Attempt {
  return { account: email.toLowerCase(), ip: caller.ip, device: caller.device };
}

/**
 * Whether `password` opens `user`'s (possibly unknown or disabled) account. Throws 429 while
 * the attempt is throttled, before anything is verified.
 */
export async function checkPassword(
  app: AppContext,
  throttle: LoginThrottle,
  caller: PasswordCaller,
  opts: { email: string; password: string; user: UserRecord | undefined; via?: string },
): Promise<boolean> {
  const { ip } = caller;
  const { email, password, user } = opts;
  const via = opts.via ? { via: opts.via } : {};
  const attempt = passwordAttempt(email, caller);
  const wait = await throttle.retryAfterMs(attempt);
  if (wait > 0) {
    await app.audit.record({
      event: "login.throttled",
      actorUserId: user?.id ?? null,
      ip,
      detail: { email, waitSeconds: Math.ceil(wait / 1000), knownBrowser: attempt.device !== null, ...via },
    });
    throw throttledError(wait);
  }
  // Unknown e-mails cost one Argon2 verification too, so timing does not reveal accounts.
  const ok = await verifyOrBurn(user?.passwordHash ?? null, password);
  if (!user || !ok || user.disabledAt !== null) {
    await throttle.recordFailure(attempt);
    await app.audit.record({
      event: "login.failure",
      actorUserId: user?.id ?? null,
      ip,
      detail: { email, reason: !user ? "unknown" : !ok ? "password" : "disabled", ...via },
    });
    return false;
  }
  await throttle.recordSuccess(attempt);
  return true;
}

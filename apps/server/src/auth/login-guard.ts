/**
 * The password check of every route that takes one from someone not yet logged in (login,
 * joining through an invitation with an existing account): throttle first, then Argon2, then
 * the bookkeeping and audit of the outcome. Logged-in checks (password change) use the
 * throttle with their session as the device.
 */
import type { Context } from "hono";
import type { AppEnv } from "../http/env.js";
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

/** The attempt as the throttle counts it: known browsers on their own. */
export async function attemptOf<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  account: string,
  user: { id: string } | undefined,
): Promise<Attempt> {
  const device = await guard.devices.deviceFor(c.req.header("cookie"), user?.id);
  return { account, ip: c.get("ip"), device };
}

/**
 * Whether `password` opens `user`'s (possibly unknown or disabled) account. Throws 429 while
 * the attempt is throttled, before anything is verified.
 */
export async function checkPassword<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  opts: { email: string; password: string; user: UserRecord | undefined; via?: string },
): Promise<boolean> {
  const app = c.get("app");
  const ip = c.get("ip");
  const { email, password, user } = opts;
  const via = opts.via ? { via: opts.via } : {};
  const attempt = await attemptOf(c, guard, email.toLowerCase(), user);
  const wait = await guard.throttle.retryAfterMs(attempt);
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
    await guard.throttle.recordFailure(attempt);
    await app.audit.record({
      event: "login.failure",
      actorUserId: user?.id ?? null,
      ip,
      detail: { email, reason: !user ? "unknown" : !ok ? "password" : "disabled", ...via },
    });
    return false;
  }
  await guard.throttle.recordSuccess(attempt);
  return true;
}

/** After a complete login: this browser is remembered for the account (device cookie). */
export async function rememberBrowser<E extends AppEnv>(
  c: Context<E>,
  guard: LoginGuard,
  userId: string,
): Promise<void> {
  c.header("Set-Cookie", await guard.devices.remember(c.req.header("cookie"), userId), { append: true });
}

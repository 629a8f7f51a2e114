/**
 * The second step of a login. A correct password for an account with two-step verification
 * (or one a workspace's policy obliges to enrol) starts no session: it starts a challenge,
 * a short-lived secret token (`id.secret`, only SHA-256(secret) stored) in its own cookie,
 * which the second-step routes alone accept. It grants nothing else: every other route sees
 * no session. The session is created only after the code (or the enrolment) succeeds.
 */
import type { Context } from "hono";
import type { AppContext } from "../context.js";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
import { clearedCookie, ourCookie, ourCookieName, readCookie } from "./cookie.js";
import * as challenges from "./login-challenge-repository.js";
import { openTotpKey, sealTotpKey } from "./sealed-totp-keys.js";
import { newSecretToken, secretMatches, splitToken } from "./secret-token.js";

const COOKIE = "tsumugi_login_step";
const LIFETIME_MS = 10 * 60 * 1000;
/** Wrong codes one challenge takes before the password must be entered again. */
export const CHALLENGE_MAX_FAILURES = 5;

export type ChallengeKind = challenges.ChallengeKind;

export interface Challenge {
  id: string;
  userId: string;
  kind: ChallengeKind;
  pendingKey: Uint8Array | null;
  failures: number;
}

/**
 * A new challenge for `userId` (one pending second step per person at a time); answers the
 * token for the browser's cookie (setChallengeCookie).
 */
export async function createChallenge(app: AppContext, userId: string, kind: ChallengeKind): Promise<string> {
  const { id, token, secretHash } = newSecretToken();
  const now = Date.now();
  await challenges.replaceChallenge(app.kysely, {
    id,
    userId,
    secretHash,
    kind,
    createdAt: now,
    expiresAt: now + LIFETIME_MS,
  });
  return token;
}

export function setChallengeCookie<E extends AppEnv>(c: Context<E>, token: string): void {
  c.header("Set-Cookie", ourCookie(c.get("app").config, COOKIE, token, LIFETIME_MS / 1000), { append: true });
}

export function clearChallengeCookie<E extends AppEnv>(c: Context<E>): void {
  c.header("Set-Cookie", clearedCookie(c.get("app").config, COOKIE), { append: true });
}

export const stepExpired = () =>
  new ApiError(401, "login.stepExpired", "確認の有効時間が過ぎました。もう一度ログインしてください。");

/** The challenge of this browser's cookie, or 401 `login.stepExpired`. */
export async function currentChallenge(c: Context<AppEnv>, kind: ChallengeKind): Promise<Challenge> {
  const app = c.get("app");
  const parts = splitToken(readCookie(c.req.header("cookie"), ourCookieName(app.config, COOKIE)) ?? "");
  const row = parts ? await challenges.findChallenge(app.kysely, parts.id) : undefined;
  if (!parts || !row || !secretMatches(parts.secret, row.secretHash) || row.expiresAt <= Date.now())
    throw stepExpired();
  if (row.kind !== kind) throw stepExpired();
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    pendingKey: pendingKeyOf(c, row),
    failures: row.failures,
  };
}

/** The key being set up; none when it was sealed with a data key no longer held (set up anew). */
function pendingKeyOf(c: Context<AppEnv>, row: challenges.ChallengeRecord): Uint8Array | null {
  if (!row.pendingKeySealed) return null;
  try {
    return openTotpKey(
      c.get("app").personalData,
      "login_challenges.pending_key",
      row.id,
      row.pendingKeySealed,
    );
  } catch {
    return null;
  }
}

export async function setPendingKey(c: Context<AppEnv>, id: string, key: Uint8Array): Promise<void> {
  const app = c.get("app");
  const sealed = sealTotpKey(app.personalData, "login_challenges.pending_key", id, key);
  await challenges.setChallengePendingKey(app.kysely, id, sealed.text);
}

/** Counts a wrong code; after the last allowed one the challenge ends (password again). */
export async function challengeFailed(c: Context<AppEnv>, challenge: Challenge): Promise<boolean> {
  await challenges.countChallengeFailure(c.get("app").kysely, challenge.id);
  if (challenge.failures + 1 < CHALLENGE_MAX_FAILURES) return false;
  await endChallenge(c, challenge.id);
  return true;
}

export async function endChallenge(c: Context<AppEnv>, id: string): Promise<void> {
  await challenges.deleteChallenge(c.get("app").kysely, id);
  clearChallengeCookie(c);
}

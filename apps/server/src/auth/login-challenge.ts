/**
 * The second step of a login. A correct password for an account with two-step verification
 * (or one a workspace's policy obliges to enrol) starts no session: it starts a challenge,
 * a short-lived secret token (`id.secret`, only SHA-256(secret) stored) in its own cookie
 * (login-answer.ts), which the second-step routes alone accept. It grants nothing else: every
 * other route sees no session. The session is created only after the code (or the enrolment)
 * succeeds.
 */
import type { AppContext } from "../context.js";
import { ApiError } from "../http/errors.js";
import { findUserById } from "./account-repository.js";
import * as challenges from "./login-challenge-repository.js";
import { openTotpKey, sealTotpKey } from "./sealed-totp-keys.js";
import { newSecretToken, secretMatches, splitToken } from "./secret-token.js";
import { newTotpKey } from "./two-factor.js";

/** How long a challenge (and its cookie) lasts. */
export const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;
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
 * token for the browser's cookie.
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
    expiresAt: now + CHALLENGE_LIFETIME_MS,
  });
  return token;
}

export const stepExpired = () =>
  new ApiError(401, "login.stepExpired", "確認の有効時間が過ぎました。もう一度ログインしてください。");

/** The live challenge of `kind` that `token` (the browser's cookie) names, or 401 `login.stepExpired`. */
export async function findCurrentChallenge(
  app: AppContext,
  token: string | null,
  kind: ChallengeKind,
): Promise<Challenge> {
  const parts = splitToken(token ?? "");
  const row = parts ? await challenges.findChallenge(app.kysely, parts.id) : undefined;
  if (!parts || !row || !secretMatches(parts.secret, row.secretHash) || row.expiresAt <= Date.now())
    throw stepExpired();
  if (row.kind !== kind) throw stepExpired();
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    pendingKey: pendingKeyOf(app, row),
    failures: row.failures,
  };
}

/** The key being set up; none when it was sealed with a data key no longer held (set up anew). */
function pendingKeyOf(app: AppContext, row: challenges.ChallengeRecord): Uint8Array | null {
  if (!row.pendingKeySealed) return null;
  try {
    return openTotpKey(app.personalData, "login_challenges.pending_key", row.id, row.pendingKeySealed);
  } catch {
    return null;
  }
}

/**
 * The key an enrolment challenge sets up, with the address it is for: the one set up before
 * in this challenge, or a new one kept sealed with it. 401 `login.stepExpired` if the account
 * is gone.
 */
export async function loginEnrolmentKey(
  app: AppContext,
  challenge: Challenge,
): Promise<{ email: string; key: Uint8Array }> {
  const user = await findUserById(app.kysely, challenge.userId);
  if (!user) throw stepExpired();
  let key = challenge.pendingKey;
  if (!key) {
    key = newTotpKey();
    const sealed = sealTotpKey(app.personalData, "login_challenges.pending_key", challenge.id, key);
    await challenges.setChallengePendingKey(app.kysely, challenge.id, sealed.text);
  }
  return { email: user.email, key };
}

/**
 * Counts a wrong code; after the last allowed one the challenge ends (password again).
 * Answers whether it ended.
 */
export async function challengeFailed(app: AppContext, challenge: Challenge): Promise<boolean> {
  await challenges.countChallengeFailure(app.kysely, challenge.id);
  if (challenge.failures + 1 < CHALLENGE_MAX_FAILURES) return false;
  await challenges.deleteChallenge(app.kysely, challenge.id);
  return true;
}

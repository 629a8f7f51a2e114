/** All SQL on `login_challenges`: the pending second steps of logins (login-challenge.ts). */
import type { QueryBuilder } from "../storage/query-builder.js";

export type ChallengeKind = "verify" | "enrol";

export interface ChallengeRecord {
  id: string;
  userId: string;
  secretHash: Uint8Array;
  kind: ChallengeKind;
  /** The key being set up during the login, sealed. */
  pendingKeySealed: string | null;
  failures: number;
  createdAt: number;
  expiresAt: number;
}

/** Starts a challenge; the user's earlier one and every expired one end (one at a time per person). */
export async function replaceChallenge(
  q: QueryBuilder,
  c: Omit<ChallengeRecord, "pendingKeySealed" | "failures">,
): Promise<void> {
  await q
    .deleteFrom("login_challenges")
    .where((eb) => eb.or([eb("user_id", "=", c.userId), eb("expires_at", "<=", c.createdAt)]))
    .execute();
  await q
    .insertInto("login_challenges")
    .values({
      id: c.id,
      user_id: c.userId,
      secret_hash: c.secretHash,
      kind: c.kind,
      created_at: c.createdAt,
      expires_at: c.expiresAt,
    })
    .execute();
}

export async function findChallenge(q: QueryBuilder, id: string): Promise<ChallengeRecord | undefined> {
  const row = await q
    .selectFrom("login_challenges")
    .select([
      "id",
      "user_id as userId",
      "secret_hash as secretHash",
      "kind",
      "pending_key_sealed as pendingKeySealed",
      "failures",
      "created_at as createdAt",
      "expires_at as expiresAt",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { ...row, kind: row.kind as ChallengeKind };
}

export async function setChallengePendingKey(q: QueryBuilder, id: string, sealed: string): Promise<void> {
  await q.updateTable("login_challenges").set({ pending_key_sealed: sealed }).where("id", "=", id).execute();
}

/** Counts a wrong code. */
export async function countChallengeFailure(q: QueryBuilder, id: string): Promise<void> {
  await q
    .updateTable("login_challenges")
    .set((eb) => ({ failures: eb("failures", "+", 1) }))
    .where("id", "=", id)
    .execute();
}

export async function deleteChallenge(q: QueryBuilder, id: string): Promise<void> {
  await q.deleteFrom("login_challenges").where("id", "=", id).execute();
}

// Keys at rest (sealed-totp-keys.ts).

/** Challenges with a key being set up stored in the clear by migration 10's code. */
export async function challengesWithPlainKey(
  q: QueryBuilder,
): Promise<{ id: string; pendingKey: Uint8Array }[]> {
  const rows = await q
    .selectFrom("login_challenges")
    .select(["id", "pending_key"])
    .where("pending_key", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.pending_key ? [{ id: r.id, pendingKey: r.pending_key }] : []));
}

/** Stores the sealed form of a challenge's plain key and empties the plain column. */
export async function replacePlainChallengeKey(q: QueryBuilder, id: string, sealed: string): Promise<void> {
  await q
    .updateTable("login_challenges")
    .set({ pending_key_sealed: sealed, pending_key: null })
    .where("id", "=", id)
    .execute();
}

/** Drops the keys being set up that are not sealed with the data key `keyId` (set up anew). */
export async function dropChallengeKeysNotSealedWith(q: QueryBuilder, keyId: string): Promise<void> {
  await q
    .updateTable("login_challenges")
    .set({ pending_key_sealed: null })
    .where("pending_key_sealed", "is not", null)
    .where("pending_key_sealed", "not like", `pd1.${keyId}.%`)
    .execute();
}

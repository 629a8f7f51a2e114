/**
 * All SQL on a person's second factor: the TOTP columns of `users` and `recovery_codes`.
 * The two statements that spend a factor (the TOTP step, a recovery code) are conditional
 * UPDATEs: of two concurrent uses of one code, exactly one changes a row.
 */
import type { QueryBuilder } from "../storage/query-builder.js";

/** Prefix of every text sealed with the data key `keyId` (personal-data/vault.ts). */
const sealedWith = (keyId: string) => `pd1.${keyId}.%`;

export interface TotpRecord {
  /** The enrolled key, sealed; null when two-step verification is off. */
  keySealed: string | null;
  /** The last step whose code was used: a code is accepted only for a later one. */
  lastStep: number;
  /** A key being set up from the settings, sealed. */
  pendingKeySealed: string | null;
}

export function findTotp(q: QueryBuilder, userId: string): Promise<TotpRecord | undefined> {
  return q
    .selectFrom("users")
    .select([
      "totp_key_sealed as keySealed",
      "totp_last_step as lastStep",
      "totp_pending_key_sealed as pendingKeySealed",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/** Moves the last used step to `step` if it is earlier; false when a concurrent use got there first. */
export async function advanceTotpStep(q: QueryBuilder, userId: string, step: number): Promise<boolean> {
  const res = await q
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", userId)
    .where("totp_last_step", "<", step)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Keeps a key being set up from the settings. */
export async function setPendingTotpKey(q: QueryBuilder, userId: string, sealed: string): Promise<void> {
  await q.updateTable("users").set({ totp_pending_key_sealed: sealed }).where("id", "=", userId).execute();
}

/** Turns two-step verification on with this key, its last used step `step`. */
export async function storeTotpKey(
  q: QueryBuilder,
  userId: string,
  key: { sealed: string; keyId: string; enabledAt: number; step: number },
): Promise<void> {
  await q
    .updateTable("users")
    .set({
      totp_key_sealed: key.sealed,
      totp_key_id: key.keyId,
      totp_enabled_at: key.enabledAt,
      totp_last_step: key.step,
      totp_pending_key_sealed: null,
      totp_key: null,
      totp_pending_key: null,
    })
    .where("id", "=", userId)
    .execute();
}

/** Turns two-step verification off: no key, none being set up. */
export async function clearTotpKey(q: QueryBuilder, userId: string): Promise<void> {
  await q
    .updateTable("users")
    .set({
      totp_key_sealed: null,
      totp_key_id: null,
      totp_enabled_at: null,
      totp_pending_key_sealed: null,
      totp_key: null,
      totp_pending_key: null,
    })
    .where("id", "=", userId)
    .execute();
}

/** Replaces the user's recovery codes with these (SHA-256 of each). */
export async function replaceRecoveryCodes(
  q: QueryBuilder,
  userId: string,
  hashes: readonly Uint8Array[],
  createdAt: number,
): Promise<void> {
  await deleteRecoveryCodes(q, userId);
  if (hashes.length === 0) return;
  await q
    .insertInto("recovery_codes")
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: createdAt })))
    .execute();
}

export async function deleteRecoveryCodes(q: QueryBuilder, userId: string): Promise<void> {
  await q.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}

/** Spends the unused recovery code with this hash; false when there is none (or it was just spent). */
export async function spendRecoveryCode(
  q: QueryBuilder,
  userId: string,
  hash: Uint8Array,
  at: number,
): Promise<boolean> {
  const res = await q
    .updateTable("recovery_codes")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(q: QueryBuilder, userId: string): Promise<number> {
  const row = await q
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether the user has two-step verification on. */
export async function hasTotpKey(q: QueryBuilder, userId: string): Promise<boolean> {
  return (await findTotp(q, userId))?.keySealed != null;
}

// Keys at rest (sealed-totp-keys.ts).

/** Users with a key stored in the clear by migration 10's code. */
export async function usersWithPlainTotpKeys(
  q: QueryBuilder,
): Promise<{ id: string; key: Uint8Array | null; pendingKey: Uint8Array | null }[]> {
  const rows = await q
    .selectFrom("users")
    .select(["id", "totp_key", "totp_pending_key"])
    .where((eb) => eb.or([eb("totp_key", "is not", null), eb("totp_pending_key", "is not", null)]))
    .execute();
  return rows.map((r) => ({ id: r.id, key: r.totp_key, pendingKey: r.totp_pending_key }));
}

/** Stores the sealed forms of a user's plain keys (each only if given) and empties the plain columns. */
export async function replacePlainTotpKeys(
  q: QueryBuilder,
  userId: string,
  sealed: { key: { text: string; keyId: string } | null; pendingKey: string | null },
): Promise<void> {
  await q
    .updateTable("users")
    .set({
      ...(sealed.key ? { totp_key_sealed: sealed.key.text, totp_key_id: sealed.key.keyId } : {}),
      ...(sealed.pendingKey ? { totp_pending_key_sealed: sealed.pendingKey } : {}),
      totp_key: null,
      totp_pending_key: null,
    })
    .where("id", "=", userId)
    .execute();
}

/** The data key ids the enrolled keys are sealed with. */
export async function totpKeyIds(q: QueryBuilder): Promise<string[]> {
  const rows = await q
    .selectFrom("users")
    .select("totp_key_id")
    .distinct()
    .where("totp_key_id", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.totp_key_id === null ? [] : [r.totp_key_id]));
}

/** Enrolled keys per data key id. */
export async function totpRowsPerKey(q: QueryBuilder): Promise<Record<string, number>> {
  const rows = await q
    .selectFrom("users")
    .select(["totp_key_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("totp_key_id", "is not", null)
    .groupBy("totp_key_id")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.totp_key_id as string, Number(r.n)]));
}

/** Enrolled keys sealed with another data key than `keyId`. */
export async function totpKeysSealedWithOther(
  q: QueryBuilder,
  keyId: string,
): Promise<{ id: string; sealed: string }[]> {
  const rows = await q
    .selectFrom("users")
    .select(["id", "totp_key_sealed"])
    .where("totp_key_id", "is not", null)
    .where("totp_key_id", "!=", keyId)
    .where("totp_key_sealed", "is not", null)
    .execute();
  return rows.map((r) => ({ id: r.id, sealed: r.totp_key_sealed as string }));
}

/** Compare-and-swap of an enrolled key's sealed text: false when it changed meanwhile. */
export async function resealTotpKey(
  q: QueryBuilder,
  userId: string,
  old: string,
  next: { text: string; keyId: string },
): Promise<boolean> {
  const res = await q
    .updateTable("users")
    .set({ totp_key_sealed: next.text, totp_key_id: next.keyId })
    .where("id", "=", userId)
    .where("totp_key_sealed", "=", old)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Drops the keys being set up from the settings that are not sealed with the data key `keyId`. */
export async function dropPendingTotpKeysNotSealedWith(q: QueryBuilder, keyId: string): Promise<void> {
  await q
    .updateTable("users")
    .set({ totp_pending_key_sealed: null })
    .where("totp_pending_key_sealed", "is not", null)
    .where("totp_pending_key_sealed", "not like", sealedWith(keyId))
    .execute();
}

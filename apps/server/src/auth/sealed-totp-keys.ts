/**
 * TOTP keys at rest. A TOTP key must be readable to check a code, so it cannot be hashed like
 * a password or a recovery code; it is sealed instead with the personal data vault
 * (AES-256-GCM, personal-data/vault.ts), bound to its row, with the data key's id beside it.
 * Someone holding the database file or a backup without the key file cannot make codes.
 *
 * - users.totp_key_sealed (+ totp_key_id): the key of an enrolled person;
 * - users.totp_pending_key_sealed: a key being set up from the settings;
 * - login_challenges.pending_key_sealed: a key being set up during a login (mandatory policy).
 *
 * Keys stored in the clear by migration 10 are sealed at start (sealPlainTotpKeys) and their
 * plain columns emptied, with secure_delete on and the WAL checkpointed so the old bytes do not
 * linger in free pages.
 */
import type { PersonalDataVault } from "../personal-data/vault.js";
import type { Database } from "../storage/database.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import * as challenges from "./login-challenge-repository.js";
import * as totp from "./two-factor-repository.js";

type Slot = "users.totp_key" | "users.totp_pending_key" | "login_challenges.pending_key";

function aad(slot: Slot, rowId: string): string {
  return `${slot}:${rowId}`;
}

export function sealTotpKey(
  vault: PersonalDataVault,
  slot: Slot,
  rowId: string,
  key: Uint8Array,
): { text: string; keyId: string } {
  return vault.seal(Buffer.from(key).toString("base64"), aad(slot, rowId));
}

export function openTotpKey(vault: PersonalDataVault, slot: Slot, rowId: string, text: string): Uint8Array {
  return new Uint8Array(Buffer.from(vault.open<string>(text, aad(slot, rowId)), "base64"));
}

/**
 * Seals the keys migration 10 stored in the clear and empties their columns; answers how many.
 * The PRAGMAs (`db`) are SQLite's own: secure_delete overwrites the freed bytes, the checkpoint
 * empties the WAL. Plain keys exist only in SQLite files written before keys were sealed.
 */
export async function sealPlainTotpKeys(
  db: Database,
  q: QueryBuilder,
  vault: PersonalDataVault,
): Promise<number> {
  const users = await totp.usersWithPlainTotpKeys(q);
  const plainChallenges = await challenges.challengesWithPlainKey(q);
  if (users.length + plainChallenges.length === 0) return 0;
  await db.exec("PRAGMA secure_delete = ON");
  try {
    await q.transaction().execute(async (trx) => {
      for (const u of users) {
        await totp.replacePlainTotpKeys(trx, u.id, {
          key: u.key ? sealTotpKey(vault, "users.totp_key", u.id, u.key) : null,
          pendingKey: u.pendingKey
            ? sealTotpKey(vault, "users.totp_pending_key", u.id, u.pendingKey).text
            : null,
        });
      }
      for (const ch of plainChallenges) {
        await challenges.replacePlainChallengeKey(
          trx,
          ch.id,
          sealTotpKey(vault, "login_challenges.pending_key", ch.id, ch.pendingKey).text,
        );
      }
    });
  } finally {
    await db.exec("PRAGMA secure_delete = OFF");
  }
  await db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return users.length + plainChallenges.length;
}

/** Key ids the stored TOTP keys need (start is refused without them). */
export function totpKeyIds(q: QueryBuilder): Promise<string[]> {
  return totp.totpKeyIds(q);
}

/** Rows per key id (npm run keys -- status). */
export function totpRowsPerKey(q: QueryBuilder): Promise<Record<string, number>> {
  return totp.totpRowsPerKey(q);
}

/**
 * Re-seals the TOTP keys sealed with an older data key with the current one (after a key
 * rotation); compare-and-swap on the old text, so a concurrent change wins. Answers how many.
 */
export async function resealTotpKeys(q: QueryBuilder, vault: PersonalDataVault): Promise<number> {
  let done = 0;
  for (const r of await totp.totpKeysSealedWithOther(q, vault.current.id)) {
    const key = openTotpKey(vault, "users.totp_key", r.id, r.sealed);
    if (await totp.resealTotpKey(q, r.id, r.sealed, sealTotpKey(vault, "users.totp_key", r.id, key)))
      done += 1;
  }
  // Keys being set up are short-lived: one the current key cannot open is set up again.
  await totp.dropPendingTotpKeysNotSealedWith(q, vault.current.id);
  await challenges.dropChallengeKeysNotSealedWith(q, vault.current.id);
  return done;
}

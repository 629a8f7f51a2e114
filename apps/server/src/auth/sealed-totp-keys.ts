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
import type { Database, Queryable } from "../storage/database.js";

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

/** Seals the keys migration 10 stored in the clear and empties their columns; answers how many. */
export async function sealPlainTotpKeys(db: Database, vault: PersonalDataVault): Promise<number> {
  const users = await db.all<{ id: string; totp_key: Buffer | null; totp_pending_key: Buffer | null }>(
    "SELECT id, totp_key, totp_pending_key FROM users WHERE totp_key IS NOT NULL OR totp_pending_key IS NOT NULL",
  );
  const challenges = await db.all<{ id: string; pending_key: Buffer }>(
    "SELECT id, pending_key FROM login_challenges WHERE pending_key IS NOT NULL",
  );
  if (users.length + challenges.length === 0) return 0;
  await db.exec("PRAGMA secure_delete = ON");
  try {
    await db.transaction(async (tx) => {
      for (const u of users) {
        const key = u.totp_key ? sealTotpKey(vault, "users.totp_key", u.id, u.totp_key) : null;
        const pending = u.totp_pending_key
          ? sealTotpKey(vault, "users.totp_pending_key", u.id, u.totp_pending_key).text
          : null;
        await tx.run(
          `UPDATE users SET totp_key_sealed = COALESCE(?, totp_key_sealed), totp_key_id = COALESCE(?, totp_key_id),
                  totp_pending_key_sealed = COALESCE(?, totp_pending_key_sealed), totp_key = NULL, totp_pending_key = NULL
            WHERE id = ?`,
          [key?.text ?? null, key?.keyId ?? null, pending, u.id],
        );
      }
      for (const ch of challenges) {
        await tx.run("UPDATE login_challenges SET pending_key_sealed = ?, pending_key = NULL WHERE id = ?", [
          sealTotpKey(vault, "login_challenges.pending_key", ch.id, ch.pending_key).text,
          ch.id,
        ]);
      }
    });
  } finally {
    await db.exec("PRAGMA secure_delete = OFF");
  }
  await db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return users.length + challenges.length;
}

/** Key ids the stored TOTP keys need (start is refused without them). */
export async function totpKeyIds(db: Queryable): Promise<string[]> {
  const rows = await db.all<{ key_id: string }>(
    "SELECT DISTINCT totp_key_id AS key_id FROM users WHERE totp_key_id IS NOT NULL",
  );
  return rows.map((r) => r.key_id);
}

/** Rows per key id (npm run keys -- status). */
export async function totpRowsPerKey(db: Queryable): Promise<Record<string, number>> {
  const rows = await db.all<{ key_id: string; n: number }>(
    "SELECT totp_key_id AS key_id, COUNT(*) AS n FROM users WHERE totp_key_id IS NOT NULL GROUP BY totp_key_id",
  );
  return Object.fromEntries(rows.map((r) => [r.key_id, r.n]));
}

/**
 * Re-seals the TOTP keys sealed with an older data key with the current one (after a key
 * rotation); compare-and-swap on the old text, so a concurrent change wins. Answers how many.
 */
export async function resealTotpKeys(db: Queryable, vault: PersonalDataVault): Promise<number> {
  const rows = await db.all<{ id: string; totp_key_sealed: string }>(
    "SELECT id, totp_key_sealed FROM users WHERE totp_key_id IS NOT NULL AND totp_key_id != ?",
    [vault.current.id],
  );
  let done = 0;
  for (const r of rows) {
    const key = openTotpKey(vault, "users.totp_key", r.id, r.totp_key_sealed);
    const sealed = sealTotpKey(vault, "users.totp_key", r.id, key);
    const res = await db.run(
      "UPDATE users SET totp_key_sealed = ?, totp_key_id = ? WHERE id = ? AND totp_key_sealed = ?",
      [sealed.text, sealed.keyId, r.id, r.totp_key_sealed],
    );
    done += res.changes;
  }
  // Keys being set up are short-lived: one the current key cannot open is set up again.
  await db.run(
    "UPDATE users SET totp_pending_key_sealed = NULL WHERE totp_pending_key_sealed IS NOT NULL AND totp_pending_key_sealed NOT LIKE ?",
    [`pd1.${vault.current.id}.%`],
  );
  await db.run(
    "UPDATE login_challenges SET pending_key_sealed = NULL WHERE pending_key_sealed IS NOT NULL AND pending_key_sealed NOT LIKE ?",
    [`pd1.${vault.current.id}.%`],
  );
  return done;
}

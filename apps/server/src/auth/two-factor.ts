/**
 * Two-step verification (2段階認証): TOTP after RFC 6238 (SHA-1, 6 digits, 30-second steps, the
 * parameters every authenticator app reads from an `otpauth://` URI) with @oslojs/otp, and ten
 * one-time recovery codes, after the Lucia design.
 *
 * - A code is accepted for the current step or one step either side (clock drift), and only
 *   for a step later than the last one used: the same code cannot be replayed, not even
 *   within its own 30 seconds (`totp_last_step`, moved by a conditional UPDATE so two
 *   concurrent uses cannot both pass).
 * - Recovery codes carry 80 random bits each; only SHA-256 of each is stored and a use marks
 *   it spent with a conditional UPDATE.
 * - TOTP keys (20 random bytes) must be readable to check a code, so they cannot be hashed:
 *   they are sealed with the personal data key (auth/sealed-totp-keys.ts).
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import type { PersonalDataVault } from "../personal-data/vault.js";
import type { Queryable } from "../storage/database.js";
import { openTotpKey, sealTotpKey } from "./sealed-totp-keys.js";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Tsumugi";

/** Roles a workspace's policy can oblige to use two-step verification. */
export const TWO_FACTOR_POLICY_ROLES = ["secretariat", "coordinator"] as const;

export function newTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** What the authenticator app needs: the otpauth URI (for the QR code) and the key as text. */
export function enrolmentOf(email: string, key: Uint8Array): { secret: string; uri: string } {
  return {
    // Grouped by four for typing by hand; apps ignore the spaces.
    secret: encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, "$1 "),
    uri: createTOTPKeyURI(ISSUER, email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS),
  };
}

export function currentStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The step whose code `code` is, within one step of now and after `lastStep`; else null. */
export function matchTotp(key: Uint8Array, code: string, lastStep: number, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const given = new TextEncoder().encode(code);
  const step = currentStep(now);
  let matched: number | null = null;
  // Every candidate is computed and compared, so timing does not tell which one matched.
  for (const s of [step - 1, step, step + 1]) {
    const expected = new TextEncoder().encode(generateHOTP(key, BigInt(s), TOTP_DIGITS));
    if (constantTimeEqual(expected, given) && s > lastStep && matched === null) matched = s;
  }
  return matched;
}

/** A code as people type it: spaces, hyphens and full-width digits are forgiven. */
export function normaliseCode(raw: unknown): string {
  return typeof raw === "string" ? raw.normalize("NFKC").replace(/[\s-]/g, "").toLowerCase() : "";
}

function recoveryHash(code: string): Buffer {
  return Buffer.from(sha256(new TextEncoder().encode(normaliseCode(code))));
}

/** Replaces the user's recovery codes with ten new ones and answers them (shown once). */
export async function renewRecoveryCodes(db: Queryable, userId: string): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < RECOVERY_CODE_COUNT; i++) {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    codes.push(encodeBase32LowerCaseNoPadding(bytes).replace(/(.{4})(?=.)/g, "$1-"));
  }
  await db.run("DELETE FROM recovery_codes WHERE user_id = ?", [userId]);
  const now = Date.now();
  for (const code of codes) {
    await db.run("INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)", [
      userId,
      recoveryHash(code),
      now,
    ]);
  }
  return codes;
}

export async function recoveryCodesLeft(db: Queryable, userId: string): Promise<number> {
  const row = await db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
    [userId],
  );
  return row?.n ?? 0;
}

export interface TwoFactorRow {
  totp_key_sealed: string | null;
  totp_last_step: number;
}

/**
 * Checks a second factor: a TOTP code (6 digits) or a recovery code. A match is used up at
 * once (the step moves on, the recovery code is spent).
 */
export async function useSecondFactor(
  db: Queryable,
  vault: PersonalDataVault,
  userId: string,
  rawCode: unknown,
): Promise<"totp" | "recovery" | null> {
  const code = normaliseCode(rawCode);
  if (!code) return null;
  const row = await db.get<TwoFactorRow>("SELECT totp_key_sealed, totp_last_step FROM users WHERE id = ?", [
    userId,
  ]);
  if (!row?.totp_key_sealed) return null;
  if (/^\d{6}$/.test(code)) {
    const key = openTotpKey(vault, "users.totp_key", userId, row.totp_key_sealed);
    const step = matchTotp(key, code, row.totp_last_step);
    if (step === null) return null;
    const moved = await db.run("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", [
      step,
      userId,
      step,
    ]);
    return moved.changes === 1 ? "totp" : null;
  }
  if (code.length !== 16) return null;
  const spent = await db.run(
    "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
    [Date.now(), userId, recoveryHash(code)],
  );
  return spent.changes === 1 ? "recovery" : null;
}

/** Turns two-step verification on with a key whose code was just shown to work. */
export async function enableTwoFactor(
  db: Queryable,
  vault: PersonalDataVault,
  userId: string,
  key: Uint8Array,
  step: number,
): Promise<string[]> {
  const sealed = sealTotpKey(vault, "users.totp_key", userId, key);
  await db.run(
    `UPDATE users SET totp_key_sealed = ?, totp_key_id = ?, totp_enabled_at = ?, totp_last_step = ?,
            totp_pending_key_sealed = NULL, totp_key = NULL, totp_pending_key = NULL
      WHERE id = ?`,
    [sealed.text, sealed.keyId, Date.now(), step, userId],
  );
  return renewRecoveryCodes(db, userId);
}

export async function disableTwoFactor(db: Queryable, userId: string): Promise<void> {
  await db.run(
    `UPDATE users SET totp_key_sealed = NULL, totp_key_id = NULL, totp_enabled_at = NULL,
            totp_pending_key_sealed = NULL, totp_key = NULL, totp_pending_key = NULL
      WHERE id = ?`,
    [userId],
  );
  await db.run("DELETE FROM recovery_codes WHERE user_id = ?", [userId]);
}

/** Whether the user has two-step verification, and whether a workspace's policy demands it. */
export async function twoFactorState(
  db: Queryable,
  userId: string,
): Promise<{ enabled: boolean; required: boolean }> {
  const row = await db.get<{ enabled: number; required: number }>(
    // CASE: 0/1 on both SQLite and PostgreSQL (whose comparisons answer booleans).
    `SELECT CASE WHEN (SELECT totp_key_sealed FROM users WHERE id = ?) IS NOT NULL THEN 1 ELSE 0 END AS enabled,
            CASE WHEN EXISTS (SELECT 1 FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
                     WHERE m.user_id = ? AND m.disabled_at IS NULL AND w.two_factor_required = 1
                       AND m.role IN (${TWO_FACTOR_POLICY_ROLES.map(() => "?").join(", ")})) THEN 1 ELSE 0 END AS required`,
    [userId, userId, ...TWO_FACTOR_POLICY_ROLES],
  );
  return { enabled: row?.enabled === 1, required: row?.required === 1 };
}

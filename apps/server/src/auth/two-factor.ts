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
import type { QueryBuilder } from "../storage/query-builder.js";
import { requiresTwoFactor } from "../workspaces/workspace-repository.js";
import { openTotpKey } from "./sealed-totp-keys.js";
import * as totp from "./two-factor-repository.js";

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

/** Ten new recovery codes (shown once) and the hashes to store. */
export function newRecoveryCodes(): { codes: string[]; hashes: Buffer[] } {
  const codes: string[] = [];
  for (let i = 0; i < RECOVERY_CODE_COUNT; i++) {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    codes.push(encodeBase32LowerCaseNoPadding(bytes).replace(/(.{4})(?=.)/g, "$1-"));
  }
  return { codes, hashes: codes.map(recoveryHash) };
}

export function recoveryCodesLeft(q: QueryBuilder, userId: string): Promise<number> {
  return totp.countUnusedRecoveryCodes(q, userId);
}

/**
 * Checks a second factor: a TOTP code (6 digits) or a recovery code. A match is used up at
 * once (the step moves on, the recovery code is spent), by a conditional UPDATE: of two
 * concurrent uses of one code, one passes.
 */
export async function useSecondFactor(
  q: QueryBuilder,
  vault: PersonalDataVault,
  userId: string,
  rawCode: unknown,
): Promise<"totp" | "recovery" | null> {
  const code = normaliseCode(rawCode);
  if (!code) return null;
  const row = await totp.findTotp(q, userId);
  if (!row?.keySealed) return null;
  if (/^\d{6}$/.test(code)) {
    const key = openTotpKey(vault, "users.totp_key", userId, row.keySealed);
    const step = matchTotp(key, code, row.lastStep);
    if (step === null) return null;
    return (await totp.advanceTotpStep(q, userId, step)) ? "totp" : null;
  }
  if (code.length !== 16) return null;
  return (await totp.spendRecoveryCode(q, userId, recoveryHash(code), Date.now())) ? "recovery" : null;
}

/** Whether the user has two-step verification, and whether a workspace's policy demands it. */
export async function twoFactorState(
  q: QueryBuilder,
  userId: string,
): Promise<{ enabled: boolean; required: boolean }> {
  return {
    enabled: await totp.hasTotpKey(q, userId),
    required: await requiresTwoFactor(q, userId, TWO_FACTOR_POLICY_ROLES),
  };
}

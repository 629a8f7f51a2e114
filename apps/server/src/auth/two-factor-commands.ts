/**
 * Changes to a person's two-step verification: each writes in one transaction, then records
 * the audit entry. The code checks that precede them (two-factor.ts, throttled in second-factor-checks.ts)
 * spend the code with a conditional UPDATE of their own.
 */
import type { AppContext } from "../context.js";
import { ApiError } from "../http/errors.js";
import { sealTotpKey } from "./sealed-totp-keys.js";
import { newRecoveryCodes, newTotpKey, twoFactorState } from "./two-factor.js";
import * as totp from "./two-factor-repository.js";

export const alreadyOn = () => new ApiError(409, "twoFactor.alreadyOn", "2段階認証はすでに有効です。");
export const notOn = () => new ApiError(409, "twoFactor.notOn", "2段階認証は有効になっていません。");
export const noSetup = () => new ApiError(409, "twoFactor.noSetup", "設定をはじめからやり直してください。");
export const requiredHere = () =>
  new ApiError(409, "twoFactor.required", "所属する自治体で2段階認証が必須のため、無効にできません。");

/** Who acts on their own second factor, from which address. */
export interface TwoFactorCaller {
  userId: string;
  ip: string;
}

/** Starts setting up from the settings: a new key, kept sealed until its first code works. */
export async function startTotpSetup(app: AppContext, userId: string): Promise<Uint8Array> {
  if ((await twoFactorState(app.kysely, userId)).enabled) throw alreadyOn();
  const key = newTotpKey();
  const sealed = sealTotpKey(app.personalData, "users.totp_pending_key", userId, key);
  await totp.setPendingTotpKey(app.kysely, userId, sealed.text);
  return key;
}

/**
 * Turns two-step verification on with a key whose code (of `step`) was just shown to work,
 * set up in the settings or during a login; answers the new recovery codes (shown once).
 */
export async function enableTwoFactor(
  app: AppContext,
  caller: TwoFactorCaller,
  key: Uint8Array,
  step: number,
  at: "login" | "settings",
): Promise<string[]> {
  const sealed = sealTotpKey(app.personalData, "users.totp_key", caller.userId, key);
  const recovery = newRecoveryCodes();
  await app.kysely.transaction().execute(async (trx) => {
    const now = Date.now();
    await totp.storeTotpKey(trx, caller.userId, {
      sealed: sealed.text,
      keyId: sealed.keyId,
      enabledAt: now,
      step,
    });
    await totp.replaceRecoveryCodes(trx, caller.userId, recovery.hashes, now);
  });
  await app.audit.record({ event: "2fa.enabled", actorUserId: caller.userId, ip: caller.ip, detail: { at } });
  return recovery.codes;
}

/** Turns it off (the route checked the password and a code): no key, no recovery codes. */
export async function disableTwoFactor(app: AppContext, caller: TwoFactorCaller): Promise<void> {
  await app.kysely.transaction().execute(async (trx) => {
    await totp.clearTotpKey(trx, caller.userId);
    await totp.deleteRecoveryCodes(trx, caller.userId);
  });
  await app.audit.record({ event: "2fa.disabled", actorUserId: caller.userId, ip: caller.ip });
}

/** New recovery codes (the route checked a code); the old ones stop working. */
export async function renewRecoveryCodes(app: AppContext, caller: TwoFactorCaller): Promise<string[]> {
  const recovery = newRecoveryCodes();
  await app.kysely
    .transaction()
    .execute((trx) => totp.replaceRecoveryCodes(trx, caller.userId, recovery.hashes, Date.now()));
  await app.audit.record({ event: "2fa.recovery_codes_renewed", actorUserId: caller.userId, ip: caller.ip });
  return recovery.codes;
}

/**
 * Password hashing with Argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1).
 * `verifyOrBurn` spends the same work when the account does not exist, so response time
 * does not tell whether an e-mail is registered.
 */
import { hash, verify } from "@node-rs/argon2";

export const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/** Verifies against `storedHash`, or against a throw-away hash when there is none. */
export async function verifyOrBurn(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword("tsumugi-dummy-password-for-timing");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** null when acceptable, else a message key for the UI. */
export function passwordProblem(password: unknown): "password.tooShort" | "password.tooLong" | null {
  if (typeof password !== "string" || password.length < PASSWORD_MIN_LENGTH) return "password.tooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "password.tooLong";
  return null;
}

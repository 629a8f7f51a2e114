/**
 * Password hashing with Argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1).
 * `verifyOrBurn` spends the same work when the account does not exist, so response time
 * does not tell whether an e-mail is registered.
 */
import { hash, verify } from "@node-rs/argon2";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from "@tsumugi/domain";
import { dictionary } from "@zxcvbn-ts/language-common";

export const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

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

export type PasswordProblem = "password.tooShort" | "password.tooLong" | "password.blank" | "password.common";

/**
 * The common-password list shipped with @zxcvbn-ts/language-common (MIT): about 49,000 of the
 * most used passwords from public breach corpora, ranked. Loaded on first use.
 */
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary as Record<string, string[]>)["passwords-common"]);
  return common;
}

/** Words of this service that make easy guesses for every account on it (ASVS V6.2.11). */
const CONTEXT_WORDS = ["tsumugi", "紡ぎ", "つむぎ", "ツムギ", "password", "パスワード"];

/** The password reduced to what a guesser would try: width-folded, lower case, no spaces. */
function folded(password: string): string {
  return password.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
}

/** Whether `text` is one short piece said again and again ("aaaa…", "abcabc…", "1212…"). */
function repetitive(text: string): boolean {
  return /^(.{1,4})\1+$/su.test(text);
}

/**
 * null when acceptable as a new password, else a message key for the UI. `context` holds the
 * account's own words (e-mail, name), which must not be the password either.
 */
export function passwordProblem(password: unknown, context: readonly string[] = []): PasswordProblem | null {
  if (typeof password !== "string") return "password.tooShort";
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return "password.tooShort";
  if (length > PASSWORD_MAX_LENGTH) return "password.tooLong";
  if (password.trim() === "") return "password.blank";
  const f = folded(password);
  const list = commonPasswords();
  if (list.has(f) || list.has(password.toLowerCase()) || repetitive(f)) return "password.common";
  // Context words, alone, repeated, or with digits and signs around them ("tsumugi2026!").
  const letters = f.replace(/[\p{N}\p{P}\p{S}]+/gu, "");
  const words = [...CONTEXT_WORDS, ...context.flatMap((w) => [w, w.split("@")[0]])]
    .map(folded)
    .filter((w) => w.length >= 3);
  for (const w of words) {
    if (f === w || letters === w || (letters.length > 0 && letters.replaceAll(w, "") === ""))
      return "password.common";
  }
  return null;
}

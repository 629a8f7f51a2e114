/**
 * The length rule for passwords people choose (ASVS 5.0 V6.2.1, V6.2.9), shared by the server
 * and the forms: at least 15 characters, counted as Unicode code points (so a Japanese
 * pass-phrase counts what one sees), at most 256; any characters, spaces included; no rules of
 * composition (V6.2.5). The server also refuses common passwords (apps/server/src/auth/password.ts).
 */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 256;

/** The length of a password as people count it: Unicode code points. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/**
 * The codes a participant carries: the check-in code shown (and drawn as a QR code) on the
 * confirmation page, typed or scanned at the reception desk, and the contact a person gives,
 * normalised so that the same person registering twice is recognised.
 */

/** Letters and digits without the ones read for each other (0/O, 1/I/L). */
export const CHECK_IN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CHECK_IN_LENGTH = 8;

/** "ABCD-2345" as printed. */
export function formatCheckInCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The code in what the reception desk typed or a scanner sent: full-width or lower case,
 * with or without the hyphen or spaces, alone or at the end of a longer text (a scanner that
 * adds a prefix). Null when no code is there.
 */
export function readCheckInCode(text: string): string | null {
  const cleaned = text
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐－ー_]/g, "");
  const m = new RegExp(`([${CHECK_IN_ALPHABET}]{${CHECK_IN_LENGTH}})$`).exec(cleaned);
  return m ? m[1] : null;
}

/** Is this an e-mail address or a Japanese phone number as people write them? */
export function contactKind(text: string): "email" | "phone" | null {
  const t = text.normalize("NFKC").trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) && t.length <= 254) return "email";
  const digits = t.replace(/[\s\-()（）]/g, "");
  if (/^\+?\d{10,13}$/.test(digits)) return "phone";
  return null;
}

/** The contact as compared for duplicates: e-mail in lower case, a phone number as digits. */
export function normaliseContact(text: string): string {
  const t = text.normalize("NFKC").trim();
  if (contactKind(t) === "email") return t.toLowerCase();
  return t.replace(/\D/g, "");
}

/** A name as compared for duplicates: NFKC, no spaces (山田 太郎 = 山田太郎). */
export function normalisePersonName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A random identifier from the CSPRNG: 15 bytes = 120 bits, 24 base32 characters. */
export function newId(bytes = 15): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return encodeBase32LowerCaseNoPadding(buf);
}

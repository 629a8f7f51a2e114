/**
 * Secret tokens of the form `<id>.<secret>` (sessions, invitations): both parts from the
 * CSPRNG, only SHA-256(secret) stored, compared in constant time.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

export function randomString(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return encodeBase32LowerCaseNoPadding(buf);
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** A new token: id (120 bits) and secret (160 bits), with the hash to store. */
export function newSecretToken(): { id: string; token: string; secretHash: Buffer } {
  const id = randomString(15);
  const secret = randomString(20);
  return { id, token: `${id}.${secret}`, secretHash: Buffer.from(hashSecret(secret)) };
}

export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1] || token.length > 200) return null;
  return { id: parts[0], secret: parts[1] };
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  return constantTimeEqual(hashSecret(secret), new Uint8Array(storedHash));
}

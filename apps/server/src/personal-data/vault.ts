/**
 * Encryption of personal data at rest: AES-256-GCM (node:crypto) with a fresh 96-bit nonce per
 * ciphertext, the row it belongs to as additional data (a ciphertext copied onto another row
 * does not decrypt), and the key's id in the stored text:
 *
 *     pd1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>
 *
 * The exact-name search compares HMAC-SHA-256 hashes of normalised names, under a key derived
 * from the same data key; a search hashes the name under every key still held, so it finds
 * cases indexed before a rotation too.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { normaliseName } from "@tsumugi/domain";
import { type DataKey, dataKeyOf } from "./keyring.js";

const PREFIX = "pd1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class PersonalDataError extends Error {}

export interface Sealed {
  text: string;
  keyId: string;
}

export class PersonalDataVault {
  private readonly keys: Map<string, DataKey>;
  readonly current: DataKey;

  constructor(rawKeys: readonly Buffer[]) {
    if (rawKeys.length === 0) throw new PersonalDataError("no personal data key");
    const keys = rawKeys.map(dataKeyOf);
    this.current = keys[0];
    this.keys = new Map(keys.map((k) => [k.id, k]));
  }

  /** Ids of every key held, the current one first. */
  keyIds(): string[] {
    return [...this.keys.keys()];
  }

  has(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** Encrypts `value` (JSON) for the row named by `aad` (e.g. "consultations:<id>"). */
  seal(value: unknown, aad: string): Sealed {
    const key = this.current;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key.encryption, nonce);
    cipher.setAAD(Buffer.from(aad, "utf8"));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    const sealed = Buffer.concat([nonce, body, cipher.getAuthTag()]);
    return { text: `${PREFIX}.${key.id}.${sealed.toString("base64url")}`, keyId: key.id };
  }

  /** The value sealed for `aad`; throws when the key is not held or the text was altered. */
  open<T>(text: string, aad: string): T {
    const [prefix, keyId, data] = text.split(".");
    if (prefix !== PREFIX || !keyId || !data) throw new PersonalDataError("not a sealed value");
    const key = this.keys.get(keyId);
    if (!key) throw new PersonalDataError(`personal data key ${keyId} is not configured`);
    const sealed = Buffer.from(data, "base64url");
    if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new PersonalDataError("sealed value too short");
    const decipher = createDecipheriv("aes-256-gcm", key.encryption, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString("utf8")) as T;
    } catch {
      throw new PersonalDataError("sealed value does not decrypt (altered, or sealed for another row)");
    }
  }

  /** The id of the key a stored text was sealed with. */
  static keyIdOf(text: string): string | null {
    const [prefix, keyId] = text.split(".");
    return prefix === PREFIX && keyId ? keyId : null;
  }

  /** The index hash of a name under the current key; null for a blank name. */
  nameHash(name: string): { hash: string; keyId: string } | null {
    const normal = normaliseName(name);
    if (normal === "") return null;
    return { hash: hmac(this.current, normal), keyId: this.current.id };
  }

  /** The hashes a search for `name` looks for: one per key held. */
  searchHashes(name: string): string[] {
    const normal = normaliseName(name);
    if (normal === "") return [];
    return [...this.keys.values()].map((k) => hmac(k, normal));
  }
}

function hmac(key: DataKey, normalised: string): string {
  return createHmac("sha256", key.nameIndex).update(normalised, "utf8").digest("base64url");
}

/**
 * The keys that protect personal data at rest (要配慮個人情報: consultation records).
 *
 * A key is 32 random bytes, written in base64 (`openssl rand -base64 32`). The keys come from
 * PERSONAL_DATA_KEYS (comma-separated) or from a key file (PERSONAL_DATA_KEY_FILE, by default
 * DATA_DIR/personal-data.key), one key a line, `#` for comments. The first key encrypts new
 * data; the others only decrypt what they encrypted until it has been re-encrypted with the
 * first. Each key is known by an id derived from it (8 hex digits), stored with every
 * ciphertext, so a key can be replaced without touching data all at once.
 *
 * From each key, HKDF-SHA-256 derives the AES-256-GCM key, the HMAC key of the exact-name
 * index and the id: the raw key is used for nothing directly.
 */
import { hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";

export const KEY_BYTES = 32;

export interface DataKey {
  /** 8 hex digits, derived from the key: stored with each ciphertext. */
  id: string;
  encryption: Buffer;
  nameIndex: Buffer;
}

export class KeyringError extends Error {}

function derive(key: Buffer, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), info, length));
}

export function dataKeyOf(raw: Buffer): DataKey {
  if (raw.length !== KEY_BYTES) throw new KeyringError(`a key must be ${KEY_BYTES} bytes`);
  return {
    id: derive(raw, "tsumugi personal-data key id v1", 4).toString("hex"),
    encryption: derive(raw, "tsumugi personal-data encryption v1", 32),
    nameIndex: derive(raw, "tsumugi personal-data name index v1", 32),
  };
}

/** A key written in base64 (standard or URL-safe, padded or not); null when it is not one. */
export function parseKey(text: string): Buffer | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return null;
  const raw = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return raw.length === KEY_BYTES ? raw : null;
}

/** The keys of a key file's text, first the one that encrypts. Throws naming a bad line. */
export function parseKeyFile(text: string, where: string): Buffer[] {
  const keys: Buffer[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/#.*$/, "").trim();
    if (content === "") return;
    const key = parseKey(content);
    if (!key) throw new KeyringError(`${where}, line ${i + 1}: not a base64 key of ${KEY_BYTES} bytes`);
    keys.push(key);
  });
  return keys;
}

/** Keys from PERSONAL_DATA_KEYS: base64 keys separated by commas or spaces. */
export function parseKeyList(text: string): Buffer[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((k, i) => {
      const key = parseKey(k);
      if (!key)
        throw new KeyringError(`PERSONAL_DATA_KEYS, key ${i + 1}: not a base64 key of ${KEY_BYTES} bytes`);
      return key;
    });
}

export function newKeyText(): string {
  return randomBytes(KEY_BYTES).toString("base64");
}

const FILE_HEADER = `# Tsumugi: keys protecting personal data (consultation records) at rest, AES-256-GCM.
# One base64 key a line. The FIRST key encrypts new data; keys below it only decrypt older
# data until the server has re-encrypted it (see docs/security.md, "Personal data keys").
# Keep a copy of this file apart from the database and its backups: without it the
# encrypted fields cannot be read, and with it anyone holding a backup can read them.
`;

/** Writes a new key file (mode 0600); refuses to overwrite one. */
export function writeNewKeyFile(path: string): void {
  writeFileSync(path, `${FILE_HEADER}${newKeyText()}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
}

/** Puts a new key first in the file, keeping the others (which then only decrypt). */
export function prependNewKey(path: string): DataKey {
  const text = readFileSync(path, "utf8");
  const existing = parseKeyFile(text, path);
  const fresh = newKeyText();
  const lines = existing.map((k) => k.toString("base64"));
  writeFileSync(path, `${FILE_HEADER}${[fresh, ...lines].join("\n")}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return dataKeyOf(parseKey(fresh) as Buffer);
}

/** Drops every key but the first (once nothing is encrypted with them any more). */
export function keepOnlyCurrentKey(path: string): DataKey {
  const [current] = parseKeyFile(readFileSync(path, "utf8"), path);
  if (!current) throw new KeyringError(`${path}: no key`);
  writeFileSync(path, `${FILE_HEADER}${current.toString("base64")}\n`, { mode: 0o600 });
  return dataKeyOf(current);
}

export function readKeyFile(path: string): Buffer[] {
  return parseKeyFile(readFileSync(path, "utf8"), path);
}

export function keyFileExists(path: string): boolean {
  return existsSync(path);
}

/** True when others than the owner may read the file (a key file should be 0600). */
export function keyFileTooOpen(path: string): boolean {
  if (process.platform === "win32") return false;
  return (statSync(path).mode & 0o077) !== 0;
}

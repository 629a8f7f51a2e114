/**
 * `npm run keys -- <command>`: the keys protecting personal data at rest (docs/security.md).
 *
 *   new <file>   write a new key file (mode 600); refuses to overwrite one
 *   status       the keys held (the first encrypts) and how many rows each seals
 *   rotate       put a new key first in the key file; restart the server, which re-encrypts
 *                the older rows in the background while it serves
 *   prune        keep only the first key, once no row is sealed with another
 *
 * Reads PERSONAL_DATA_KEYS / PERSONAL_DATA_KEY_FILE / DATA_DIR like the server. Safe while the
 * server runs (status and prune only read the database).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { totpKeyIds, totpRowsPerKey } from "../auth/sealed-totp-keys.js";
import { ConfigError, DATABASE_FILE, loadConfig } from "../config.js";
import { rowsPerKey, storedKeyIds } from "../desk/reseal-repository.js";
import { participantKeyIds } from "../events/participant-sealing-repository.js";
import { requestKeyIds } from "../events/request-repository.js";
import {
  dataKeyOf,
  KeyringError,
  keepOnlyCurrentKey,
  parseKeyList,
  prependNewKey,
  readKeyFile,
  writeNewKeyFile,
} from "../personal-data/keyring.js";
import { Database } from "../storage/database.js";
import { createQueryBuilder } from "../storage/query-builder.js";

async function usage(): Promise<never> {
  console.error("使い方 / usage: npm run keys -- new <file> | status | rotate | prune");
  process.exit(2);
}

async function databaseKeys(dataDir: string): Promise<{ rows: Record<string, number>; ids: Set<string> }> {
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) return { rows: {}, ids: new Set() };
  const db = await Database.open(path, { readers: 1 });
  try {
    const q = createQueryBuilder(db);
    const rows = await rowsPerKey(q);
    for (const [id, n] of Object.entries(await totpRowsPerKey(q))) rows[id] = (rows[id] ?? 0) + n;
    return {
      rows,
      ids: new Set([
        ...(await storedKeyIds(q)),
        ...(await participantKeyIds(q)),
        ...(await requestKeyIds(q)),
        ...(await totpKeyIds(q)),
      ]),
    };
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  if (command === "new") {
    if (!arg) return usage();
    const path = resolve(process.env.INIT_CWD || process.cwd(), arg);
    writeNewKeyFile(path);
    console.log(
      `鍵ファイルを作成しました / key file written: ${path} (key ${dataKeyOf(readKeyFile(path)[0]).id})`,
    );
    console.log(
      "データのバックアップとは別の場所にも控えを保管してください / keep a copy apart from the backups.",
    );
    return;
  }
  const config = loadConfig();
  const pd = config.personalData;
  const fromEnv = pd.keys !== null;
  const held = fromEnv
    ? parseKeyList(pd.keys as string)
    : existsSync(pd.keyFile)
      ? readKeyFile(pd.keyFile)
      : [];
  const ids = held.map((k) => dataKeyOf(k).id);
  const db = await databaseKeys(config.dataDir);
  if (command === "status") {
    console.log(`keys from ${fromEnv ? "PERSONAL_DATA_KEYS" : pd.keyFile}`);
    if (ids.length === 0) console.log("  (no key)");
    ids.forEach((id, i) => {
      console.log(`  ${id}  ${i === 0 ? "encrypts new data" : "decrypts only"}  rows: ${db.rows[id] ?? 0}`);
    });
    for (const id of db.ids)
      if (!ids.includes(id)) console.log(`  ${id}  MISSING: stored data needs this key`);
    return;
  }
  if (fromEnv)
    throw new ConfigError("keys come from PERSONAL_DATA_KEYS: change that variable instead of a file");
  if (command === "rotate") {
    if (!existsSync(pd.keyFile)) throw new ConfigError(`${pd.keyFile} does not exist`);
    const fresh = prependNewKey(pd.keyFile);
    console.log(`new key ${fresh.id} is now first in ${pd.keyFile}; restart the server to use it.`);
    console.log(
      "The server re-encrypts older rows in the background; run `npm run keys -- prune` when status shows none left.",
    );
    return;
  }
  if (command === "prune") {
    const others = ids.slice(1).filter((id) => (db.rows[id] ?? 0) > 0 || db.ids.has(id));
    if (others.length > 0)
      throw new ConfigError(
        `keys ${others.join(", ")} still seal stored rows: start the server and let it re-encrypt first`,
      );
    const kept = keepOnlyCurrentKey(pd.keyFile);
    console.log(`kept only key ${kept.id} in ${pd.keyFile}`);
    return;
  }
  return usage();
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof KeyringError ? err.message : err);
  process.exit(1);
});

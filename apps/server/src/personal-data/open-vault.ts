/**
 * Start-up of the personal data keys. The server starts only when it holds every key that
 * stored data was encrypted with:
 *
 * - PERSONAL_DATA_KEYS set: those keys. PERSONAL_DATA_KEY_FILE set: that file, which must exist.
 * - Neither: DATA_DIR/personal-data.key. When it does not exist and nothing is encrypted yet
 *   (a fresh `npm start`), a key file is generated there (0600) and the log says so. When
 *   encrypted data exists, start is refused: generating a key would not read it.
 * - A ciphertext whose key is not held refuses start too, naming the key id.
 */
import type { Config } from "../config.js";
import { ConfigError } from "../config.js";
import type { Logger } from "../logger.js";
import {
  KeyringError,
  keyFileExists,
  keyFileTooOpen,
  parseKeyList,
  readKeyFile,
  writeNewKeyFile,
} from "./keyring.js";
import { PersonalDataVault } from "./vault.js";

export interface OpenedVault {
  vault: PersonalDataVault;
  /** The key file written on this start, when there was none. */
  generated: string | null;
}

export async function openVault(
  config: Config,
  log: Logger,
  storedKeyIds: () => Promise<ReadonlySet<string>>,
): Promise<OpenedVault> {
  const pd = config.personalData;
  let keys: Buffer[];
  let generated: string | null = null;
  try {
    if (pd.keys !== null) {
      keys = parseKeyList(pd.keys);
      if (keys.length === 0) throw new ConfigError("PERSONAL_DATA_KEYS is set but holds no key");
    } else if (keyFileExists(pd.keyFile)) {
      keys = readKeyFile(pd.keyFile);
      if (keys.length === 0) throw new ConfigError(`${pd.keyFile} holds no key`);
      if (keyFileTooOpen(pd.keyFile))
        log.warn("personal data key file is readable by others than its owner: chmod 600 it", {
          path: pd.keyFile,
        });
    } else if (pd.keyFileExplicit) {
      throw new ConfigError(
        `PERSONAL_DATA_KEY_FILE ${pd.keyFile} does not exist (create one: npm run keys -- new ${pd.keyFile})`,
      );
    } else {
      const stored = await storedKeyIds();
      if (stored.size > 0) {
        throw new ConfigError(
          `personal data is stored encrypted (key ${[...stored].join(", ")}) but no key is configured: ` +
            `set PERSONAL_DATA_KEY_FILE or PERSONAL_DATA_KEYS, or put the key file back at ${pd.keyFile}. Start refused.`,
        );
      }
      writeNewKeyFile(pd.keyFile);
      generated = pd.keyFile;
      keys = readKeyFile(pd.keyFile);
      log.warn(
        "personal data key generated: keep a copy of this file apart from the database backups; in production set PERSONAL_DATA_KEY_FILE to a file outside DATA_DIR",
        { path: pd.keyFile },
      );
    }
  } catch (err) {
    if (err instanceof KeyringError) throw new ConfigError(err.message);
    throw err;
  }
  const vault = new PersonalDataVault(keys);
  const missing = [...(await storedKeyIds())].filter((id) => !vault.has(id));
  if (missing.length > 0) {
    throw new ConfigError(
      `personal data is encrypted with key ${missing.join(", ")}, which is not configured (held: ${vault
        .keyIds()
        .join(", ")}). Start refused: add the old key below the current one.`,
    );
  }
  return { vault, generated };
}

/** Where backups go and how many are kept: BACKUP_DIR, BACKUP_KEEP (README lists them). */
import { resolve } from "node:path";
import { type Config, ConfigError } from "../config.js";

export function backupSettings(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): { dir: string; keep: number } {
  const keepRaw = env.BACKUP_KEEP ?? "";
  const keep = keepRaw === "" ? 14 : Number(keepRaw);
  if (!Number.isInteger(keep) || keep < 1)
    throw new ConfigError(`BACKUP_KEEP must be an integer ≥ 1, got "${keepRaw}"`);
  const invokedIn = env.INIT_CWD || process.cwd();
  const dir = env.BACKUP_DIR ? resolve(invokedIn, env.BACKUP_DIR) : resolve(config.dataDir, "backups");
  return { dir, keep };
}

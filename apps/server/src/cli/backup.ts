/**
 * `npm run backup`: an online, consistent copy of the SQLite file (safe while the server
 * runs), checked, into BACKUP_DIR (default DATA_DIR/backups), keeping the newest BACKUP_KEEP
 * (default 14). Exit code 0 when the backup is written and whole.
 */
import { join } from "node:path";
import { backupDatabase } from "../backup/backup.js";
import { ConfigError, DATABASE_FILE, loadConfig } from "../config.js";
import { backupSettings } from "./backup-settings.js";

try {
  const config = loadConfig();
  const { dir, keep } = backupSettings(config);
  const done = await backupDatabase(join(config.dataDir, DATABASE_FILE), dir, keep);
  console.log(`バックアップを作成しました: ${done.file}（${done.bytes} バイト、整合性チェック済み）`);
  for (const f of done.removed) console.log(`古いバックアップを削除しました: ${f}`);
  process.exit(0);
} catch (err) {
  console.error(
    err instanceof ConfigError ? err.message : `バックアップに失敗しました: ${(err as Error).message}`,
  );
  process.exit(1);
}

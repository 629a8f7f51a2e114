/**
 * `npm run restore -- <backup file>` (or `--latest`): puts a checked backup in place of the
 * database under DATA_DIR. Stop the server first: a database in use is refused. The file it
 * replaces is kept beside it (`tsumugi.sqlite.before-restore-<time>`).
 */
import { join, resolve } from "node:path";
import { databaseInUse, listBackups, restoreDatabase } from "../backup/backup.js";
import { ConfigError, DATABASE_FILE, loadConfig } from "../config.js";
import { backupSettings } from "./backup-settings.js";

try {
  const config = loadConfig();
  const arg = process.argv[2];
  const { dir } = backupSettings(config);
  const backup =
    arg === "--latest"
      ? listBackups(dir)[0]
      : arg
        ? resolve(process.env.INIT_CWD || process.cwd(), arg)
        : undefined;
  if (!backup) {
    console.error("使い方: npm run restore -- <バックアップのファイル>  または  npm run restore -- --latest");
    process.exit(2);
  }
  const database = join(config.dataDir, DATABASE_FILE);
  if (await databaseInUse(database)) {
    console.error("データベースが使用中です。サーバーを停止してから復元してください。");
    process.exit(1);
  }
  const kept = await restoreDatabase(backup, database);
  console.log(`復元しました: ${backup} → ${database}`);
  if (kept) console.log(`復元前のファイルは ${kept} に残しています。`);
  process.exit(0);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `復元に失敗しました: ${(err as Error).message}`);
  process.exit(1);
}

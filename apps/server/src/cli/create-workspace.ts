/**
 * `npm run workspace:create -- --name 流山市 --code 122203 --email jimu@example.jp --admin "山田 花子"`
 * Adds a municipality and its first secretariat account to the store: the SQLite file under
 * DATA_DIR, or PostgreSQL when DATABASE_URL is set (safe while servers run: the writes take
 * the same write lock as theirs).
 */
import { parseArgs } from "node:util";
import { AuditLog } from "../audit/audit-log.js";
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../server.js";
import { migrate } from "../storage/migrations.js";
import { createQueryBuilder } from "../storage/query-builder.js";
import { ProvisionError, provisionWorkspace } from "../workspaces/provision-workspace.js";

const USAGE =
  'usage: npm run workspace:create -- --name 流山市 --code 122203 --email jimu@example.jp --admin "山田 花子"';

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { name, code, email, admin } = args.values;
  if (!name || !code || !email || !admin) {
    console.error(`--name, --code, --email と --admin を指定してください。\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const kysely = createQueryBuilder(db);
    const done = await provisionWorkspace(
      { db, kysely, audit: new AuditLog(kysely) },
      {
        name,
        lgCode: code,
        adminEmail: email,
        adminName: admin,
      },
    );
    console.log(`自治体「${name}」（${done.prefecture}、${code}）を登録しました。`);
    console.log(`ログイン: ${config.publicUrl}/login  ${email}`);
    if (done.initialPassword) {
      console.log(`初期パスワード: ${done.initialPassword}`);
      console.log("（一度だけ表示します。ログイン後、画面上部の「パスワード変更」で変更してください。）");
    } else {
      console.log("既存のアカウントに事務局として追加しました。パスワードは従来のものです。");
    }
    return 0;
  } catch (err) {
    if (err instanceof ProvisionError || err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    await db.close();
  }
}

function parse() {
  return parseArgs({
    options: {
      name: { type: "string" },
      code: { type: "string" },
      email: { type: "string" },
      admin: { type: "string" },
    },
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

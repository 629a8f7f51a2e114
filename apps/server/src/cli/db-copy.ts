/**
 * `npm run db:copy -- --from <postgres://…|SQLite file or data directory> --to <…>`: copies
 * every row of one store into a new, empty one (storage/copy.ts): SQLite → PostgreSQL to move
 * to several nodes, PostgreSQL → SQLite to come back. Stop the servers writing to the source
 * first: the copy holds the source as it was when the copy began.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DATABASE_FILE } from "../config.js";
import { CopyError, copyDatabase } from "../storage/copy.js";
import type { Database } from "../storage/database.js";
import { PostgresDatabase } from "../storage/postgres-database.js";
import { SqliteDatabase } from "../storage/sqlite-database.js";

const USAGE =
  "使い方: npm run db:copy -- --from <postgres://… または SQLite のファイル／データディレクトリ> --to <…>";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** A postgres:// URL, or a SQLite file (a directory means its tsumugi.sqlite). */
function describe(spec: string): { kind: "postgres"; url: string } | { kind: "sqlite"; path: string } {
  if (/^postgres(ql)?:\/\//.test(spec)) return { kind: "postgres", url: spec };
  const path = resolve(process.env.INIT_CWD || process.cwd(), spec);
  if (existsSync(path) && statSync(path).isDirectory())
    return { kind: "sqlite", path: join(path, DATABASE_FILE) };
  return { kind: "sqlite", path };
}

function shown(spec: ReturnType<typeof describe>): string {
  return spec.kind === "postgres" ? spec.url.replace(/:[^:@/]*@/, ":…@") : spec.path;
}

async function open(spec: ReturnType<typeof describe>, source: boolean): Promise<Database> {
  if (spec.kind === "postgres") return PostgresDatabase.open(spec.url, { poolSize: 2 });
  if (source && !existsSync(spec.path)) throw new CopyError(`${spec.path} がありません`);
  mkdirSync(dirname(spec.path), { recursive: true });
  return SqliteDatabase.open(spec.path, { readers: 1 });
}

const fromArg = arg("--from");
const toArg = arg("--to");
if (!fromArg || !toArg) {
  console.error(USAGE);
  process.exit(2);
}
const from = describe(fromArg);
const to = describe(toArg);
if (shown(from) === shown(to)) {
  console.error("コピー元とコピー先が同じです。");
  process.exit(2);
}
let source: Database | undefined;
let target: Database | undefined;
try {
  source = await open(from, true);
  target = await open(to, false);
  const started = Date.now();
  const report = await copyDatabase(source, target, {
    progress: (table, rows) => console.log(`  ${table}: ${rows} 行`),
  });
  const total = report.tables.reduce((n, t) => n + t.rows, 0);
  console.log(
    `コピーしました: ${shown(from)} → ${shown(to)}（${report.tables.length} 表、${total} 行、文書 ${report.documents} 件、${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  console.log(
    "行数はコピー元とコピー先で一致しています。個人情報の鍵（PERSONAL_DATA_KEYS または鍵ファイル）も移してください。",
  );
  process.exitCode = 0;
} catch (err) {
  const message = (err as Error).message;
  console.error(
    err instanceof CopyError
      ? `コピーできません: ${message}`
      : `コピーに失敗しました（コピー先に行は書き込まれていません）: ${message}`,
  );
  process.exitCode = 1;
} finally {
  await Promise.allSettled([source?.close(), target?.close()]);
}

/**
 * Copies every row of one Tsumugi store into another, empty one: SQLite → PostgreSQL (a
 * single-process installation moving to several nodes), PostgreSQL → SQLite (back), or
 * between two of the same kind (`npm run db:copy -- --from … --to …`).
 *
 * - The source is read in one read transaction (one committed state, even while servers
 *   write to it); the target is written in one transaction: it holds all the rows or none.
 * - Both are at the newest schema version: the target is migrated here; a source that is
 *   older is refused (start the current version on it once).
 * - Tables are written parents first (their foreign keys, read from the target's catalogue);
 *   a table that refers to itself (groups under a parent) is written parents first row by row.
 * - The document update log is numbered as the target numbers it: one counter for all
 *   documents on SQLite, a sequence per document on PostgreSQL (collab/update-store.ts). Each
 *   snapshot's `last_update_id` is carried over so that it covers exactly the rows it covered.
 * - Identity columns' sequences (PostgreSQL) and AUTOINCREMENT counters (SQLite) continue after
 *   the copied rows.
 * - Row counts of every table are compared after the copy, inside the target's transaction.
 *
 * The tables are read from the catalogue by `copy-catalogue.ts`, their rows read and written by
 * `copy-rows.ts`, the update log and snapshots renumbered by `copy-documents.ts`.
 */
import { type TableInfo, tables } from "./copy-catalogue.js";
import { copyDocuments } from "./copy-documents.js";
import { count, insertRows, pages, parentsFirst, quote, type Row } from "./copy-rows.js";
import type { Database, Queryable } from "./database.js";
import { MIGRATIONS, migrate } from "./migrations.js";

export interface CopyReport {
  /** Rows copied per table, in the order the tables were written. */
  tables: { table: string; rows: number }[];
  /** Documents whose update log was renumbered for the target. */
  documents: number;
}

export class CopyError extends Error {}

/** The log and snapshots are copied together (their ids are renumbered). */
const DOC_TABLES = new Set(["doc_updates", "doc_snapshots"]);
const SKIPPED = new Set(["schema_migrations"]);

/** Parents before children; ties by name (the same order every run). */
function writeOrder(infos: Map<string, TableInfo>): TableInfo[] {
  const done = new Set<string>();
  const order: TableInfo[] = [];
  const visiting = new Set<string>();
  const visit = (t: TableInfo) => {
    if (done.has(t.name)) return;
    if (visiting.has(t.name)) throw new CopyError(`外部キーが循環しています（${t.name}）`);
    visiting.add(t.name);
    for (const p of [...t.parents].sort()) {
      const parent = infos.get(p);
      if (parent) visit(parent);
    }
    visiting.delete(t.name);
    done.add(t.name);
    order.push(t);
  };
  for (const name of [...infos.keys()].sort()) visit(infos.get(name) as TableInfo);
  return order;
}

async function schemaVersion(q: Queryable): Promise<number> {
  const row = await q.get<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations");
  return Number(row?.v ?? 0);
}

/** PostgreSQL: each identity column's sequence continues after the largest copied value. */
async function continueIdentities(tx: Queryable): Promise<void> {
  const identities = await tx.all<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { table_name, column_name } of identities) {
    await tx.get(
      `SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(${quote(column_name)}), 1), MAX(${quote(column_name)}) IS NOT NULL) FROM ${quote(table_name)}`,
      [quote(table_name), column_name],
    );
  }
}

/** Copies every row of `from` into `to` (migrated here, and empty). */
export async function copyDatabase(
  from: Database,
  to: Database,
  opts: { progress?: (table: string, rows: number) => void } = {},
): Promise<CopyReport> {
  const newest = MIGRATIONS.at(-1)?.version ?? 0;
  const sourceVersion = await from.read((q) => schemaVersion(q).catch(() => 0));
  if (sourceVersion !== newest) {
    throw new CopyError(
      sourceVersion > newest
        ? `コピー元のスキーマ（版 ${sourceVersion}）はこの Tsumugi（版 ${newest}）より新しいため、新しい版でコピーしてください`
        : `コピー元のスキーマは版 ${sourceVersion}、この Tsumugi は版 ${newest} です。現在の版のサーバーを一度コピー元で起動して（移行されます）からコピーしてください`,
    );
  }
  await migrate(to);
  const targetTables = await to.read((q) => tables(q, to.dialect));
  const sourceTables = await from.read((q) => tables(q, from.dialect));
  for (const name of targetTables.keys()) {
    if (SKIPPED.has(name)) continue;
    const s = sourceTables.get(name);
    if (!s) throw new CopyError(`コピー元に表 ${name} がありません`);
    const missing = (targetTables.get(name) as TableInfo).columns.filter((c) => !s.columns.includes(c));
    if (missing.length > 0)
      throw new CopyError(`コピー元の表 ${name} に列 ${missing.join(", ")} がありません`);
  }
  for (const name of sourceTables.keys()) {
    if (!SKIPPED.has(name) && !targetTables.has(name))
      throw new CopyError(`コピー先に表 ${name} がありません（コピー元にはあります）`);
  }
  const order = writeOrder(targetTables).filter((t) => !SKIPPED.has(t.name));

  return from.read((src) =>
    to.transaction(async (tx) => {
      for (const t of order) {
        if ((await count(tx, t.name)) > 0) {
          throw new CopyError(
            `コピー先が空ではありません（表 ${t.name} に行があります）。新しい空のデータベースにコピーしてください`,
          );
        }
      }
      const report: CopyReport = { tables: [], documents: 0 };
      for (const t of order) {
        if (DOC_TABLES.has(t.name)) {
          if (t.name !== "doc_updates") continue;
          const docs = await copyDocuments(src, tx, to.dialect);
          report.tables.push({ table: "doc_updates", rows: docs.updates });
          report.tables.push({ table: "doc_snapshots", rows: docs.snapshots });
          report.documents = docs.documents;
          opts.progress?.("doc_updates", docs.updates);
          opts.progress?.("doc_snapshots", docs.snapshots);
          continue;
        }
        let rows = 0;
        if (t.selfReferences.length > 0) {
          const all: Row[] = [];
          for await (const page of pages(src, sourceTables.get(t.name) as TableInfo)) all.push(...page);
          await insertRows(tx, t.name, t.columns, parentsFirst(all, t.selfReferences));
          rows = all.length;
        } else {
          for await (const page of pages(src, sourceTables.get(t.name) as TableInfo)) {
            await insertRows(tx, t.name, t.columns, page);
            rows += page.length;
          }
        }
        report.tables.push({ table: t.name, rows });
        opts.progress?.(t.name, rows);
      }
      if (to.dialect === "postgres") await continueIdentities(tx);
      for (const { table, rows } of report.tables) {
        const [inSource, inTarget] = [await count(src, table), await count(tx, table)];
        if (inSource !== rows || inTarget !== rows) {
          throw new CopyError(
            `表 ${table} の行数が一致しません（コピー元 ${inSource} 行、コピー先 ${inTarget} 行、読み取り ${rows} 行）`,
          );
        }
      }
      return report;
    }),
  );
}

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
 */
import type { Database, Queryable, SqlValue } from "./database.js";
import { MIGRATIONS, migrate } from "./migrations.js";

type Row = Record<string, SqlValue>;

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

/** Rows per INSERT statement: under SQLite's and PostgreSQL's limits on parameters. */
function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(900 / columns));
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Tables this one refers to by foreign key (without itself). */
  parents: Set<string>;
  /** Its own columns referring to its own primary key (a tree: groups.parent_id → groups.id). */
  selfReferences: { column: string; references: string }[];
}

async function tables(q: Queryable, dialect: Database["dialect"]): Promise<Map<string, TableInfo>> {
  const out = new Map<string, TableInfo>();
  if (dialect === "sqlite") {
    const names = await q.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    for (const { name } of names) {
      const cols = await q.all<{ name: string; pk: number }>(
        "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid",
        [name],
      );
      const fks = await q.all<{ table: string; from: string; to: string | null }>(
        'SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)',
        [name],
      );
      out.set(name, {
        name,
        columns: cols.map((c) => c.name),
        primaryKey: cols
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        parents: new Set(fks.map((f) => f.table).filter((t) => t !== name)),
        selfReferences: fks
          .filter((f) => f.table === name)
          .map((f) => ({ column: f.from, references: f.to ?? "id" })),
      });
    }
    return out;
  }
  const names = await q.all<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  for (const { name } of names) {
    const cols = await q.all<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
      [name],
    );
    const pk = await q.all<{ name: string }>(
      `SELECT a.attname AS name
         FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass AND i.indisprimary
        ORDER BY array_position(i.indkey, a.attnum)`,
      [name],
    );
    const fks = await q.all<{ parent: string; from: string; to: string }>(
      `SELECT pc.relname AS parent, fa.attname AS "from", pa.attname AS "to"
         FROM pg_constraint c
         JOIN pg_class cc ON cc.oid = c.conrelid
         JOIN pg_class pc ON pc.oid = c.confrelid
         JOIN pg_attribute fa ON fa.attrelid = c.conrelid AND fa.attnum = c.conkey[1]
         JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND cc.relnamespace = current_schema()::regnamespace AND cc.relname = ?`,
      [name],
    );
    out.set(name, {
      name,
      columns: cols.map((c) => c.name),
      primaryKey: pk.map((c) => c.name),
      parents: new Set(fks.map((f) => f.parent).filter((t) => t !== name)),
      selfReferences: fks.filter((f) => f.parent === name).map((f) => ({ column: f.from, references: f.to })),
    });
  }
  return out;
}

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

async function count(q: Queryable, table: string): Promise<number> {
  const row = await q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quote(table)}`);
  return Number(row?.n ?? 0);
}

/** All rows of a table, in primary-key order, a page at a time. */
async function* pages(q: Queryable, t: TableInfo, size = 1_000): AsyncGenerator<Row[]> {
  const cols = t.columns.map(quote).join(", ");
  if (t.primaryKey.length === 0) {
    yield await q.all<Row>(`SELECT ${cols} FROM ${quote(t.name)}`);
    return;
  }
  const key = t.primaryKey.map(quote);
  const order = key.join(", ");
  let after: SqlValue[] | null = null;
  for (;;) {
    const where: string = after ? ` WHERE (${order}) > (${key.map(() => "?").join(", ")})` : "";
    const rows: Row[] = await q.all<Row>(
      `SELECT ${cols} FROM ${quote(t.name)}${where} ORDER BY ${order} LIMIT ${size}`,
      after ?? [],
    );
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = t.primaryKey.map((c) => last[c] as SqlValue);
  }
}

async function insertRows(tx: Queryable, table: string, columns: string[], rows: Row[]): Promise<void> {
  const per = rowsPerStatement(columns.length);
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: SqlValue[] = [];
    for (const r of chunk) for (const c of columns) params.push(r[c] ?? null);
    await tx.run(head + chunk.map(() => tuple).join(", "), params);
  }
}

/** Rows of a table that refers to itself, each after the row it refers to. */
function parentsFirst(rows: Row[], refs: TableInfo["selfReferences"]): Row[] {
  if (refs.length === 0) return rows;
  const out: Row[] = [];
  const placed = new Set<string>();
  const keyOf = (r: Row, col: string) => `${col}\u0000${String(r[col])}`;
  let pending = rows;
  while (pending.length > 0) {
    const next: Row[] = [];
    for (const r of pending) {
      const ready = refs.every(
        (ref) =>
          r[ref.column] == null || placed.has(keyOf({ [ref.references]: r[ref.column] }, ref.references)),
      );
      if (!ready) {
        next.push(r);
        continue;
      }
      out.push(r);
      for (const ref of refs) placed.add(keyOf(r, ref.references));
    }
    if (next.length === pending.length) {
      // The rest refer to rows that are not there (or to each other): the target's foreign
      // keys will say which.
      out.push(...next);
      break;
    }
    pending = next;
  }
  return out;
}

/**
 * The update log and snapshots, renumbered for the target. SQLite: one counter for all
 * documents, each document's ids shifted past the previous document's. PostgreSQL: each
 * document's rows numbered 1, 2, 3 … in their order; a snapshot keeps covering the rows it
 * covered (when it covered rows no longer in the log, it counts as one).
 */
async function copyDocuments(
  src: Queryable,
  tx: Queryable,
  target: Database["dialect"],
): Promise<{ updates: number; snapshots: number; documents: number }> {
  const snapshots = new Map<string, number>();
  for (const s of await src.all<{ doc_name: string; last_update_id: number }>(
    "SELECT doc_name, last_update_id FROM doc_snapshots",
  )) {
    snapshots.set(s.doc_name, Number(s.last_update_id));
  }
  const names = new Set(snapshots.keys());
  for (const r of await src.all<{ doc_name: string }>("SELECT DISTINCT doc_name FROM doc_updates")) {
    names.add(r.doc_name);
  }
  let counter = 0;
  let updates = 0;
  let snapshotCount = 0;
  for (const docName of [...names].sort()) {
    const rows = await src.all<{ id: number; data: Buffer; created_at: number }>(
      "SELECT id, data, created_at FROM doc_updates WHERE doc_name = ? ORDER BY id",
      [docName],
    );
    const covered = snapshots.get(docName);
    let mapped: { id: number; data: Buffer; created_at: number }[];
    let snapshotId: number | undefined;
    if (target === "sqlite") {
      const base = counter;
      mapped = rows.map((r) => ({ ...r, id: base + Number(r.id) }));
      if (covered !== undefined) snapshotId = base + covered;
      counter = Math.max(base, mapped.at(-1)?.id ?? base, snapshotId ?? base);
    } else {
      const coveredRows = covered === undefined ? 0 : rows.filter((r) => Number(r.id) <= covered).length;
      const shift = covered !== undefined && covered > 0 && coveredRows === 0 ? 1 : 0;
      mapped = rows.map((r, i) => ({ ...r, id: i + 1 + shift }));
      if (covered !== undefined) snapshotId = coveredRows + shift;
    }
    await insertRows(
      tx,
      "doc_updates",
      ["id", "doc_name", "data", "created_at"],
      mapped.map((r) => ({ id: r.id, doc_name: docName, data: r.data, created_at: r.created_at })),
    );
    updates += mapped.length;
    if (snapshotId !== undefined) {
      const snap = await src.get<{ data: Buffer; updated_at: number }>(
        "SELECT data, updated_at FROM doc_snapshots WHERE doc_name = ?",
        [docName],
      );
      if (snap) {
        await tx.run(
          "INSERT INTO doc_snapshots (doc_name, data, last_update_id, updated_at) VALUES (?, ?, ?, ?)",
          [docName, snap.data, snapshotId, snap.updated_at],
        );
        snapshotCount++;
      }
    }
  }
  if (target === "sqlite" && counter > 0) {
    // The next update after the copy gets an id past every copied one and past every
    // snapshot's (rows a snapshot covered may be gone from the log).
    await tx.run("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'doc_updates'", [counter]);
    await tx.run(
      "INSERT INTO sqlite_sequence (name, seq) SELECT 'doc_updates', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'doc_updates')",
      [counter],
    );
  }
  return { updates, snapshots: snapshotCount, documents: names.size };
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

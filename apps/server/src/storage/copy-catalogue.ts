/**
 * The copy's view of a store's tables, read from either engine's catalogue (SQLite's pragmas,
 * PostgreSQL's information_schema and pg_catalog): columns, primary key, foreign keys.
 */
import type { Database, Queryable } from "./database.js";

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Tables this one refers to by foreign key (without itself). */
  parents: Set<string>;
  /** Its own columns referring to its own primary key (a tree: groups.parent_id → groups.id). */
  selfReferences: { column: string; references: string }[];
}

export async function tables(q: Queryable, dialect: Database["dialect"]): Promise<Map<string, TableInfo>> {
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

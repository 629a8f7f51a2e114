/**
 * Reading and writing a table's rows for the copy: in primary-key order a page at a time,
 * several rows to an INSERT, and a tree's rows each after its parent.
 */
import type { TableInfo } from "./copy-catalogue.js";
import type { Queryable, SqlValue } from "./database.js";

export type Row = Record<string, SqlValue>;

/** Rows per INSERT statement: under SQLite's and PostgreSQL's limits on parameters. */
function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(900 / columns));
}

export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function count(q: Queryable, table: string): Promise<number> {
  const row = await q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quote(table)}`);
  return Number(row?.n ?? 0);
}

/** All rows of a table, in primary-key order, a page at a time. */
export async function* pages(q: Queryable, t: TableInfo, size = 1_000): AsyncGenerator<Row[]> {
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

export async function insertRows(
  tx: Queryable,
  table: string,
  columns: string[],
  rows: Row[],
): Promise<void> {
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
export function parentsFirst(rows: Row[], refs: TableInfo["selfReferences"]): Row[] {
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

/**
 * Appending to the update log (`doc_updates`), for UpdateStore.append.
 *
 * On SQLite (one process) ids come from one counter for all documents. On PostgreSQL
 * (several nodes) an update's id is its sequence within its document — 1, 2, 3 … in commit
 * order, without gaps — given under a per-document advisory lock held to the commit, so a
 * node that receives update n+2 of a document after n knows it missed one and reads it here.
 */
import { sql } from "kysely";
import { CompiledQueryCache, type QueryBuilder } from "../storage/query-builder.js";
import { heads } from "./update-log-reads.js";
import { bytes, DOC_LOCK_SPACE } from "./update-log-sql.js";

export interface PendingWrite {
  docName: string;
  update: Uint8Array;
}

const ROWS_PER_STATEMENT = 500;

/** SQLite: appends with multi-row INSERTs, compiled once per row count. */
export class SqliteAppend {
  /**
   * SQLite's append, compiled once per row count: building and compiling it for every batch
   * cost about a quarter of the append's own CPU time (docs/performance.md).
   */
  private readonly inserts: CompiledQueryCache<number>;

  constructor(private readonly q: QueryBuilder) {
    this.inserts = new CompiledQueryCache((rows, slot) =>
      this.q.insertInto("doc_updates").values(
        Array.from({ length: rows }, (_, i) => ({
          doc_name: slot(3 * i),
          data: slot(3 * i + 1),
          created_at: slot(3 * i + 2),
        })),
      ),
    );
  }

  /** One statement when the batch fits in one, else one transaction of several. */
  append(writes: readonly PendingWrite[], now: number): Promise<number[]> {
    return writes.length <= ROWS_PER_STATEMENT
      ? this.insertChunk(this.q, writes, now)
      : this.q.transaction().execute(async (trx) => {
          const all: number[] = [];
          for (let i = 0; i < writes.length; i += ROWS_PER_STATEMENT) {
            all.push(...(await this.insertChunk(trx, writes.slice(i, i + ROWS_PER_STATEMENT), now)));
          }
          return all;
        });
  }

  /**
   * SQLite: one multi-row INSERT. Rows of one INSERT get consecutive ids, and every write is
   * serialised by the Database's lock, so the ids are the last one and the ones before it.
   * Batches are mostly a few rows: their statements stay prepared (see StatementCache).
   */
  private async insertChunk(q: QueryBuilder, chunk: readonly PendingWrite[], now: number): Promise<number[]> {
    const values: unknown[] = [];
    for (const w of chunk) values.push(w.docName, bytes(w.update), now);
    const r = await q.executeQuery(this.inserts.bind(chunk.length, values));
    const last = Number(r.insertId);
    return chunk.map((_, i) => last - chunk.length + 1 + i);
  }
}

/**
 * PostgreSQL: appends in one transaction, each document's rows numbered after its last id.
 * The documents' locks are taken in one order (by key), so two nodes never wait on each other.
 */
export function appendSequenced(
  q: QueryBuilder,
  writes: readonly PendingWrite[],
  now: number,
): Promise<number[]> {
  const docs = [...new Set(writes.map((w) => w.docName))];
  return q.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${DOC_LOCK_SPACE}, k) FROM (
        SELECT DISTINCT hashtext(d) AS k FROM unnest(${docs}::text[]) AS d ORDER BY k
      ) keys`.execute(trx);
    // Read after the locks: every earlier append of these documents is committed.
    const last = await heads(trx, docs);
    const ids = writes.map((w) => {
      const id = (last.get(w.docName) ?? 0) + 1;
      last.set(w.docName, id);
      return id;
    });
    for (let i = 0; i < writes.length; i += ROWS_PER_STATEMENT) {
      await trx
        .insertInto("doc_updates")
        .values(
          writes.slice(i, i + ROWS_PER_STATEMENT).map((w, j) => ({
            id: ids[i + j],
            doc_name: w.docName,
            data: bytes(w.update),
            created_at: now,
          })),
        )
        .execute();
    }
    return ids;
  });
}

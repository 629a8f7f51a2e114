/**
 * Durable storage of Yjs documents in SQLite: an append-only log of updates per document
 * (`doc_updates`) folded from time to time into one snapshot (`doc_snapshots`).
 *
 * Compaction writes the snapshot and deletes exactly the log rows it covers (id ≤ the
 * last id folded in), so updates appended meanwhile are never lost.
 */
import type { Database, Queryable } from "../storage/database.js";
import type { QueryBuilder } from "../storage/query-builder.js";

/**
 * The first content of a new document nobody has opened yet (a template's text), stored as
 * the first row of its log, in the caller's transaction with the document's row. Anything
 * later goes through the collab server (`mutate`), which persists before it broadcasts.
 */
export async function storeInitialState(q: QueryBuilder, docName: string, update: Uint8Array): Promise<void> {
  await q
    .insertInto("doc_updates")
    .values({
      doc_name: docName,
      data: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
      created_at: Date.now(),
    })
    .execute();
}

export interface LoadedDocument {
  /** The snapshot (if any) followed by the log rows after it, in order. */
  parts: Uint8Array[];
  /** Highest log row id folded into `state` (0 when none). */
  lastUpdateId: number;
  /** Log rows and bytes not yet folded into the snapshot. */
  logCount: number;
  logBytes: number;
  /** Size of the snapshot (0 when none). */
  snapshotBytes: number;
}

export interface PendingWrite {
  docName: string;
  update: Uint8Array;
}

const ROWS_PER_STATEMENT = 500;
const TOUCH_INTERVAL_MS = 10_000;

export class UpdateStore {
  private readonly touched = new Map<string, number>();

  constructor(private readonly db: Database) {}

  async load(docName: string): Promise<LoadedDocument> {
    // One read: a compaction committing between the two statements would otherwise delete
    // log rows newer than the snapshot read before it.
    const { snapshot, rows } = await this.db.read(async (q) => {
      const snapshot = await q.get<{ data: Buffer; last_update_id: number }>(
        "SELECT data, last_update_id FROM doc_snapshots WHERE doc_name = ?",
        [docName],
      );
      const rows = await q.all<{ id: number; data: Buffer }>(
        "SELECT id, data FROM doc_updates WHERE doc_name = ? AND id > ? ORDER BY id",
        [docName, snapshot?.last_update_id ?? 0],
      );
      return { snapshot, rows };
    });
    const parts: Uint8Array[] = [];
    if (snapshot) parts.push(new Uint8Array(snapshot.data));
    let logBytes = 0;
    for (const r of rows) {
      parts.push(new Uint8Array(r.data));
      logBytes += r.data.byteLength;
    }
    return {
      parts,
      lastUpdateId: rows.at(-1)?.id ?? snapshot?.last_update_id ?? 0,
      logCount: rows.length,
      logBytes,
      snapshotBytes: snapshot?.data.byteLength ?? 0,
    };
  }

  /**
   * Appends a batch of updates (of any documents) and returns the row id given to each, in
   * order. One multi-row INSERT per chunk: a single statement is atomic and costs one trip
   * to SQLite's thread. When this resolves the updates are in the WAL and survive a killed
   * process.
   */
  async append(writes: readonly PendingWrite[]): Promise<number[]> {
    if (writes.length === 0) return [];
    const now = Date.now();
    const insertChunk = async (q: Queryable, chunk: readonly PendingWrite[]): Promise<number[]> => {
      const params: (string | number | Buffer)[] = [];
      for (const w of chunk) {
        params.push(w.docName, Buffer.from(w.update.buffer, w.update.byteOffset, w.update.byteLength), now);
      }
      // Batches are mostly a few rows: their statements stay prepared (see StatementCache).
      const sql = `INSERT INTO doc_updates (doc_name, data, created_at) VALUES ${chunk.map(() => "(?, ?, ?)").join(", ")}`;
      const r = await q.run(sql, params);
      // Rows of one INSERT get consecutive ids, and all writes are serialised by the lock.
      return chunk.map((_, i) => r.lastID - chunk.length + 1 + i);
    };
    const ids =
      writes.length <= ROWS_PER_STATEMENT
        ? await insertChunk(this.db, writes)
        : await this.db.transaction(async (tx) => {
            const all: number[] = [];
            for (let i = 0; i < writes.length; i += ROWS_PER_STATEMENT) {
              all.push(...(await insertChunk(tx, writes.slice(i, i + ROWS_PER_STATEMENT))));
            }
            return all;
          });
    this.touchDocuments(writes, now);
    return ids;
  }

  /** Keeps documents.updated_at roughly current without a write per batch. */
  private touchDocuments(writes: readonly PendingWrite[], now: number): void {
    for (const name of new Set(writes.map((w) => w.docName))) {
      if (now - (this.touched.get(name) ?? 0) < TOUCH_INTERVAL_MS) continue;
      this.touched.set(name, now);
      this.db.run("UPDATE documents SET updated_at = ? WHERE doc_name = ?", [now, name]).catch(() => {
        this.touched.delete(name);
      });
    }
  }

  /** Replaces the log rows up to `lastUpdateId` by `state`, the document as of that row. */
  async compact(docName: string, state: Uint8Array, lastUpdateId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO doc_snapshots (doc_name, data, last_update_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data,
           last_update_id = excluded.last_update_id, updated_at = excluded.updated_at
         WHERE excluded.last_update_id >= doc_snapshots.last_update_id`,
        [docName, Buffer.from(state.buffer, state.byteOffset, state.byteLength), lastUpdateId, Date.now()],
      );
      await tx.run("DELETE FROM doc_updates WHERE doc_name = ? AND id <= ?", [docName, lastUpdateId]);
    });
  }
}

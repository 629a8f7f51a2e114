/**
 * Durable storage of Yjs documents: an append-only log of updates per document
 * (`doc_updates`) folded from time to time into one snapshot (`doc_snapshots`).
 *
 * Compaction writes the snapshot and deletes exactly the log rows it covers (id ≤ the
 * last id folded in), so updates appended meanwhile are never lost.
 *
 * On SQLite (one process) ids come from one counter for all documents. On PostgreSQL
 * (several nodes) an update's id is its sequence within its document — 1, 2, 3 … in commit
 * order, without gaps — given under a per-document advisory lock held to the commit, so a
 * node that receives update n+2 of a document after n knows it missed one and reads it here.
 * The same lock orders compactions with appends, and a compaction another node already
 * made is not made again.
 *
 * New documents get their first content through `storeInitialState` (initial-state.ts).
 */
import type { Database, Queryable } from "../storage/database.js";
import { PostgresDatabase, queryable } from "../storage/postgres-database.js";

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

/** First key of the per-document advisory locks (the second is hashtext(doc_name)). */
const DOC_LOCK_SPACE = 0x7473;

/** What a reader that has applied a document up to some id is missing. */
export interface Missing {
  /** The snapshot, when it covers ids the reader has not seen (the log rows are gone). */
  snapshot: { data: Uint8Array; lastUpdateId: number } | null;
  /** Log rows after the reader's id (and after the snapshot), in order. */
  rows: { id: number; data: Uint8Array }[];
}

/**
 * What a compaction did: written, or skipped (the snapshot already covers `upTo`, or another
 * node's snapshot left too little to fold), and the log rows up to `upTo` it left.
 */
export interface Compaction {
  written: boolean;
  snapshotBytes: number;
  keptRows: number;
  keptBytes: number;
}

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
    if (this.db instanceof PostgresDatabase) {
      const now = Date.now();
      const ids = await appendSequenced(this.db, writes, now);
      this.touchDocuments(writes, now);
      return ids;
    }
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

  /**
   * Replaces the log rows up to `lastUpdateId` by `state`, the document as of that row (or
   * later: rows after it stay and apply again harmlessly). Skipped when the stored snapshot
   * already reaches that row, and — with `worth` — when fewer rows and bytes than that are
   * left to fold (several nodes reached the threshold together and one already compacted).
   * The answer's `kept…` are the rows up to `lastUpdateId` left in the log: the caller's count.
   */
  async compact(
    docName: string,
    state: Uint8Array,
    lastUpdateId: number,
    worth: { rows: number; bytes: number } | null = null,
  ): Promise<Compaction> {
    const write = async (tx: Queryable): Promise<Compaction> => {
      const current = await tx.get<{ last_update_id: number; bytes: number }>(
        "SELECT last_update_id, LENGTH(data) AS bytes FROM doc_snapshots WHERE doc_name = ?",
        [docName],
      );
      if (current && current.last_update_id >= lastUpdateId) {
        return { written: false, snapshotBytes: current.bytes, keptRows: 0, keptBytes: 0 };
      }
      const log = await tx.get<{ n: number; bytes: number }>(
        "SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM doc_updates WHERE doc_name = ? AND id <= ?",
        [docName, lastUpdateId],
      );
      const rows = Number(log?.n ?? 0);
      const bytes = Number(log?.bytes ?? 0);
      if (rows === 0 || (worth && rows < worth.rows && bytes < worth.bytes)) {
        return { written: false, snapshotBytes: current?.bytes ?? 0, keptRows: rows, keptBytes: bytes };
      }
      await tx.run(
        `INSERT INTO doc_snapshots (doc_name, data, last_update_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data,
           last_update_id = excluded.last_update_id, updated_at = excluded.updated_at
         WHERE excluded.last_update_id >= doc_snapshots.last_update_id`,
        [docName, Buffer.from(state.buffer, state.byteOffset, state.byteLength), lastUpdateId, Date.now()],
      );
      await tx.run("DELETE FROM doc_updates WHERE doc_name = ? AND id <= ?", [docName, lastUpdateId]);
      return { written: true, snapshotBytes: state.byteLength, keptRows: 0, keptBytes: 0 };
    };
    if (this.db instanceof PostgresDatabase) {
      return this.db.withClient("BEGIN", async (client) => {
        await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [DOC_LOCK_SPACE, docName]);
        return write(queryable(client));
      });
    }
    return this.db.transaction(write);
  }

  /**
   * What a reader that applied `docName` up to `afterId` has not seen: the log rows after it,
   * or the snapshot and the rows after that when a compaction folded rows it missed.
   */
  async readAfter(docName: string, afterId: number): Promise<Missing> {
    return this.db.read(async (q) => {
      const snap = await q.get<{ data: Buffer; last_update_id: number }>(
        "SELECT data, last_update_id FROM doc_snapshots WHERE doc_name = ? AND last_update_id > ?",
        [docName, afterId],
      );
      const from = snap ? Math.max(afterId, snap.last_update_id) : afterId;
      const rows = await q.all<{ id: number; data: Buffer }>(
        "SELECT id, data FROM doc_updates WHERE doc_name = ? AND id > ? ORDER BY id",
        [docName, from],
      );
      return {
        snapshot: snap ? { data: new Uint8Array(snap.data), lastUpdateId: snap.last_update_id } : null,
        rows: rows.map((r) => ({ id: r.id, data: new Uint8Array(r.data) })),
      };
    });
  }

  /** The last stored id of each document (0 when it has none). */
  async heads(docNames: readonly string[]): Promise<Map<string, number>> {
    const heads = new Map<string, number>(docNames.map((d) => [d, 0]));
    if (docNames.length === 0) return heads;
    const list = docNames.map(() => "?").join(", ");
    const rows = await this.db.all<{ doc_name: string; last: number }>(
      `SELECT doc_name, MAX(last) AS last FROM (
         SELECT doc_name, MAX(id) AS last FROM doc_updates WHERE doc_name IN (${list}) GROUP BY doc_name
         UNION ALL
         SELECT doc_name, last_update_id AS last FROM doc_snapshots WHERE doc_name IN (${list})
       ) h GROUP BY doc_name`,
      [...docNames, ...docNames],
    );
    for (const r of rows) heads.set(r.doc_name, r.last);
    return heads;
  }
}

/**
 * PostgreSQL: appends in one transaction, each document's rows numbered after its last id.
 * The documents' locks are taken in one order (by key), so two nodes never wait on each other.
 */
async function appendSequenced(
  db: PostgresDatabase,
  writes: readonly PendingWrite[],
  now: number,
): Promise<number[]> {
  const docs = [...new Set(writes.map((w) => w.docName))];
  return db.withClient("BEGIN", async (client) => {
    await client.query(
      `SELECT pg_advisory_xact_lock($1, k) FROM (
         SELECT DISTINCT hashtext(d) AS k FROM unnest($2::text[]) AS d ORDER BY k
       ) keys`,
      [DOC_LOCK_SPACE, docs],
    );
    // Read after the locks: every earlier append of these documents is committed.
    const { rows } = await client.query<{ doc_name: string; last: number }>(
      `SELECT d.doc_name, GREATEST(
         COALESCE((SELECT MAX(u.id) FROM doc_updates u WHERE u.doc_name = d.doc_name), 0),
         COALESCE((SELECT s.last_update_id FROM doc_snapshots s WHERE s.doc_name = d.doc_name), 0)
       ) AS last
       FROM unnest($1::text[]) AS d(doc_name)`,
      [docs],
    );
    const last = new Map(rows.map((r) => [r.doc_name, Number(r.last)]));
    const ids = writes.map((w) => {
      const id = (last.get(w.docName) ?? 0) + 1;
      last.set(w.docName, id);
      return id;
    });
    await client.query(
      `INSERT INTO doc_updates (id, doc_name, data, created_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::bigint[])`,
      [
        ids,
        writes.map((w) => w.docName),
        writes.map((w) => Buffer.from(w.update.buffer, w.update.byteOffset, w.update.byteLength)),
        writes.map(() => now),
      ],
    );
    return ids;
  });
}

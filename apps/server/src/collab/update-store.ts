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
 *
 * The statements are Kysely's (storage/query-builder.ts), compiled for the store's engine. On
 * PostgreSQL its transactions here skip the cluster-wide write lock: the per-document lock
 * orders the log's writes instead.
 */
import { sql } from "kysely";
import { touchDocument } from "../documents/document-repository.js";
import type { Database } from "../storage/database.js";
import { CompiledQueryCache, createQueryBuilder, type QueryBuilder } from "../storage/query-builder.js";

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

/** An update's bytes as the drivers bind them (a view on the same memory). */
const bytes = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export class UpdateStore {
  private readonly touched = new Map<string, number>();
  private readonly q: QueryBuilder;
  private readonly postgres: boolean;
  /**
   * SQLite's append, compiled once per row count: building and compiling it for every batch
   * cost about a quarter of the append's own CPU time (docs/performance.md).
   */
  private readonly inserts: CompiledQueryCache<number>;

  constructor(db: Database) {
    this.q = createQueryBuilder(db, { clusterWriteLock: false });
    this.postgres = db.dialect === "postgres";
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

  async load(docName: string): Promise<LoadedDocument> {
    // One read (see readAfter): a compaction committing between the snapshot's read and the
    // log's would otherwise delete log rows newer than the snapshot read before it. After -1,
    // below every id: the snapshot whatever it covers, and the log after it.
    const { snapshot, rows } = await this.readAfter(docName, -1);
    const parts: Uint8Array[] = [];
    if (snapshot) parts.push(snapshot.data);
    let logBytes = 0;
    for (const r of rows) {
      parts.push(r.data);
      logBytes += r.data.byteLength;
    }
    return {
      parts,
      lastUpdateId: rows.at(-1)?.id ?? snapshot?.lastUpdateId ?? 0,
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
    const ids = this.postgres
      ? await appendSequenced(this.q, writes, now)
      : writes.length <= ROWS_PER_STATEMENT
        ? await this.insertChunk(this.q, writes, now)
        : await this.q.transaction().execute(async (trx) => {
            const all: number[] = [];
            for (let i = 0; i < writes.length; i += ROWS_PER_STATEMENT) {
              all.push(...(await this.insertChunk(trx, writes.slice(i, i + ROWS_PER_STATEMENT), now)));
            }
            return all;
          });
    this.touchDocuments(writes, now);
    return ids;
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

  /** Keeps documents.updated_at roughly current without a write per batch. */
  private touchDocuments(writes: readonly PendingWrite[], now: number): void {
    for (const name of new Set(writes.map((w) => w.docName))) {
      if (now - (this.touched.get(name) ?? 0) < TOUCH_INTERVAL_MS) continue;
      this.touched.set(name, now);
      touchDocument(this.q, name, now).catch(() => {
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
    return this.q.transaction().execute(async (trx) => {
      if (this.postgres) {
        await sql`SELECT pg_advisory_xact_lock(${DOC_LOCK_SPACE}, hashtext(${docName}))`.execute(trx);
      }
      const current = await trx
        .selectFrom("doc_snapshots")
        .select((eb) => ["last_update_id", eb.fn<number>("length", ["data"]).as("bytes")])
        .where("doc_name", "=", docName)
        .executeTakeFirst();
      if (current && current.last_update_id >= lastUpdateId) {
        return { written: false, snapshotBytes: current.bytes, keptRows: 0, keptBytes: 0 };
      }
      const log = await trx
        .selectFrom("doc_updates")
        .select((eb) => [
          eb.fn.countAll<number>().as("n"),
          eb.fn.coalesce(eb.fn.sum<number>(eb.fn("length", ["data"])), sql.lit(0)).as("bytes"),
        ])
        .where("doc_name", "=", docName)
        .where("id", "<=", lastUpdateId)
        .executeTakeFirst();
      const rows = Number(log?.n ?? 0);
      const logBytes = Number(log?.bytes ?? 0);
      if (rows === 0 || (worth && rows < worth.rows && logBytes < worth.bytes)) {
        return { written: false, snapshotBytes: current?.bytes ?? 0, keptRows: rows, keptBytes: logBytes };
      }
      await trx
        .insertInto("doc_snapshots")
        .values({
          doc_name: docName,
          data: bytes(state),
          last_update_id: lastUpdateId,
          updated_at: Date.now(),
        })
        .onConflict((oc) =>
          oc
            .column("doc_name")
            .doUpdateSet((eb) => ({
              data: eb.ref("excluded.data"),
              last_update_id: eb.ref("excluded.last_update_id"),
              updated_at: eb.ref("excluded.updated_at"),
            }))
            .where("excluded.last_update_id", ">=", (eb) => eb.ref("doc_snapshots.last_update_id")),
        )
        .execute();
      await trx
        .deleteFrom("doc_updates")
        .where("doc_name", "=", docName)
        .where("id", "<=", lastUpdateId)
        .execute();
      return { written: true, snapshotBytes: state.byteLength, keptRows: 0, keptBytes: 0 };
    });
  }

  /**
   * What a reader that applied `docName` up to `afterId` has not seen: the log rows after it,
   * or the snapshot and the rows after that when a compaction folded rows it missed. Both in
   * one read transaction, so they agree.
   */
  async readAfter(docName: string, afterId: number): Promise<Missing> {
    return this.q
      .transaction()
      .setAccessMode("read only")
      .execute(async (trx) => {
        const snap = await trx
          .selectFrom("doc_snapshots")
          .select(["data", "last_update_id"])
          .where("doc_name", "=", docName)
          .where("last_update_id", ">", afterId)
          .executeTakeFirst();
        const from = snap ? Math.max(afterId, snap.last_update_id) : afterId;
        const rows = await trx
          .selectFrom("doc_updates")
          .select(["id", "data"])
          .where("doc_name", "=", docName)
          .where("id", ">", from)
          .orderBy("id")
          .execute();
        return {
          snapshot: snap ? { data: new Uint8Array(snap.data), lastUpdateId: snap.last_update_id } : null,
          rows: rows.map((r) => ({ id: r.id, data: new Uint8Array(r.data) })),
        };
      });
  }

  /** The last stored id of each document (0 when it has none). */
  heads(docNames: readonly string[]): Promise<Map<string, number>> {
    return heads(this.q, docNames);
  }

  /**
   * Documents whose log not yet folded into a snapshot holds at least `rows` rows or `bytes`
   * bytes (startup compaction).
   */
  async longLogs(rows: number, logBytes: number): Promise<string[]> {
    const long = await this.q
      .selectFrom("doc_updates as u")
      .leftJoin("doc_snapshots as s", "s.doc_name", "u.doc_name")
      .select("u.doc_name")
      .where((eb) => eb("u.id", ">", eb.fn.coalesce("s.last_update_id", sql.lit(0))))
      .groupBy("u.doc_name")
      .having((eb) =>
        eb.or([eb(eb.fn.countAll(), ">=", rows), eb(eb.fn.sum(eb.fn("length", ["u.data"])), ">=", logBytes)]),
      )
      .execute();
    return long.map((r) => r.doc_name);
  }
}

async function heads(q: QueryBuilder, docNames: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>(docNames.map((d) => [d, 0]));
  if (docNames.length === 0) return found;
  const rows = await q
    .selectFrom((sub) =>
      sub
        .selectFrom("doc_updates")
        .select((eb) => ["doc_name", eb.fn.max("id").as("last")])
        .where("doc_name", "in", docNames)
        .groupBy("doc_name")
        .unionAll(
          sub
            .selectFrom("doc_snapshots")
            .select(["doc_name", "last_update_id as last"])
            .where("doc_name", "in", docNames),
        )
        .as("h"),
    )
    .select((eb) => ["h.doc_name", eb.fn.max("h.last").as("last")])
    .groupBy("h.doc_name")
    .execute();
  for (const r of rows) found.set(r.doc_name, Number(r.last));
  return found;
}

/**
 * PostgreSQL: appends in one transaction, each document's rows numbered after its last id.
 * The documents' locks are taken in one order (by key), so two nodes never wait on each other.
 */
function appendSequenced(q: QueryBuilder, writes: readonly PendingWrite[], now: number): Promise<number[]> {
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

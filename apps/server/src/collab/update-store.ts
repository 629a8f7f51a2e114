/**
 * Durable storage of Yjs documents: an append-only log of updates per document
 * (`doc_updates`) folded from time to time into one snapshot (`doc_snapshots`). One concern a
 * file: appending (update-log-append.ts: ids on SQLite and PostgreSQL), folding the log into
 * the snapshot (update-log-compaction.ts) and reading them (update-log-reads.ts).
 *
 * New documents get their first content through `storeInitialState` (initial-state.ts).
 *
 * The statements are Kysely's (storage/query-builder.ts), compiled for the store's engine. On
 * PostgreSQL its transactions here skip the cluster-wide write lock: the per-document lock
 * orders the log's writes instead.
 */
import { touchDocument } from "../documents/document-repository.js";
import type { Database } from "../storage/database.js";
import { createQueryBuilder, type QueryBuilder } from "../storage/query-builder.js";
import { appendSequenced, type PendingWrite, SqliteAppend } from "./update-log-append.js";
import { type Compaction, compactLog, longLogs } from "./update-log-compaction.js";
import { heads, type LoadedDocument, loadDocument, type Missing, readAfter } from "./update-log-reads.js";

export type { Compaction, LoadedDocument, Missing, PendingWrite };

const TOUCH_INTERVAL_MS = 10_000;

export class UpdateStore {
  private readonly touched = new Map<string, number>();
  private readonly q: QueryBuilder;
  private readonly postgres: boolean;
  private readonly sqliteAppend: SqliteAppend;

  constructor(db: Database) {
    this.q = createQueryBuilder(db, { clusterWriteLock: false });
    this.postgres = db.dialect === "postgres";
    this.sqliteAppend = new SqliteAppend(this.q);
  }

  load(docName: string): Promise<LoadedDocument> {
    return loadDocument(this.q, docName);
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
      : await this.sqliteAppend.append(writes, now);
    this.touchDocuments(writes, now);
    return ids;
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
  compact(
    docName: string,
    state: Uint8Array,
    lastUpdateId: number,
    worth: { rows: number; bytes: number } | null = null,
  ): Promise<Compaction> {
    return compactLog(this.q, this.postgres, docName, state, lastUpdateId, worth);
  }

  /**
   * What a reader that applied `docName` up to `afterId` has not seen: the log rows after it,
   * or the snapshot and the rows after that when a compaction folded rows it missed. Both in
   * one read transaction, so they agree.
   */
  readAfter(docName: string, afterId: number): Promise<Missing> {
    return readAfter(this.q, docName, afterId);
  }

  /** The last stored id of each document (0 when it has none). */
  heads(docNames: readonly string[]): Promise<Map<string, number>> {
    return heads(this.q, docNames);
  }

  /**
   * Documents whose log not yet folded into a snapshot holds at least `rows` rows or `bytes`
   * bytes (startup compaction).
   */
  longLogs(rows: number, logBytes: number): Promise<string[]> {
    return longLogs(this.q, rows, logBytes);
  }
}

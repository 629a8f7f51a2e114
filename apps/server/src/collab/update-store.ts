/**
 * Durable storage of Yjs documents in SQLite: an append-only log of updates per document
 * (`doc_updates`) folded from time to time into one snapshot (`doc_snapshots`).
 *
 * Compaction writes the snapshot and deletes exactly the log rows it covers (id ≤ the
 * last id folded in), so updates appended meanwhile are never lost.
 */
import * as Y from "yjs";
import type { Database, Queryable } from "../storage/database.js";

export interface LoadedDocument {
  /** The whole document as one update (snapshot merged with the log), or null when empty. */
  state: Uint8Array | null;
  /** Highest log row id folded into `state` (0 when none). */
  lastUpdateId: number;
  /** Log rows and bytes not yet folded into the snapshot. */
  logCount: number;
  logBytes: number;
}

export interface PendingWrite {
  docName: string;
  update: Uint8Array;
}

export class UpdateStore {
  constructor(private readonly db: Database) {}

  async load(docName: string): Promise<LoadedDocument> {
    const snapshot = await this.db.get<{ data: Buffer; last_update_id: number }>(
      "SELECT data, last_update_id FROM doc_snapshots WHERE doc_name = ?",
      [docName],
    );
    const rows = await this.db.all<{ id: number; data: Buffer }>(
      "SELECT id, data FROM doc_updates WHERE doc_name = ? AND id > ? ORDER BY id",
      [docName, snapshot?.last_update_id ?? 0],
    );
    const parts: Uint8Array[] = [];
    if (snapshot) parts.push(new Uint8Array(snapshot.data));
    let logBytes = 0;
    for (const r of rows) {
      parts.push(new Uint8Array(r.data));
      logBytes += r.data.byteLength;
    }
    return {
      state: parts.length === 0 ? null : parts.length === 1 ? parts[0] : mergeTolerant(parts),
      lastUpdateId: rows.at(-1)?.id ?? snapshot?.last_update_id ?? 0,
      logCount: rows.length,
      logBytes,
    };
  }

  /**
   * Appends a batch of updates (of any documents) in one transaction and returns the row
   * id given to each, in order. When this resolves the updates are in the WAL and survive
   * a killed process.
   */
  async append(writes: readonly PendingWrite[]): Promise<number[]> {
    if (writes.length === 0) return [];
    const now = Date.now();
    return this.db.transaction(async (tx) => {
      const ids: number[] = [];
      for (const w of writes) {
        const r = await tx.run("INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, ?, ?)", [
          w.docName,
          Buffer.from(w.update.buffer, w.update.byteOffset, w.update.byteLength),
          now,
        ]);
        ids.push(r.lastID);
      }
      await touchDocuments(tx, new Set(writes.map((w) => w.docName)), now);
      return ids;
    });
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

async function touchDocuments(tx: Queryable, docNames: Set<string>, now: number): Promise<void> {
  for (const name of docNames) {
    await tx.run("UPDATE documents SET updated_at = ? WHERE doc_name = ?", [now, name]);
  }
}

/**
 * Merges stored updates into one. `Y.mergeUpdates` is fast but rejects the whole set when
 * one row is damaged; then the rows are applied one by one and a damaged row is skipped,
 * so one bad row cannot make a document unreadable.
 */
function mergeTolerant(parts: Uint8Array[]): Uint8Array {
  try {
    return Y.mergeUpdates(parts);
  } catch {
    const doc = new Y.Doc({ gc: true });
    for (const p of parts) {
      try {
        Y.applyUpdate(doc, p);
      } catch {
        // skipped: damaged row
      }
    }
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }
}

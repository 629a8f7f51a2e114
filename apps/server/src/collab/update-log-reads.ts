/** Reading the update log and its snapshot (`doc_updates`, `doc_snapshots`), for UpdateStore. */
import type { QueryBuilder } from "../storage/query-builder.js";

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

/** What a reader that has applied a document up to some id is missing. */
export interface Missing {
  /** The snapshot, when it covers ids the reader has not seen (the log rows are gone). */
  snapshot: { data: Uint8Array; lastUpdateId: number } | null;
  /** Log rows after the reader's id (and after the snapshot), in order. */
  rows: { id: number; data: Uint8Array }[];
}

export async function loadDocument(q: QueryBuilder, docName: string): Promise<LoadedDocument> {
  // One read (see readAfter): a compaction committing between the snapshot's read and the
  // log's would otherwise delete log rows newer than the snapshot read before it. After -1,
  // below every id: the snapshot whatever it covers, and the log after it.
  const { snapshot, rows } = await readAfter(q, docName, -1);
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
 * What a reader that applied `docName` up to `afterId` has not seen: the log rows after it,
 * or the snapshot and the rows after that when a compaction folded rows it missed. Both in
 * one read transaction, so they agree.
 */
export async function readAfter(q: QueryBuilder, docName: string, afterId: number): Promise<Missing> {
  return q
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
export async function heads(q: QueryBuilder, docNames: readonly string[]): Promise<Map<string, number>> {
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

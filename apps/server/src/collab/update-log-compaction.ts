/**
 * Folding the update log into the document's snapshot, for UpdateStore.compact.
 *
 * Compaction writes the snapshot and deletes exactly the log rows it covers (id ≤ the
 * last id folded in), so updates appended meanwhile are never lost. On PostgreSQL the
 * per-document lock of the appends (update-log-append.ts) orders compactions with them, and
 * a compaction another node already made is not made again.
 */
import { sql } from "kysely";
import type { QueryBuilder } from "../storage/query-builder.js";
import { bytes, DOC_LOCK_SPACE } from "./update-log-sql.js";

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

/** See UpdateStore.compact. */
export function compactLog(
  q: QueryBuilder,
  postgres: boolean,
  docName: string,
  state: Uint8Array,
  lastUpdateId: number,
  worth: { rows: number; bytes: number } | null,
): Promise<Compaction> {
  return q.transaction().execute(async (trx) => {
    if (postgres) {
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
 * Documents whose log not yet folded into a snapshot holds at least `rows` rows or `bytes`
 * bytes (startup compaction).
 */
export async function longLogs(q: QueryBuilder, rows: number, logBytes: number): Promise<string[]> {
  const long = await q
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

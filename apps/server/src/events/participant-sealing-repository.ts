/**
 * SQL on `event_participants` over the sealed personal fields as a whole: the keys they are
 * sealed with (start-up and the keys command), re-sealing with the current key, and erasure
 * after the retention period (event-jobs.ts).
 */
import type { QueryBuilder } from "../storage/query-builder.js";

/** Every sealed row's key id (start-up checks that each key is held). */
export async function participantKeyIds(q: QueryBuilder): Promise<string[]> {
  const rows = await q
    .selectFrom("event_participants")
    .select("personal_key_id")
    .distinct()
    .where("personal_key_id", "is not", null)
    .execute();
  return rows.map((r) => r.personal_key_id as string);
}

/**
 * Erases the personal fields of participants of events that started before `beforeDate`
 * (local date, "2021-04-01"): counts by profession and organisation stay. Answers the events
 * touched and how many rows.
 */
export async function eraseParticipantsBefore(
  q: QueryBuilder,
  beforeDate: string,
  at: number,
): Promise<{ eventId: string; workspaceId: string; rows: number }[]> {
  const due = await q
    .selectFrom("event_participants as p")
    .innerJoin("events as e", "e.id", "p.event_id")
    .select(["p.event_id", "e.workspace_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("e.starts_at", "<", beforeDate)
    .where("p.personal", "is not", null)
    .groupBy(["p.event_id", "e.workspace_id"])
    .execute();
  if (due.length === 0) return [];
  await q
    .updateTable("event_participants")
    .set({ personal: null, personal_key_id: null, dedupe_hash: null, token_hash: null, erased_at: at })
    .where(
      "event_id",
      "in",
      due.map((d) => d.event_id),
    )
    .where("personal", "is not", null)
    .execute();
  return due.map((d) => ({ eventId: d.event_id, workspaceId: d.workspace_id, rows: Number(d.n) }));
}

/** Rows sealed with another key than `currentKeyId`, a batch at a time (re-encryption). */
export async function participantsSealedWithOtherKeys(
  q: QueryBuilder,
  currentKeyId: string,
  limit: number,
): Promise<{ id: string; eventId: string; personal: string; dedupeHash: string | null }[]> {
  const rows = await q
    .selectFrom("event_participants")
    .select(["id", "event_id", "personal", "dedupe_hash"])
    .where("personal_key_id", "is not", null)
    .where("personal_key_id", "!=", currentKeyId)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    personal: r.personal as string,
    dedupeHash: r.dedupe_hash,
  }));
}

/**
 * Stores a row sealed again with the current key (and its duplicate hash under that key),
 * unless the row changed meanwhile (cancelled, erased): answers whether it was written.
 */
export async function resealParticipant(
  q: QueryBuilder,
  id: string,
  expected: string,
  sealed: { text: string; keyId: string },
  dedupeHash: string | null,
): Promise<boolean> {
  const r = await q
    .updateTable("event_participants")
    .set({ personal: sealed.text, personal_key_id: sealed.keyId, dedupe_hash: dedupeHash })
    .where("id", "=", id)
    .where("personal", "=", expected)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

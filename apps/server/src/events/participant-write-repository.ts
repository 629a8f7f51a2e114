/**
 * SQL on `event_participants`, changing: a registration or walk-in inserted (personal fields
 * sealed by the caller), its status, its cancellation, check-in, and a walk-in removed.
 */
import type { ParticipantStatus } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { ParticipantRecord } from "./participant-repository.js";

export async function insertParticipant(q: QueryBuilder, p: ParticipantRecord): Promise<void> {
  await q
    .insertInto("event_participants")
    .values({
      id: p.id,
      event_id: p.eventId,
      walk_in: p.walkIn ? 1 : 0,
      status: p.status,
      profession: p.profession,
      organisation: p.organisation,
      headcount: p.headcount,
      share_with_cohosts: p.shareWithCohosts ? 1 : 0,
      personal: p.personal,
      personal_key_id: p.personalKeyId,
      dedupe_hash: p.dedupeHash,
      check_in_code: p.checkInCode,
      token_hash: p.tokenHash,
      checked_in_at: p.checkedInAt,
      checked_in_by: p.checkedInBy,
      created_at: p.createdAt,
      cancelled_at: p.cancelledAt,
      erased_at: p.erasedAt,
    })
    .execute();
}

export async function setStatus(
  q: QueryBuilder,
  participantId: string,
  status: ParticipantStatus,
): Promise<void> {
  await q.updateTable("event_participants").set({ status }).where("id", "=", participantId).execute();
}

/** Cancels a registration: the person may register again (the duplicate hash is released). */
export async function cancelParticipant(q: QueryBuilder, participantId: string, at: number): Promise<void> {
  await q
    .updateTable("event_participants")
    .set({
      status: "cancelled",
      cancelled_at: at,
      dedupe_hash: null,
      checked_in_at: null,
      checked_in_by: null,
    })
    .where("id", "=", participantId)
    .execute();
}

export async function setCheckedIn(
  q: QueryBuilder,
  participantId: string,
  at: number | null,
  by: string | null,
): Promise<void> {
  await q
    .updateTable("event_participants")
    .set({ checked_in_at: at, checked_in_by: by })
    .where("id", "=", participantId)
    .execute();
}

export async function deleteWalkIn(
  q: QueryBuilder,
  eventId: string,
  participantId: string,
): Promise<boolean> {
  const r = await q
    .deleteFrom("event_participants")
    .where("event_id", "=", eventId)
    .where("id", "=", participantId)
    .where("walk_in", "=", 1)
    .executeTakeFirst();
  return r.numDeletedRows === 1n;
}

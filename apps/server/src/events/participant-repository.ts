/**
 * SQL on `event_participants`, reading: the row as a record, the list, the counts' facts, the
 * lookups by id, check-in code, token and duplicate hash, and the waiting list. Changes are in
 * participant-write-repository.ts, the sealed fields as a whole (keys, re-sealing, erasure) in
 * participant-sealing-repository.ts.
 */
import type { ParticipantStatus, Profession } from "@tsumugi/domain";
import type { Selectable } from "kysely";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { EventParticipantsTable } from "../storage/schema.js";

export interface ParticipantRecord {
  id: string;
  eventId: string;
  walkIn: boolean;
  status: ParticipantStatus;
  profession: Profession;
  organisation: string;
  headcount: number;
  shareWithCohosts: boolean;
  /** Sealed name, contact and note; null for an anonymous walk-in or once erased. */
  personal: string | null;
  personalKeyId: string | null;
  dedupeHash: string | null;
  checkInCode: string | null;
  tokenHash: string | null;
  checkedInAt: number | null;
  checkedInBy: string | null;
  createdAt: number;
  cancelledAt: number | null;
  erasedAt: number | null;
}

const COLUMNS = [
  "id",
  "event_id",
  "walk_in",
  "status",
  "profession",
  "organisation",
  "headcount",
  "share_with_cohosts",
  "personal",
  "personal_key_id",
  "dedupe_hash",
  "check_in_code",
  "token_hash",
  "checked_in_at",
  "checked_in_by",
  "created_at",
  "cancelled_at",
  "erased_at",
] as const;

type Row = Selectable<EventParticipantsTable>;

function toRecord(r: Row): ParticipantRecord {
  return {
    id: r.id,
    eventId: r.event_id,
    walkIn: r.walk_in === 1,
    status: r.status as ParticipantStatus,
    profession: r.profession as Profession,
    organisation: r.organisation,
    headcount: r.headcount,
    shareWithCohosts: r.share_with_cohosts === 1,
    personal: r.personal,
    personalKeyId: r.personal_key_id,
    dedupeHash: r.dedupe_hash,
    checkInCode: r.check_in_code,
    tokenHash: r.token_hash,
    checkedInAt: r.checked_in_at,
    checkedInBy: r.checked_in_by,
    createdAt: r.created_at,
    cancelledAt: r.cancelled_at,
    erasedAt: r.erased_at,
  };
}

/** The event's participants in order of registration. */
export async function listParticipants(q: QueryBuilder, eventId: string): Promise<ParticipantRecord[]> {
  const rows = await q
    .selectFrom("event_participants")
    .select(COLUMNS)
    .where("event_id", "=", eventId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toRecord);
}

/** What the counts need of a participant: no personal fields. */
export type ParticipantFacts = Pick<
  ParticipantRecord,
  "eventId" | "walkIn" | "status" | "profession" | "organisation" | "headcount"
> & { checkedIn: boolean };

/** Participants of several events (counts of a 年度 or series; no personal fields). */
export async function participantFactsOf(
  q: QueryBuilder,
  eventIds: readonly string[],
): Promise<ParticipantFacts[]> {
  if (eventIds.length === 0) return [];
  const rows = await q
    .selectFrom("event_participants")
    .select(["event_id", "walk_in", "status", "profession", "organisation", "headcount", "checked_in_at"])
    .where("event_id", "in", eventIds)
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    walkIn: r.walk_in === 1,
    status: r.status as ParticipantStatus,
    profession: r.profession as Profession,
    organisation: r.organisation,
    headcount: r.headcount,
    checkedIn: r.checked_in_at !== null,
  }));
}

/** The one participant row matching every column given (unique lookups only). */
async function findOneBy(
  q: QueryBuilder,
  by: { event_id?: string; id?: string; check_in_code?: string; token_hash?: string },
): Promise<ParticipantRecord | undefined> {
  let query = q.selectFrom("event_participants").select(COLUMNS);
  for (const [column, value] of Object.entries(by) as [keyof typeof by, string][]) {
    query = query.where(column, "=", value);
  }
  const r = await query.executeTakeFirst();
  return r && toRecord(r);
}

export function findParticipant(
  q: QueryBuilder,
  eventId: string,
  participantId: string,
): Promise<ParticipantRecord | undefined> {
  return findOneBy(q, { event_id: eventId, id: participantId });
}

export function findByCheckInCode(
  q: QueryBuilder,
  eventId: string,
  code: string,
): Promise<ParticipantRecord | undefined> {
  return findOneBy(q, { event_id: eventId, check_in_code: code });
}

export function findByTokenHash(q: QueryBuilder, tokenHash: string): Promise<ParticipantRecord | undefined> {
  return findOneBy(q, { token_hash: tokenHash });
}

/** Is one of these duplicate-hashes already registered (not cancelled) for the event? */
export async function duplicateOf(
  q: QueryBuilder,
  eventId: string,
  hashes: readonly string[],
): Promise<ParticipantRecord | undefined> {
  if (hashes.length === 0) return undefined;
  const r = await q
    .selectFrom("event_participants")
    .select(COLUMNS)
    .where("event_id", "=", eventId)
    .where("dedupe_hash", "in", hashes)
    .executeTakeFirst();
  return r && toRecord(r);
}

/** The event's people (not walk-ins) of one status. */
function withStatus(q: QueryBuilder, eventId: string, status: ParticipantStatus) {
  return q
    .selectFrom("event_participants")
    .where("event_id", "=", eventId)
    .where("walk_in", "=", 0)
    .where("status", "=", status);
}

/** Registered (not waiting, not cancelled, not walk-in) people: what the capacity counts. */
export async function registeredCount(q: QueryBuilder, eventId: string): Promise<number> {
  const r = await withStatus(q, eventId, "registered")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The waiting list, first come first. */
export async function waitingList(q: QueryBuilder, eventId: string): Promise<string[]> {
  const rows = await withStatus(q, eventId, "waitlisted")
    .select("id")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

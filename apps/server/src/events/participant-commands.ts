/**
 * Registrations, the waiting list, check-in and walk-ins. Personal fields are sealed with the
 * personal data key before they reach the database and opened only for organisers, each read
 * logged.
 */
import type { DoorCount } from "@tsumugi/contract";
import { newId, normaliseOrganisation, placesToFill } from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { auditEvent } from "./event-audit.js";
import type { EventRecord, EventView } from "./event-rows.js";
import * as participants from "./participant-repository.js";

/**
 * Gives the places that are free (a cancellation, a larger capacity) to the first people on
 * the waiting list; answers who moved up. Runs inside the caller's transaction.
 */
export async function fillFreedPlaces(trx: QueryBuilder, event: EventRecord): Promise<string[]> {
  const waiting = await participants.waitingList(trx, event.id);
  if (waiting.length === 0) return [];
  const registered = await participants.registeredCount(trx, event.id);
  const n = placesToFill(event.capacity, registered, waiting.length);
  const promoted = waiting.slice(0, n);
  for (const id of promoted) await participants.setStatus(trx, id, "registered");
  return promoted;
}

/** A participant row with nothing recorded yet: registered, one person, no personal fields. */
export function newParticipant(eventId: string, now: number): participants.ParticipantRecord {
  return {
    id: newId(),
    eventId,
    walkIn: false,
    status: "registered",
    profession: "other",
    organisation: "",
    headcount: 1,
    shareWithCohosts: false,
    personal: null,
    personalKeyId: null,
    dedupeHash: null,
    checkInCode: null,
    tokenHash: null,
    checkedInAt: null,
    checkedInBy: null,
    createdAt: now,
    cancelledAt: null,
    erasedAt: null,
  };
}

export const eventCancelled = () =>
  new ApiError(409, "event.cancelled", "中止した研修・イベントには参加者を記録できません。");
const countNotFound = () => new ApiError(404, "event.countNotFound", "当日参加の記録が見つかりません。");

/** People counted at the door (no names): one row standing for `headcount` people of a 職種. */
export async function addDoorCount(
  app: AppContext,
  caller: Caller,
  event: EventView,
  input: z.output<typeof DoorCount>,
): Promise<participants.ParticipantRecord> {
  if (event.status === "cancelled") throw eventCancelled();
  const record = newParticipant(event.id, Date.now());
  Object.assign(record, {
    walkIn: true,
    profession: input.profession,
    organisation: normaliseOrganisation(input.organisation),
    headcount: input.headcount,
  });
  await participants.insertParticipant(app.kysely, record);
  await auditEvent(app, caller, event, "event.participant_walk_in", {
    profession: record.profession,
    organisation: record.organisation,
    headcount: record.headcount,
  });
  return record;
}

/** Removes a count recorded by mistake (a registration is cancelled, never deleted). */
export async function removeDoorCount(
  app: AppContext,
  caller: Caller,
  event: EventView,
  participantId: string,
): Promise<void> {
  const row = await participants.findParticipant(app.kysely, event.id, participantId);
  if (!row || !row.walkIn || row.personal !== null) throw countNotFound();
  await participants.deleteWalkIn(app.kysely, event.id, participantId);
  await auditEvent(app, caller, event, "event.walk_in_removed", {
    profession: row.profession,
    headcount: row.headcount,
  });
}

/**
 * What organisers do with the people at an event: the list with names and contacts (each read
 * logged), named walk-ins, and the anonymous counts at the door; and what registrations share
 * (a new participant row, the waiting list moving up). Personal fields are sealed with the
 * personal data key before they reach the database and opened only for organisers.
 */
import type { AddWalkIn, DoorCount } from "@tsumugi/contract";
import { newId, normaliseOrganisation, placesToFill } from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { auditEvent } from "./event-audit.js";
import type { EventRecord, EventView } from "./event-rows.js";
import { openParticipant, type ParticipantPersonal, sealParticipant } from "./participant-fields.js";
import * as participants from "./participant-repository.js";
import { deleteWalkIn, insertParticipant, setStatus } from "./participant-write-repository.js";

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
  for (const id of promoted) await setStatus(trx, id, "registered");
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
export const participantNotFound = () =>
  new ApiError(404, "event.participantNotFound", "参加者が見つかりません。");
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
  await insertParticipant(app.kysely, record);
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
  await deleteWalkIn(app.kysely, event.id, participantId);
  await auditEvent(app, caller, event, "event.walk_in_removed", {
    profession: row.profession,
    headcount: row.headcount,
  });
}

export interface ReadParticipant {
  record: participants.ParticipantRecord;
  personal: ParticipantPersonal | null;
}

/**
 * The participants with their names and contacts, for an organiser (`all`) or a co-host's
 * secretariat (`agreed`: those who agreed to be shared). The read is in the access log before
 * anything is opened: when the log cannot be written, nothing is shown.
 */
export async function readParticipants(
  app: AppContext,
  caller: Caller,
  event: EventView,
  scope: "all" | "agreed",
): Promise<ReadParticipant[]> {
  const rows = (await participants.listParticipants(app.kysely, event.id)).filter(
    (p) =>
      (scope === "all" || p.shareWithCohosts) && !(p.walkIn && p.personal === null && p.erasedAt === null),
  );
  await app.audit.recordRead({
    actor: { userId: caller.actor.userId, workspaceId: caller.workspaceId },
    kind: "eventParticipants",
    id: event.id,
    reason: scope === "agreed" ? "共同開催の参加者（共有に同意した方）" : undefined,
    ip: caller.ip,
  });
  return rows.map((record) => ({
    record,
    personal: openParticipant(app.personalData, record.id, record.personal),
  }));
}

/** Someone who came without registering, added by name at the door (checked in at once). */
export async function addWalkIn(
  app: AppContext,
  caller: Caller,
  event: EventView,
  input: z.output<typeof AddWalkIn>,
): Promise<ReadParticipant> {
  if (event.status === "cancelled") throw eventCancelled();
  const now = Date.now();
  const record = newParticipant(event.id, now);
  record.walkIn = true;
  record.profession = input.profession;
  record.organisation = normaliseOrganisation(input.organisation);
  record.headcount = input.headcount;
  record.checkedInAt = now;
  record.checkedInBy = caller.actor.userId;
  const personal = input.name ? { name: input.name, contact: "", note: "" } : null;
  if (personal) {
    const sealed = sealParticipant(app.personalData, record.id, personal);
    record.personal = sealed.text;
    record.personalKeyId = sealed.keyId;
  }
  await insertParticipant(app.kysely, record);
  await auditEvent(app, caller, event, "event.participant_walk_in", {
    participantId: record.id,
    named: personal !== null,
    profession: record.profession,
    headcount: record.headcount,
  });
  return { record, personal };
}

/** A named walk-in added by mistake. */
export async function removeWalkIn(app: AppContext, caller: Caller, event: EventView, participantId: string) {
  const row = await participants.findParticipant(app.kysely, event.id, participantId);
  if (!row || !row.walkIn) throw participantNotFound();
  await deleteWalkIn(app.kysely, event.id, participantId);
  await auditEvent(app, caller, event, "event.walk_in_removed", {
    participantId,
    profession: row.profession,
    headcount: row.headcount,
  });
}

export async function findParticipantOf(app: AppContext, event: EventView, participantId: string) {
  const row = await participants.findParticipant(app.kysely, event.id, participantId);
  if (!row) throw participantNotFound();
  return row;
}

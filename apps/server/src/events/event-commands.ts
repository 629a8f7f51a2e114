/**
 * Changes to events. Each command checks what only the database can tell
 * (the organiser groups and series belong to the workspace, a name in use, records kept),
 * writes in one transaction, then records the audit entry. Who may make a change (organise
 * an event as its groups, make a lecture from a request, share an event) is the policy's,
 * decided by the routes.
 */
import type { CreateEvent, SetEventStatus, UpdateEvent } from "@tsumugi/contract";
import { type EventStatus, fiscalYearOfIsoDate, newId } from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import * as cohosts from "./cohost-repository.js";
import { auditEvent } from "./event-audit.js";
import * as events from "./event-repository.js";
import type { EventRecord, EventView, NewEvent } from "./event-rows.js";
import { fillFreedPlaces } from "./participant-commands.js";
import { followEventStatus, linkRequestToEvent } from "./request-commands.js";
import { findSeries } from "./series-repository.js";

export const eventNotFound = () => new ApiError(404, "event.notFound", "研修・イベントが見つかりません。");
const hasRecords = () =>
  new ApiError(
    409,
    "event.hasRecords",
    "申込・参加・アンケート回答の記録があるため削除できません。中止にしてください。",
  );
const notCandidate = () =>
  new ApiError(
    409,
    "event.notCohostCandidate",
    "共同開催できるのは、同じ広域グループに参加している自治体です。",
  );

type CreateInput = z.output<typeof CreateEvent>;
type UpdateInput = z.output<typeof UpdateEvent>;

async function checkReferences(
  app: AppContext,
  workspaceId: string,
  input: { organiserGroupIds?: string[]; seriesId?: string | null },
): Promise<void> {
  const fields: Record<string, string> = {};
  if (input.organiserGroupIds && input.organiserGroupIds.length > 0) {
    const known = await events.groupsOfWorkspace(app.kysely, workspaceId, input.organiserGroupIds);
    if (known.length !== new Set(input.organiserGroupIds).size) fields.organiserGroupIds = "unknown";
  }
  if (input.seriesId) {
    if (!(await findSeries(app.kysely, workspaceId, input.seriesId))) fields.seriesId = "unknown";
  }
  if (Object.keys(fields).length) throw invalid(fields);
}

export async function createEvent(
  app: AppContext,
  caller: Caller,
  input: CreateInput,
  extra: { meetingId?: string | null } = {},
): Promise<EventView> {
  await checkReferences(app, caller.workspaceId, input);
  const now = Date.now();
  const record: NewEvent = {
    id: newId(),
    workspaceId: caller.workspaceId,
    seriesId: input.seriesId,
    kind: input.kind,
    title: input.title,
    theme: input.theme,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    fiscalYear: fiscalYearOfIsoDate(input.startsAt.slice(0, 10)),
    place: input.place,
    onlineUrl: input.onlineUrl,
    capacity: input.capacity,
    waitingList: input.waitingList,
    audience: input.audience,
    audienceNote: input.audienceNote,
    organiserNote: input.organiserNote,
    contact: input.contact,
    actionIds: [...new Set(input.actionIds)],
    scheduleRowId: input.scheduleRowId,
    meetingId: extra.meetingId ?? null,
    status: "planned",
    registrationOpen: false,
    registrationClosesAt: null,
    published: false,
    publicId: newId(),
    createdBy: caller.actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  const request = await app.kysely.transaction().execute(async (trx) => {
    await events.insertEvent(trx, record, input.organiserGroupIds);
    return input.requestId ? linkRequestToEvent(trx, caller.workspaceId, input.requestId, record.id) : null;
  });
  await app.audit.byCaller(caller, "event.created", record.id, {
    title: record.title,
    kind: record.kind,
    startsAt: record.startsAt,
    ...(request ? { requestNumber: request.number } : {}),
  });
  if (request)
    await app.audit.byCaller(caller, "event.request_updated", request.id, {
      number: request.number,
      from: request.status,
      to: "decided",
      eventId: record.id,
    });
  return (await events.findEventView(app.kysely, caller.workspaceId, record.id)) as EventView;
}

/** Fields whose change the audit entry names. */
const AUDITED = [
  "title",
  "kind",
  "startsAt",
  "endsAt",
  "place",
  "onlineUrl",
  "capacity",
  "registrationOpen",
  "registrationClosesAt",
  "published",
  "organiserGroupIds",
  "seriesId",
] as const;

export async function updateEvent(
  app: AppContext,
  caller: Caller,
  event: EventView,
  input: UpdateInput,
): Promise<EventView> {
  const next: EventRecord = { ...event };
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (input.endsAt !== undefined || input.startsAt !== undefined) {
    if (next.endsAt && next.endsAt < next.startsAt) throw invalid({ endsAt: "beforeStart" });
  }
  next.fiscalYear = fiscalYearOfIsoDate(next.startsAt.slice(0, 10));
  // A schedule row is a row of one year's plan: moving the event to another 年度 leaves it.
  if (next.fiscalYear !== event.fiscalYear && input.scheduleRowId === undefined) next.scheduleRowId = null;
  if (input.actionIds) next.actionIds = [...new Set(input.actionIds)];
  if (input.organiserGroupIds) next.organiserGroupIds = [...new Set(input.organiserGroupIds)];
  await checkReferences(app, caller.workspaceId, input);
  if (next.status === "cancelled" && input.registrationOpen === true)
    throw invalid({ registrationOpen: "cancelled" });
  if (next.registrationClosesAt !== null && next.registrationClosesAt > next.startsAt)
    throw invalid({ registrationClosesAt: "afterStart" });
  next.updatedAt = Date.now();
  const changed = AUDITED.filter(
    (k) => JSON.stringify((event as unknown as Record<string, unknown>)[k]) !== JSON.stringify(next[k]),
  );
  const promoted = await app.kysely.transaction().execute(async (trx) => {
    await events.updateEvent(trx, next);
    return fillFreedPlaces(trx, next);
  });
  await app.audit.byCaller(caller, "event.updated", event.id, {
    title: next.title,
    changed,
    ...Object.fromEntries(changed.map((k) => [k, next[k]])),
  });
  for (const id of promoted) await auditPromotion(app, caller, event, id);
  return (await events.findEventView(app.kysely, caller.workspaceId, event.id)) as EventView;
}

/**
 * Someone moved up from the waiting list of `event`: by the organiser's change, or (caller
 * null) by a registrant's cancellation on their own page, recorded in the event's workspace
 * with no person, since nobody signed in did it.
 */
export async function auditPromotion(
  app: AppContext,
  caller: Caller | null,
  event: { id: string; workspaceId: string },
  participantId: string,
) {
  await app.audit.record({
    event: "event.participant_promoted",
    workspaceId: caller?.workspaceId ?? event.workspaceId,
    actorUserId: caller?.actor.userId ?? null,
    target: event.id,
    ip: caller?.ip ?? null,
    detail: { participantId },
  });
}

export async function setEventStatus(
  app: AppContext,
  caller: Caller,
  event: EventView,
  input: SetEventStatus,
): Promise<EventView> {
  const status: EventStatus = input.status;
  if (status !== event.status) {
    const next: EventRecord = {
      ...event,
      status,
      // A cancelled or finished event takes no more registrations.
      registrationOpen: status === "planned" ? event.registrationOpen : false,
      updatedAt: Date.now(),
    };
    await events.updateEvent(app.kysely, next);
    await auditEvent(app, caller, event, "event.status_changed", { from: event.status, to: status });
    // A 出前講座 held makes its request 実施済.
    await followEventStatus(app, caller, event.id, status);
  }
  return (await events.findEventView(app.kysely, caller.workspaceId, event.id)) as EventView;
}

/** An event with registrations, walk-ins or answers is kept (it can be cancelled instead). */
export async function deleteEvent(app: AppContext, caller: Caller, event: EventView): Promise<void> {
  await app.kysely.transaction().execute(async (trx) => {
    if (await events.eventHasRecords(trx, event.id)) throw hasRecords();
    await events.deleteEvent(trx, event.id);
  });
  await auditEvent(app, caller, event, "event.deleted", { startsAt: event.startsAt });
}

export async function setCohost(
  app: AppContext,
  caller: Caller,
  event: EventView,
  workspaceId: string,
  cohost: boolean,
): Promise<EventView> {
  const candidates = await cohosts.cohostCandidates(app.kysely, caller.workspaceId);
  const candidate = candidates.find((m) => m.workspaceId === workspaceId);
  const changed = cohost
    ? candidate
      ? await cohosts.addCohost(app.kysely, event.id, workspaceId, Date.now())
      : (() => {
          throw notCandidate();
        })()
    : await cohosts.removeCohost(app.kysely, event.id, workspaceId);
  if (changed) {
    const name = candidate?.name ?? event.cohosts.find((c) => c.workspaceId === workspaceId)?.name ?? "";
    // Recorded in both municipalities: sharing an event is a decision the other one sees.
    for (const wid of [caller.workspaceId, workspaceId]) {
      await app.audit.record({
        event: cohost ? "event.cohost_added" : "event.cohost_removed",
        workspaceId: wid,
        actorUserId: caller.actor.userId,
        target: event.id,
        ip: caller.ip,
        detail: { title: event.title, cohost: name, cohostWorkspaceId: workspaceId },
      });
    }
  }
  return (await events.findEventView(app.kysely, caller.workspaceId, event.id)) as EventView;
}

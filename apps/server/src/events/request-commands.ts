/**
 * 出前講座 requests: a residents' group asks on the public form (the contact person, phone or
 * e-mail and message sealed with the personal data vault before they reach the database, a
 * 受付番号 given inside the transaction that inserts the request); the secretariat and the
 * desk's coordinators read the list (each read in the access log), move a request through
 * 受付 → 調整中 → 決定 → 実施済 / お断り with a note, and make the lecture from it (an event
 * linked to the request, which is then 決定; the lecture held makes it 実施済). The contact is
 * erased after the retention period, the request itself kept for the counts.
 */
import type { PublicRequest, UpdateEventRequest } from "@tsumugi/contract";
import { canMoveRequest, newId, type RequestStatus, todayInJapan } from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import type { PersonalDataVault, Sealed } from "../personal-data/vault.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import * as requests from "./request-repository.js";

export const requestNotFound = () =>
  new ApiError(404, "request.notFound", "出前講座の依頼が見つかりません。");
const cannotMove = (from: RequestStatus, to: RequestStatus) =>
  new ApiError(409, "request.cannotMove", "この状態には変更できません。画面を読み込み直してください。", {
    status: `${from}>${to}`,
  });
const alreadyLinked = () =>
  new ApiError(409, "request.hasEvent", "この依頼からは既に講座を作成しています。", {
    requestId: "hasEvent",
  });
const closedRequest = () =>
  new ApiError(
    409,
    "request.closed",
    "実施済・お断りの依頼からは講座を作成できません。状態を戻してから作成してください。",
    { requestId: "closed" },
  );

export interface RequestPersonal {
  contactName: string;
  contact: string;
  message: string;
}

const aad = (requestId: string) => `event_requests:${requestId}`;

export function sealRequest(vault: PersonalDataVault, id: string, personal: RequestPersonal): Sealed {
  return vault.seal(personal, aad(id));
}

export function openRequest(
  vault: PersonalDataVault,
  id: string,
  sealed: string | null,
): RequestPersonal | null {
  if (sealed === null) return null;
  const p = vault.open<Partial<RequestPersonal>>(sealed, aad(id));
  return { contactName: p.contactName ?? "", contact: p.contact ?? "", message: p.message ?? "" };
}

/** A request sent on the public form; answers its 受付番号. */
export async function receiveRequest(
  app: AppContext,
  workspaceId: string,
  input: z.output<typeof PublicRequest>,
  ip: string,
): Promise<requests.RequestRecord> {
  const today = todayInJapan();
  const past = input.wishedDates.findIndex((d) => d.date < today);
  if (past >= 0) throw invalid({ [`wishedDates.${past}.date`]: "past" });
  const now = Date.now();
  const id = newId();
  const sealed = sealRequest(app.personalData, id, {
    contactName: input.contactName,
    contact: input.contact,
    message: input.message,
  });
  const record: requests.RequestRecord = {
    id,
    workspaceId,
    number: 0,
    groupName: input.groupName,
    topic: input.topic,
    wishedDates: input.wishedDates,
    people: input.people,
    place: input.place,
    personal: sealed.text,
    personalKeyId: sealed.keyId,
    status: "received",
    note: "",
    eventId: null,
    receivedAt: now,
    updatedAt: now,
    erasedAt: null,
  };
  // Two requests at once may read the same last number: the second tries the next one.
  for (let attempt = 0; ; attempt++) {
    try {
      await app.kysely.transaction().execute(async (trx) => {
        record.number = (await requests.nextRequestNumber(trx, workspaceId)) + attempt;
        await requests.insertRequest(trx, record);
      });
      break;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
    }
  }
  await app.audit.record({
    event: "event.request_received",
    workspaceId,
    actorUserId: null,
    target: id,
    ip,
    detail: { number: record.number, topic: record.topic, people: record.people },
  });
  return record;
}

/**
 * The requests with their contacts, for the secretariat and the desk's coordinators. The read
 * is in the access log before anything is opened.
 */
export async function readRequests(
  app: AppContext,
  caller: Caller,
): Promise<{ view: requests.RequestView; personal: RequestPersonal | null }[]> {
  const rows = await requests.listRequests(app.kysely, caller.workspaceId);
  await app.audit.recordRead({
    actor: { userId: caller.actor.userId, workspaceId: caller.workspaceId },
    kind: "eventRequests",
    id: caller.workspaceId,
    reason: "出前講座の依頼一覧（依頼者の連絡先）",
    ip: caller.ip,
  });
  return rows.map((view) => ({ view, personal: openRequest(app.personalData, view.id, view.personal) }));
}

/**
 * A status step (受付 → 調整中 → 決定 → 実施済, お断り) and/or the desk's note; answers the
 * request with its contact, whose read is in the access log before it is opened.
 */
export async function changeRequest(
  app: AppContext,
  caller: Caller,
  request: requests.RequestView,
  input: z.output<typeof UpdateEventRequest>,
): Promise<{ view: requests.RequestView; personal: RequestPersonal | null }> {
  const to = input.status;
  if (to !== undefined && to !== request.status && !canMoveRequest(request.status, to))
    throw cannotMove(request.status, to);
  await requests.updateRequest(
    app.kysely,
    request.id,
    { status: to === request.status ? undefined : to, note: input.note },
    Date.now(),
  );
  await app.audit.byCaller(caller, "event.request_updated", request.id, {
    number: request.number,
    ...(to !== undefined && to !== request.status ? { from: request.status, to } : {}),
    ...(input.note !== undefined && input.note !== request.note ? { note: "changed" } : {}),
  });
  const view = (await requests.findRequest(app.kysely, caller.workspaceId, request.id)) ?? request;
  await app.audit.recordRead({
    actor: { userId: caller.actor.userId, workspaceId: caller.workspaceId },
    kind: "eventRequest",
    id: view.id,
    ip: caller.ip,
  });
  return { view, personal: openRequest(app.personalData, view.id, view.personal) };
}

/**
 * Inside the transaction that creates the lecture: the request must be the workspace's, open
 * and without a lecture yet; it is linked to the event and becomes 決定.
 */
export async function linkRequestToEvent(
  trx: QueryBuilder,
  workspaceId: string,
  requestId: string,
  eventId: string,
): Promise<requests.RequestView> {
  const request = await requests.findRequest(trx, workspaceId, requestId);
  if (!request) throw invalid({ requestId: "unknown" });
  if (request.eventId) throw alreadyLinked();
  if (request.status === "done" || request.status === "declined") throw closedRequest();
  await requests.updateRequest(trx, requestId, { eventId, status: "decided" }, Date.now());
  return request;
}

/** When the lecture made from a request is held, the request is 実施済 (and back, if undone). */
export async function followEventStatus(
  app: AppContext,
  caller: Caller,
  eventId: string,
  status: "planned" | "held" | "cancelled",
): Promise<void> {
  const request = await requests.requestOfEvent(app.kysely, eventId);
  if (!request) return;
  const to: RequestStatus | null =
    status === "held" && request.status === "decided"
      ? "done"
      : status !== "held" && request.status === "done"
        ? "decided"
        : null;
  if (!to) return;
  await requests.updateRequest(app.kysely, request.id, { status: to }, Date.now());
  // The caller's own: only the organisers change an event's status, and its request is theirs.
  await app.audit.byCaller(caller, "event.request_updated", request.id, {
    number: request.number,
    from: request.status,
    to,
    by: "event",
    eventId,
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Erases the contacts past the retention period (EventJobs runs it with the participants'). */
export async function eraseRequestContacts(app: AppContext, now: number = Date.now()): Promise<number> {
  const days = app.config.publicForms.participantRetentionDays;
  const beforeDate = todayInJapan(now - days * DAY_MS);
  const erased = await app.kysely
    .transaction()
    .execute((trx) => requests.eraseRequestsBefore(trx, beforeDate, now - days * DAY_MS, now));
  const perWorkspace = new Map<string, number[]>();
  for (const e of erased)
    perWorkspace.set(e.workspaceId, [...(perWorkspace.get(e.workspaceId) ?? []), e.number]);
  for (const [workspaceId, numbers] of perWorkspace)
    await app.audit.record({
      event: "event.requests_erased",
      workspaceId,
      actorUserId: null,
      detail: { requests: numbers.length, numbers: numbers.slice(0, 200), retentionDays: days },
    });
  return erased.length;
}

/** Re-seals request contacts sealed with an older key (after a key rotation). */
export async function resealRequests(app: AppContext): Promise<number> {
  const vault = app.personalData;
  let done = 0;
  for (;;) {
    const batch = await requests.requestsSealedWithOtherKeys(app.kysely, vault.current.id, 100);
    for (const row of batch) {
      const personal = openRequest(vault, row.id, row.personal);
      if (
        personal &&
        (await requests.resealRequest(app.kysely, row.id, row.personal, sealRequest(vault, row.id, personal)))
      )
        done += 1;
    }
    if (batch.length < 100) break;
  }
  return done;
}

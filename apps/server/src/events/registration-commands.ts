/**
 * Registrations from the public form, the registrant's own page (see, cancel), and what the
 * organisers do with them: the list (each read in the access log), named walk-ins, cancelling
 * for someone, and check-in at the door by code or from the list.
 *
 * Personal fields are sealed before they reach the database (participant-fields.ts); the
 * place a registration gets is decided inside the transaction that inserts it, so two people
 * sending the form for the last place at once cannot both get it.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { AddWalkIn, CheckIn, PublicRegistration } from "@tsumugi/contract";
import {
  CHECK_IN_ALPHABET,
  CHECK_IN_LENGTH,
  normaliseOrganisation,
  placeFor,
  readCheckInCode,
  takesRegistrations,
} from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import { auditEvent } from "./event-audit.js";
import { auditPromotion } from "./event-commands.js";
import { registrationStateOf } from "./event-presenter.js";
import type { EventView } from "./event-rows.js";
import { eventCancelled, fillFreedPlaces, newParticipant } from "./participant-commands.js";
import {
  dedupeHash,
  dedupeHashes,
  openParticipant,
  type ParticipantPersonal,
  sealParticipant,
} from "./participant-fields.js";
import * as participants from "./participant-repository.js";

export const registrationClosed = (state: string) =>
  new ApiError(
    409,
    "registration.closed",
    state === "full"
      ? "定員に達したため、申込を締め切りました。"
      : state === "cancelled"
        ? "この研修・イベントは中止になりました。"
        : state === "started"
          ? "この研修・イベントは既に始まっているため、申込を受け付けていません。"
          : "この研修・イベントの申込は締め切りました（または受付前です）。",
    { event: state },
  );
export const duplicateRegistration = () =>
  new ApiError(
    409,
    "registration.duplicate",
    "同じお名前と連絡先で、既にお申し込みいただいています。申込の控え（申込完了時のページ）をご確認ください。控えがない場合は、問い合わせ先へご連絡ください。",
    { name: "duplicate" },
  );
export const registrationNotFound = () =>
  new ApiError(
    404,
    "registration.notFound",
    "お申し込みが見つかりません。控えのページのアドレスをお確かめください。",
  );
const participantNotFound = () => new ApiError(404, "event.participantNotFound", "参加者が見つかりません。");
const codeNotFound = () =>
  new ApiError(
    404,
    "event.checkInCodeNotFound",
    "この研修・イベントの受付番号ではありません。番号をお確かめください。",
    {
      code: "unknown",
    },
  );
const cancelledRegistration = () =>
  new ApiError(
    409,
    "event.registrationCancelled",
    "取り消された申込です。当日参加として受け付けてください。",
  );

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The registrant's token (kept only as its hash) and the path of their own page. */
export const registrationPath = (event: Pick<EventView, "host" | "publicId">, token: string) =>
  `/p/${event.host.lgCode}/events/${event.publicId}/r/${token}`;

function newCheckInCode(): string {
  let code = "";
  for (let i = 0; i < CHECK_IN_LENGTH; i++) code += CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)];
  return code;
}

/** A registration from the public form: a place, the waiting list, or a clear refusal. */
export async function register(
  app: AppContext,
  event: EventView,
  input: z.output<typeof PublicRegistration>,
  ip: string,
): Promise<{ status: "registered" | "waitlisted"; token: string }> {
  const state = registrationStateOf(event);
  if (!takesRegistrations(state)) throw registrationClosed(state);
  const vault = app.personalData;
  const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
  const record = newParticipant(event.id, Date.now());
  const personal: ParticipantPersonal = { name: input.name, contact: input.contact, note: input.note };
  const sealed = sealParticipant(vault, record.id, personal);
  Object.assign(record, {
    profession: input.profession,
    organisation: normaliseOrganisation(input.organisation),
    shareWithCohosts: input.shareWithCohosts,
    personal: sealed.text,
    personalKeyId: sealed.keyId,
    dedupeHash: dedupeHash(vault, event.id, input.name, input.contact),
    tokenHash: sha256(token),
  });
  const status = await app.kysely
    .transaction()
    .execute(async (trx) => {
      if (
        await participants.duplicateOf(
          trx,
          event.id,
          dedupeHashes(vault, event.id, input.name, input.contact),
        )
      )
        throw duplicateRegistration();
      const registered = await participants.registeredCount(trx, event.id);
      const place = placeFor(event.capacity, registered, event.waitingList);
      if (place === "full") throw registrationClosed("full");
      record.status = place;
      // A code taken already (one in a billion) is drawn again.
      for (let attempt = 0; ; attempt++) {
        record.checkInCode = newCheckInCode();
        if (!(await participants.findByCheckInCode(trx, event.id, record.checkInCode)) || attempt > 5) break;
      }
      await participants.insertParticipant(trx, record);
      return place;
    })
    .catch((err) => {
      if (isUniqueViolation(err)) throw duplicateRegistration();
      throw err;
    });
  await app.audit.record({
    event: "event.participant_registered",
    workspaceId: event.workspaceId,
    actorUserId: null,
    target: event.id,
    ip,
    detail: { title: event.title, participantId: record.id, status, profession: record.profession },
  });
  return { status, token };
}

/** The registration a token opens, for this event. */
export async function findRegistration(
  app: AppContext,
  event: EventView,
  token: string,
): Promise<participants.ParticipantRecord> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) throw registrationNotFound();
  const row = await participants.findByTokenHash(app.kysely, sha256(token));
  if (!row || row.eventId !== event.id) throw registrationNotFound();
  return row;
}

export interface OpenedRegistration {
  record: participants.ParticipantRecord;
  personal: ParticipantPersonal | null;
  waitingPosition: number | null;
}

/** The registrant's own view of their registration (they hold its token). */
export async function openRegistration(
  app: AppContext,
  record: participants.ParticipantRecord,
): Promise<OpenedRegistration> {
  const waiting =
    record.status === "waitlisted" ? await participants.waitingList(app.kysely, record.eventId) : [];
  return {
    record,
    personal: openParticipant(app.personalData, record.id, record.personal),
    waitingPosition: record.status === "waitlisted" ? waiting.indexOf(record.id) + 1 || null : null,
  };
}

/**
 * Cancels a registration (by its registrant, or an organiser for them) and gives the place to
 * the first on the waiting list. Cancelling twice changes nothing.
 */
export async function cancelRegistration(
  app: AppContext,
  event: EventView,
  record: participants.ParticipantRecord,
  by: { caller: Caller | null; ip: string },
): Promise<participants.ParticipantRecord> {
  if (record.status === "cancelled") return record;
  const promoted = await app.kysely.transaction().execute(async (trx) => {
    await participants.cancelParticipant(trx, record.id, Date.now());
    return fillFreedPlaces(trx, event);
  });
  await app.audit.record({
    event: "event.participant_cancelled",
    workspaceId: by.caller?.workspaceId ?? event.workspaceId,
    actorUserId: by.caller?.actor.userId ?? null,
    target: event.id,
    ip: by.ip,
    detail: { title: event.title, participantId: record.id, by: by.caller ? "organiser" : "registrant" },
  });
  for (const id of promoted) await auditPromotion(app, by.caller, event.id, id);
  return (await participants.findParticipant(app.kysely, event.id, record.id)) ?? record;
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
  await participants.insertParticipant(app.kysely, record);
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
  await participants.deleteWalkIn(app.kysely, event.id, participantId);
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

/**
 * Check-in at the door, by the code on the registrant's page (typed, pasted or scanned) or
 * from the list; `undo` takes it back. Someone on the waiting list who comes is given their
 * place at the door. Checking in twice answers `alreadyCheckedIn`.
 */
export async function checkIn(
  app: AppContext,
  caller: Caller,
  event: EventView,
  input: z.output<typeof CheckIn>,
): Promise<{ record: participants.ParticipantRecord; alreadyCheckedIn: boolean }> {
  if (event.status === "cancelled") throw eventCancelled();
  let row: participants.ParticipantRecord | undefined;
  if (input.participantId)
    row = await participants.findParticipant(app.kysely, event.id, input.participantId);
  else if (input.code) {
    const code = readCheckInCode(input.code);
    row = code ? await participants.findByCheckInCode(app.kysely, event.id, code) : undefined;
    if (!row) throw codeNotFound();
  }
  if (!row) throw participantNotFound();
  if (row.status === "cancelled") throw cancelledRegistration();
  const already = row.checkedInAt !== null;
  if (input.undo) {
    if (already) await participants.setCheckedIn(app.kysely, row.id, null, null);
  } else if (!already) {
    await app.kysely.transaction().execute(async (trx) => {
      if (row.status === "waitlisted") await participants.setStatus(trx, row.id, "registered");
      await participants.setCheckedIn(trx, row.id, Date.now(), caller.actor.userId);
    });
  }
  // Recorded even when nothing changed: the answer names the person (a read of their data).
  await auditEvent(app, caller, event, "event.participant_checked_in", {
    participantId: row.id,
    undo: input.undo,
    changed: input.undo ? already : !already,
    by: input.code ? "code" : "list",
  });
  const fresh = (await participants.findParticipant(
    app.kysely,
    event.id,
    row.id,
  )) as participants.ParticipantRecord;
  return { record: fresh, alreadyCheckedIn: already && !input.undo };
}

/**
 * Registrations from the public form and the registrant's own page (see, cancel); an organiser
 * cancels for someone with the same `cancelRegistration`. What organisers do with the people
 * at an event is in participant-commands.ts, check-in at the door in check-in-commands.ts.
 *
 * Personal fields are sealed before they reach the database (participant-fields.ts); the
 * place a registration gets is decided inside the transaction that inserts it, so two people
 * sending the form for the last place at once cannot both get it.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { PublicRegistration } from "@tsumugi/contract";
import {
  CHECK_IN_ALPHABET,
  CHECK_IN_LENGTH,
  normaliseOrganisation,
  placeFor,
  takesRegistrations,
} from "@tsumugi/domain";
import type * as z from "zod";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import { auditPromotion } from "./event-commands.js";
import { registrationStateOf } from "./event-presenter.js";
import type { EventView } from "./event-rows.js";
import { fillFreedPlaces, newParticipant } from "./participant-commands.js";
import {
  dedupeHash,
  dedupeHashes,
  openParticipant,
  type ParticipantPersonal,
  sealParticipant,
} from "./participant-fields.js";
import * as participants from "./participant-repository.js";
import { cancelParticipant, insertParticipant } from "./participant-write-repository.js";

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
      await insertParticipant(trx, record);
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
    await cancelParticipant(trx, record.id, Date.now());
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
  for (const id of promoted) await auditPromotion(app, by.caller, event, id);
  return (await participants.findParticipant(app.kysely, event.id, record.id)) ?? record;
}

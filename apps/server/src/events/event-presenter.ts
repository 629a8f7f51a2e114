/** Events as the API answers them (contract: Event), with abilities. */
import type { Event, Participant, PublicEvent } from "@tsumugi/contract";
import {
  type Actor,
  abilitiesOf,
  type EventResource,
  type RegistrationState,
  registrationState,
} from "@tsumugi/domain";
import type { EventRecord, EventView, MunicipalityRecord } from "./event-rows.js";
import type { ParticipantPersonal } from "./participant-fields.js";
import type { ParticipantRecord } from "./participant-repository.js";

/** An event as loaded for a request: `seenFrom` is the request's workspace (host or co-host). */
export interface SeenEvent extends EventView {
  seenFrom: string;
}

/** The event as the policy sees it from the workspace it is seen from. */
export function eventResource(
  event: Pick<EventRecord, "workspaceId" | "organiserGroupIds"> & { seenFrom: string },
): EventResource {
  return {
    kind: "event",
    organiserGroupIds: event.organiserGroupIds,
    cohost: event.workspaceId !== event.seenFrom,
  };
}

const municipality = (m: MunicipalityRecord) => ({
  workspaceId: m.workspaceId,
  name: m.name,
  prefecture: m.prefecture,
});

export function publicPathOf(event: Pick<EventView, "host" | "publicId" | "published">): string | null {
  return event.published ? `/p/${event.host.lgCode}/events/${event.publicId}` : null;
}

/** Whether the public form takes registrations now (state, dates, places). */
export function registrationStateOf(e: EventView, now: number = Date.now()): RegistrationState {
  return registrationState({ ...e, registered: e.counts.registered }, now);
}

export function presentEvent(actor: Actor, workspaceId: string, e: EventView): Event {
  const cohost = e.workspaceId !== workspaceId;
  return {
    id: e.id,
    // A co-host sees the event, not the host's own filing of it.
    seriesId: cohost ? null : e.seriesId,
    kind: e.kind,
    title: e.title,
    theme: e.theme,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    fiscalYear: e.fiscalYear,
    place: e.place,
    onlineUrl: e.onlineUrl,
    capacity: e.capacity,
    waitingList: e.waitingList,
    audience: e.audience,
    audienceNote: e.audienceNote,
    organiserGroupIds: cohost ? [] : e.organiserGroupIds,
    organiserNote: e.organiserNote,
    contact: e.contact,
    actionIds: cohost ? [] : e.actionIds,
    scheduleRowId: cohost ? null : e.scheduleRowId,
    meetingId: cohost ? null : e.meetingId,
    requestId: cohost ? null : e.requestId,
    status: e.status,
    registrationOpen: e.registrationOpen,
    registrationClosesAt: e.registrationClosesAt,
    registrationState: registrationStateOf(e),
    published: e.published,
    publicPath: publicPathOf(e),
    host: municipality(e.host),
    cohost,
    cohosts: e.cohosts.map(municipality),
    counts: e.counts,
    demo: e.demo,
    abilities: abilitiesOf(actor, eventResource({ ...e, seenFrom: workspaceId })),
  };
}

/** A participant as the organisers see them (contract: Participant), personal fields opened. */
export function presentParticipant(
  record: ParticipantRecord,
  personal: ParticipantPersonal | null,
): Participant {
  return {
    id: record.id,
    walkIn: record.walkIn,
    status: record.status,
    name: personal?.name ?? "",
    organisation: record.organisation,
    profession: record.profession,
    contact: personal?.contact ?? "",
    note: personal?.note ?? "",
    headcount: record.headcount,
    shareWithCohosts: record.shareWithCohosts,
    checkInCode: record.checkInCode,
    checkedInAt: record.checkedInAt,
    registeredAt: record.createdAt,
    cancelledAt: record.cancelledAt,
    erased: record.erasedAt !== null,
  };
}

/** The host as the public pages name it. */
export const publicMunicipality = (m: MunicipalityRecord) => ({
  name: m.name,
  prefecture: m.prefecture,
  lgCode: m.lgCode,
});

/** What the public announcement shows of an event: no organisers' filing, no people. */
export function presentPublicEvent(e: EventView, now: number = Date.now()): PublicEvent {
  return {
    publicId: e.publicId,
    kind: e.kind,
    title: e.title,
    theme: e.theme,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    place: e.place,
    onlineUrl: e.onlineUrl,
    capacity: e.capacity,
    placesLeft: e.capacity === null ? null : Math.max(0, e.capacity - e.counts.registered),
    audience: e.audience,
    audienceNote: e.audienceNote,
    organiserNote: e.organiserNote,
    contact: e.contact,
    host: publicMunicipality(e.host),
    cohosts: e.cohosts.map(publicMunicipality),
    registrationState: registrationStateOf(e, now),
    registrationClosesAt: e.registrationClosesAt,
    cancelled: e.status === "cancelled",
    demo: e.demo,
  };
}

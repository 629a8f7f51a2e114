/** Events and series as the API answers them (contract: Event, EventSeries), with abilities. */
import type { Event, EventSeries } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type EventResource } from "@tsumugi/domain";
import type { EventRecord, EventView, MunicipalityRecord, SeriesRecord } from "./event-repository.js";

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
    published: e.published,
    publicPath: publicPathOf(e),
    host: municipality(e.host),
    cohost,
    cohosts: e.cohosts.map(municipality),
    counts: e.counts,
    abilities: abilitiesOf(actor, eventResource({ ...e, seenFrom: workspaceId })),
  };
}

export function presentSeries(s: SeriesRecord): EventSeries {
  return { id: s.id, name: s.name, kind: s.kind, description: s.description, events: s.events };
}

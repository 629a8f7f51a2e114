/** 出前講座 requests as the secretariat sees them (contract: EventRequest), with abilities. */
import type { EventRequest } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type EventRequestResource, requestNextStatuses } from "@tsumugi/domain";
import type { RequestPersonal } from "./request-commands.js";
import type { RequestRecord, RequestView } from "./request-repository.js";

/** The request as the policy sees it: where it is, and whether a lecture was made from it. */
export const requestResource = (r: Pick<RequestRecord, "status" | "eventId">): EventRequestResource => ({
  kind: "eventRequest",
  status: r.status,
  hasLecture: r.eventId !== null,
});

/** A request with its contact opened, and the offered topic it names. */
export function presentRequest(
  actor: Actor,
  r: RequestView,
  personal: RequestPersonal | null,
  topics: readonly { id: string; name: string }[],
): EventRequest {
  return {
    id: r.id,
    number: r.number,
    groupName: r.groupName,
    topic: r.topic,
    seriesId: topics.find((t) => t.name === r.topic)?.id ?? null,
    wishedDates: r.wishedDates,
    people: r.people,
    place: r.place,
    contactName: personal?.contactName ?? "",
    contact: personal?.contact ?? "",
    message: personal?.message ?? "",
    status: r.status,
    nextStatuses: [...requestNextStatuses(r.status)],
    note: r.note,
    event: r.event,
    receivedAt: r.receivedAt,
    updatedAt: r.updatedAt,
    erased: r.erasedAt !== null,
    abilities: abilitiesOf(actor, requestResource(r)),
  };
}

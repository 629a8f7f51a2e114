/** Series of events as the API answers them (contract: EventSeries), with abilities. */
import type { EventSeries } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type SeriesResource } from "@tsumugi/domain";
import type { SeriesRecord } from "./series-repository.js";

/** A series as the policy sees it: the workspace's own (the routes load only those). */
export const seriesResource = (_record?: SeriesRecord): SeriesResource => ({ kind: "series" });

export function presentSeries(actor: Actor, s: SeriesRecord): EventSeries {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    description: s.description,
    events: s.events,
    demo: s.demo,
    abilities: abilitiesOf(actor, seriesResource(s)),
  };
}

/**
 * Indicator values (and population bases) changed per workspace, announced on
 * `GET …/indicators/events` so that open charts follow other people's entries. Keyed by
 * workspace id; the change is the ids of the indicators written (none for a population base).
 */
import { ChangeFeed } from "../http/change-feed.js";

export class IndicatorEvents extends ChangeFeed<readonly string[]> {}

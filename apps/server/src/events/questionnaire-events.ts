/**
 * Answers arriving to an event's questionnaire (from a phone or typed in from paper), announced
 * on `GET …/events/:eid/questionnaire/events` so that open results follow without a reload.
 * Keyed by event id (the host's and co-hosts' pages alike); the change is where the answer
 * came from.
 */
import { ChangeFeed } from "../http/change-feed.js";
import type { IndicatorEvents } from "../indicators/indicator-events.js";
import type { AnswerSource } from "./questionnaire-repository.js";

export class QuestionnaireEvents extends ChangeFeed<AnswerSource> {}

/** The feeds an answer is announced on: the results, and the satisfaction indicators. */
export interface AnswerAnnouncer {
  questionnaires: QuestionnaireEvents;
  indicators: IndicatorEvents;
}

/**
 * After an answer is stored: the results of that event, and the host's indicators (P12/P13
 * satisfaction is counted from the answers of the events held).
 */
export function announceAnswer(
  live: AnswerAnnouncer,
  event: { id: string; workspaceId: string },
  source: AnswerSource,
): void {
  live.questionnaires.emit(event.id, source);
  live.indicators.emit(event.workspaceId, []);
}

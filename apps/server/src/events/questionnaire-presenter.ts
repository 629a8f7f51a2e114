/**
 * Questionnaires as the API answers them (contract: Questionnaire, PublicQuestionnaire,
 * QuestionnaireSources).
 */
import type { PublicQuestionnaire, Questionnaire, QuestionnaireSources } from "@tsumugi/contract";
import type { EventView } from "./event-rows.js";
import type { QuestionnaireRecord, questionnaireSources } from "./questionnaire-repository.js";

/** The answering page of an event's questionnaire (no login): /q/<public id>. */
export const answerPathOf = (event: Pick<EventView, "publicId">) => `/q/${event.publicId}`;

export function presentQuestionnaire(
  event: EventView,
  record: QuestionnaireRecord,
  answers: number,
): Questionnaire {
  return {
    eventId: event.id,
    title: record.body.title,
    intro: record.body.intro,
    questions: record.body.questions,
    open: record.open,
    // The link works while answers are taken; it is shown to the organisers before that too.
    publicPath: event.status === "cancelled" ? null : answerPathOf(event),
    answers,
    updatedAt: record.updatedAt,
  };
}

export function presentPublicQuestionnaire(
  event: EventView,
  record: QuestionnaireRecord,
  answered: boolean,
): PublicQuestionnaire {
  return {
    event: {
      title: event.title,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      place: event.place,
      host: event.host.name,
    },
    title: record.body.title,
    intro: record.body.intro,
    questions: record.body.questions,
    open: record.open && event.status !== "cancelled",
    answered,
  };
}

/**
 * The questionnaires a new one may start from. No abilities: the list is shown to those who
 * manage the new event's questionnaire (that event's `manageQuestionnaire`), and copying needs
 * nothing of the event copied from but that it is the workspace's.
 */
export function presentQuestionnaireSources(
  list: Awaited<ReturnType<typeof questionnaireSources>>,
): QuestionnaireSources {
  return {
    events: list.map((s) => ({
      eventId: s.eventId,
      title: s.title,
      startsAt: s.startsAt,
      questionnaireTitle: s.body.title,
      questions: s.body.questions.length,
      answers: s.answers,
    })),
  };
}

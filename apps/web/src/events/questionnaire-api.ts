/**
 * The questionnaire API (server: apps/server/src/events/questionnaire-routes.ts and
 * public-questionnaire-routes.ts), typed from @tsumugi/contract.
 */
import type {
  AnswerQuestionnaire,
  AnswerReceived,
  CopyQuestionnaire,
  FromTemplate,
  PaperAnswer,
  PaperAnswerEntered,
  PublicQuestionnaire,
  QuestionnaireResult,
  QuestionnaireResults,
  QuestionnaireResultsAnswer,
  QuestionnaireSources,
  SaveQuestionnaire,
} from "@tsumugi/contract";
import { api, del, get, post } from "../api/client";

export function questionnaireApi(wid: string) {
  const base = `/api/workspaces/${wid}/events`;
  return {
    get: (eid: string) => get<QuestionnaireResult>(`${base}/${eid}/questionnaire`),
    save: (eid: string, body: SaveQuestionnaire) =>
      api<QuestionnaireResult>("PUT", `${base}/${eid}/questionnaire`, body),
    fromTemplate: (eid: string, body: FromTemplate) =>
      post<QuestionnaireResult>(`${base}/${eid}/questionnaire/template`, body),
    copy: (eid: string, body: CopyQuestionnaire) =>
      post<QuestionnaireResult>(`${base}/${eid}/questionnaire/copy`, body),
    remove: (eid: string) => del<void>(`${base}/${eid}/questionnaire`),
    sources: () => get<QuestionnaireSources>(`${base}/questionnaire-sources`),
    results: (eid: string, source: AnswerSourceFilter = "all") =>
      get<QuestionnaireResultsAnswer>(
        `${base}/${eid}/questionnaire/results${source === "all" ? "" : `?source=${source}`}`,
      ),
    enterPaper: (eid: string, body: PaperAnswer) =>
      post<PaperAnswerEntered>(`${base}/${eid}/questionnaire/answers`, body),
    exportUrl: (eid: string, format: "csv" | "xlsx", source: AnswerSourceFilter = "all") =>
      `${base}/${eid}/questionnaire/answers.${format}${source === "all" ? "" : `?source=${source}`}`,
    /** Server-sent events: an answer arrived. */
    answerEventsUrl: (eid: string) => `${base}/${eid}/questionnaire/events`,
  };
}
/** Which answers the results count: all, or those from phones or from paper. */
export type AnswerSourceFilter = QuestionnaireResults["source"];

export type QuestionnaireApi = ReturnType<typeof questionnaireApi>;

export const publicQuestionnaireApi = {
  get: (publicId: string) =>
    get<PublicQuestionnaire>(`/api/public/questionnaires/${encodeURIComponent(publicId)}`),
  answer: (publicId: string, body: AnswerQuestionnaire) =>
    post<AnswerReceived>(`/api/public/questionnaires/${encodeURIComponent(publicId)}`, body),
};

/**
 * A series over the years: each event's participants by profession and its questionnaire
 * figures, and the trend of participants per event by 年度 (seed 003: つむぐ会 is shrinking).
 */
import type { SeriesDetail } from "@tsumugi/contract";
import { attendanceSummary, questionnaireResults, seriesTrend } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import { presentSeries } from "./event-presenter.js";
import { listEventViews, type SeriesRecord } from "./event-repository.js";
import { participantFactsOf } from "./participant-repository.js";
import { answersOf, questionnairesOf } from "./questionnaire-repository.js";

export async function seriesDetail(
  q: QueryBuilder,
  workspaceId: string,
  series: SeriesRecord,
): Promise<SeriesDetail> {
  const all = await listEventViews(q, workspaceId, { seriesId: series.id });
  const events = all.filter((e) => e.workspaceId === workspaceId).reverse();
  const ids = events.map((e) => e.id);
  const [facts, questionnaires, answers] = await Promise.all([
    participantFactsOf(q, ids),
    questionnairesOf(q, ids),
    answersOf(q, ids),
  ]);
  const rows = events.map((e) => {
    const summary = attendanceSummary(facts.filter((f) => f.eventId === e.id));
    const qn = questionnaires.find((x) => x.eventId === e.id);
    const given = answers.filter((a) => a.eventId === e.id).map((a) => a.answers);
    const results = qn ? questionnaireResults(qn.body, given) : null;
    return {
      id: e.id,
      title: e.title,
      startsAt: e.startsAt,
      fiscalYear: e.fiscalYear,
      status: e.status,
      attended: summary.attended,
      byProfession: summary.byProfession,
      answers: results?.answers ?? 0,
      measures: results && results.answers > 0 ? results.measures : null,
    };
  });
  const trend = seriesTrend(
    rows.map((r) => ({ fiscalYear: r.fiscalYear, held: r.status === "held", attended: r.attended })),
  );
  return { series: presentSeries(series), events: rows, trend };
}

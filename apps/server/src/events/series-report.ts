/**
 * A series over the years: each event's participants by profession and its questionnaire
 * figures, and the trend of participants per event by 年度 (seed 003: つむぐ会 is shrinking).
 */
import type { SeriesDetail, SeriesYearRollup } from "@tsumugi/contract";
import {
  addProfessionCounts,
  attendanceSummary,
  pooledMean,
  type QuestionMeasure,
  type QuestionnaireBody,
  type QuestionnaireResults,
  questionnaireResults,
  seriesTrend,
} from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import { listEventViews } from "./event-repository.js";
import { participantFactsOf } from "./participant-repository.js";
import { answersOf, questionnairesOf } from "./questionnaire-repository.js";
import type { SeriesRecord } from "./series-repository.js";

/** How many answered the question that gives `measure` (0 when none asks it). */
function answeredFor(
  body: QuestionnaireBody,
  results: QuestionnaireResults,
  measure: QuestionMeasure,
): number {
  const i = body.questions.findIndex((x) => x.measure === measure);
  return i < 0 ? 0 : (results.questions[i]?.answered ?? 0);
}

type Row = SeriesDetail["events"][number];

/** Each 年度 with an event held: events, participants by 職種, pooled satisfaction and understanding. */
export function seriesYears(rows: readonly Row[]): SeriesYearRollup[] {
  const years = new Map<number, Row[]>();
  for (const r of rows)
    if (r.status === "held") years.set(r.fiscalYear, [...(years.get(r.fiscalYear) ?? []), r]);
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([fiscalYear, held]) => ({
      fiscalYear,
      held: held.length,
      attended: held.reduce((n, r) => n + r.attended, 0),
      byProfession: addProfessionCounts(held.map((r) => r.byProfession)),
      answers: held.reduce((n, r) => n + r.answers, 0),
      satisfaction: pooledMean(
        held.map((r) => ({ mean: r.measures?.satisfaction ?? null, n: r.satisfactionAnswered })),
      ),
      understanding: pooledMean(
        held.map((r) => ({ mean: r.measures?.understanding ?? null, n: r.understandingAnswered })),
      ),
    }));
}

/** The series' report over the years; the route presents the series itself with its abilities. */
export async function seriesDetail(
  q: QueryBuilder,
  workspaceId: string,
  series: SeriesRecord,
): Promise<Omit<SeriesDetail, "series">> {
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
    const answered = (measure: QuestionMeasure) =>
      qn && results ? answeredFor(qn.body, results, measure) : 0;
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
      satisfactionAnswered: answered("satisfaction"),
      understandingAnswered: answered("understanding"),
    };
  });
  const trend = seriesTrend(
    rows.map((r) => ({ fiscalYear: r.fiscalYear, held: r.status === "held", attended: r.attended })),
  );
  return { events: rows, years: seriesYears(rows), trend };
}

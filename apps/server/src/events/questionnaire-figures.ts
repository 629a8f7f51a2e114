/**
 * What the questionnaires say of a 年度, for the indicators: the satisfaction (5段階) of the
 * held events' answers, pooled by how many answered, per item of the program — the trainings
 * of (カ) and the outreach to residents of (キ) — with how many answered at how many events.
 */
import {
  type Answers,
  type EventAudience,
  eventItem,
  isEventKind,
  pooledMean,
  type QuestionnaireBody,
  questionnaireResults,
} from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import { heldEventAnswers, heldEventQuestionnaires } from "./questionnaire-repository.js";

export interface SatisfactionFigure {
  fiscalYear: number;
  item: "f" | "g";
  satisfaction: number;
  /** People who answered the satisfaction question. */
  answered: number;
  /** Events whose answers count. */
  events: number;
}

export async function satisfactionByYearAndItem(
  q: QueryBuilder,
  workspaceId: string,
): Promise<SatisfactionFigure[]> {
  const events = await heldEventQuestionnaires(q, workspaceId);
  if (events.length === 0) return [];
  const rows = await heldEventAnswers(q, workspaceId);
  const byEvent = new Map<string, Answers[]>();
  for (const r of rows) {
    try {
      byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), JSON.parse(r.answers) as Answers]);
    } catch {
      // A row written by hand outside the app: not counted.
    }
  }
  const parts = new Map<
    string,
    { fiscalYear: number; item: "f" | "g"; means: { mean: number | null; n: number }[] }
  >();
  for (const e of events) {
    if (!isEventKind(e.kind)) continue;
    const item = eventItem(e.kind, e.audience as EventAudience);
    const answers = byEvent.get(e.eventId);
    if (item === null || !answers) continue;
    let body: QuestionnaireBody;
    try {
      body = JSON.parse(e.body) as QuestionnaireBody;
    } catch {
      continue;
    }
    const results = questionnaireResults(body, answers);
    const question = body.questions.findIndex((x) => x.measure === "satisfaction");
    if (question < 0 || results.measures.satisfaction === null) continue;
    const key = `${e.fiscalYear}|${item}`;
    const part = parts.get(key) ?? { fiscalYear: e.fiscalYear, item, means: [] };
    part.means.push({ mean: results.measures.satisfaction, n: results.questions[question].answered });
    parts.set(key, part);
  }
  const out: SatisfactionFigure[] = [];
  for (const p of parts.values()) {
    const mean = pooledMean(p.means);
    if (mean === null) continue;
    out.push({
      fiscalYear: p.fiscalYear,
      item: p.item,
      satisfaction: Math.round(mean * 100) / 100,
      answered: p.means.reduce((s, m) => s + m.n, 0),
      events: p.means.length,
    });
  }
  return out.sort((a, b) => a.fiscalYear - b.fiscalYear || a.item.localeCompare(b.item));
}

/**
 * An event's questionnaire answers read out: the results (counts, means, free texts, by 職種)
 * of all answers or those of one source, and the answers as a spreadsheet (CSV or Excel), each
 * export in the audit log.
 */
import type { QuestionnaireResults } from "@tsumugi/contract";
import { formatTimestamp, type QuestionnaireBody, questionnaireResults } from "@tsumugi/domain";
import type { CsvCell } from "@tsumugi/plan-io/csv";
import type { AppContext, Caller } from "../context.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { EventView } from "./event-rows.js";
import { questionnaireNotFound } from "./questionnaire-commands.js";
import type { AnswerSource } from "./questionnaire-repository.js";
import * as repo from "./questionnaire-repository.js";

/** Which answers: all, or those of one source (`?source=`). */
export type AnswerChoice = "all" | AnswerSource;

/** An answer as spreadsheet cells: choices by their labels, scales by their points. */
function answerCells(body: QuestionnaireBody, answers: Record<string, unknown>): CsvCell[] {
  return body.questions.map((q) => {
    const v = answers[q.id];
    if (v === undefined) return "";
    if (q.type === "single" && typeof v === "number") return q.options[v] ?? "";
    if (q.type === "multiple" && Array.isArray(v))
      return v.map((i) => q.options[i as number] ?? "").join("、");
    if (q.type === "scale" && typeof v === "number") return v;
    return typeof v === "string" ? v : "";
  });
}

/** How the answer reached the organisers, as the spreadsheets say it. */
const SOURCE_LABEL: Record<AnswerSource, string> = { phone: "スマートフォン等", paper: "紙" };

/** The event's answers the choice asks for, and how many came from each source. */
async function answersBySource(q: QueryBuilder, eventId: string, source: AnswerChoice | undefined) {
  const given = await repo.answersOf(q, [eventId]);
  const chosen = source ?? "all";
  return {
    source: chosen,
    sources: {
      phone: given.filter((a) => a.source === "phone").length,
      paper: given.filter((a) => a.source === "paper").length,
    },
    answers: chosen === "all" ? given : given.filter((a) => a.source === chosen),
  };
}

/** The results of the event's questionnaire (null when it has none) over the chosen answers. */
export async function questionnaireResultsOf(
  q: QueryBuilder,
  eventId: string,
  source: AnswerChoice | undefined,
): Promise<QuestionnaireResults | null> {
  const record = await repo.findQuestionnaire(q, eventId);
  if (!record) return null;
  const chosen = await answersBySource(q, eventId, source);
  return {
    source: chosen.source,
    sources: chosen.sources,
    ...questionnaireResults(
      record.body,
      chosen.answers.map((a) => a.answers),
    ),
  };
}

export interface AnswersFile {
  /** The file's name as offered for saving (アンケート_<event>[_<source>].csv). */
  name: string;
  mediaType: string;
  content: string | Uint8Array<ArrayBuffer>;
}

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The answers as one spreadsheet: a row per answer (CSV, UTF-8 with BOM), or in Excel that
 * table and the counts per question. Recorded in the audit log before it is answered.
 */
export async function exportAnswers(
  app: AppContext,
  caller: Caller,
  event: EventView,
  format: "csv" | "xlsx",
  choice: AnswerChoice | undefined,
): Promise<AnswersFile> {
  const record = await repo.findQuestionnaire(app.kysely, event.id);
  if (!record) throw questionnaireNotFound();
  const { source, answers: given } = await answersBySource(app.kysely, event.id, choice);
  // One table for both files: the same columns in the CSV and in the Excel sheet.
  const header = ["回答番号", "回答日時", "回答方法", ...record.body.questions.map((q) => q.text)];
  const rows: CsvCell[][] = given.map((a, i) => [
    i + 1,
    formatTimestamp(a.createdAt),
    SOURCE_LABEL[a.source],
    ...answerCells(record.body, a.answers),
  ]);
  await app.audit.byCaller(caller, "event.questionnaire_exported", event.id, {
    title: event.title,
    format,
    answers: given.length,
    source,
  });
  const only = source === "all" ? "" : `_${SOURCE_LABEL[source]}`;
  const base = `アンケート_${event.title}${only}`.replace(/[\\/:*?"<>|]/g, "_");
  if (format === "csv") {
    const { toCsv } = await import("@tsumugi/plan-io/csv");
    return { name: `${base}.csv`, mediaType: "text/csv; charset=utf-8", content: toCsv([header, ...rows]) };
  }
  const results = questionnaireResults(
    record.body,
    given.map((a) => a.answers),
  );
  const paper = given.filter((a) => a.source === "paper").length;
  const which = source === "all" ? `（うち紙 ${paper}件）` : `（${SOURCE_LABEL[source]}のみ）`;
  const counts: CsvCell[][] = [];
  for (const q of results.questions) {
    if (q.type === "text") {
      counts.push([q.text, "（自由記述）", q.answered, null]);
      continue;
    }
    q.counts.forEach((n, i) => {
      const label = q.type === "scale" ? `${i + 1}：${q.options[i] ?? ""}` : q.options[i];
      counts.push([
        i === 0 ? q.text : "",
        label,
        n,
        q.answered ? Math.round((n / q.answered) * 1000) / 10 : null,
      ]);
    });
    if (q.mean !== null) counts.push(["", "平均", Math.round(q.mean * 100) / 100, null]);
  }
  const { tableWorkbookBytes } = await import("@tsumugi/plan-io");
  const bytes = await tableWorkbookBytes([
    {
      name: "集計",
      title: `${record.body.title}（${event.title}） 回答 ${results.answers}件${which}`,
      header: ["質問", "選択肢", "件数", "割合（%）"],
      rows: counts,
      widths: [40, 28, 10, 10],
    },
    {
      name: "回答一覧",
      title: `${record.body.title}（${event.title}）`,
      header,
      rows,
      widths: [10, 26, 16, ...record.body.questions.map((q) => (q.type === "text" ? 50 : 20))],
    },
  ]);
  return { name: `${base}.xlsx`, mediaType: XLSX, content: bytes as Uint8Array<ArrayBuffer> };
}

/**
 * /api/workspaces/:wid/events/:eid/questionnaire — an event's questionnaire (アンケート): the
 * builder's questionnaire, templates and copies, the results (counts, means, free texts, by
 * 職種) and the answers as CSV or Excel; /events/questionnaire-sources lists the questionnaires
 * a new one may start from.
 */
import {
  AnswerSourceQuery,
  CopyQuestionnaire,
  FromTemplate,
  PaperAnswer,
  PaperAnswerEntered,
  QuestionnaireResult,
  QuestionnaireResultsAnswer,
  QuestionnaireSources,
  SaveQuestionnaire,
} from "@tsumugi/contract";
import { abilitiesOf, formatTimestamp, type QuestionnaireBody, questionnaireResults } from "@tsumugi/domain";
import type { CsvCell } from "@tsumugi/plan-io/csv";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody, queryParams } from "../http/operation.js";
import { changeStream } from "../http/sse.js";
import { loadActor } from "../workspaces/actor.js";
import { eventResource } from "./event-presenter.js";
import { type EventView, findEventView } from "./event-repository.js";
import { loadEvent } from "./event-routes.js";
import {
  copyQuestionnaire,
  deleteQuestionnaire,
  enterPaperAnswer,
  questionnaireFromTemplateCommand,
  questionnaireNotFound,
  saveQuestionnaire,
} from "./questionnaire-commands.js";
import type { AnswerAnnouncer } from "./questionnaire-events.js";
import { presentQuestionnaire } from "./questionnaire-presenter.js";
import type { AnswerSource } from "./questionnaire-repository.js";
import * as repo from "./questionnaire-repository.js";

const tag = "events";

async function answerOf(c: { var: AppEnv["Variables"] }, event: EventView, record: repo.QuestionnaireRecord) {
  const n = await repo.answerCount(c.var.app.kysely, event.id);
  return { questionnaire: presentQuestionnaire(event, record, n) };
}

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

/** The answers the `?source=` asks for, and how many came from each source. */
function bySource(given: repo.StoredAnswer[], source: "all" | AnswerSource | undefined) {
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

export function questionnaireRoutes(live: AnswerAnnouncer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/questionnaire-sources",
    describe({
      summary: "Questionnaires of the workspace's events a new one may start from",
      tag,
      response: QuestionnaireSources,
    }),
    allowIn("events.create"),
    async (c) => {
      const list = await repo.questionnaireSources(c.var.app.kysely, c.var.workspaceId);
      return c.json({
        events: list.map((s) => ({
          eventId: s.eventId,
          title: s.title,
          startsAt: s.startsAt,
          questionnaireTitle: s.body.title,
          questions: s.body.questions.length,
          answers: s.answers,
        })),
      });
    },
  );

  r.get(
    "/:eid/questionnaire",
    describe({
      summary: "The event's questionnaire (null when none was made yet)",
      tag,
      response: QuestionnaireResult,
    }),
    loadEvent,
    allow("readResults", "event", eventResource),
    async (c) => {
      const record = await repo.findQuestionnaire(c.var.app.kysely, c.var.event.id);
      if (!record) return c.json({ questionnaire: null });
      return c.json(await answerOf(c, c.var.event, record));
    },
  );

  r.put(
    "/:eid/questionnaire",
    describe({
      summary: "Save the questionnaire (once answered, questions keep their type and choices)",
      tag,
      response: QuestionnaireResult,
      errors: [409],
    }),
    jsonBody(SaveQuestionnaire),
    loadEvent,
    allow("manageQuestionnaire", "event", eventResource),
    async (c) => {
      const record = await saveQuestionnaire(c.var.app, callerOf(c), c.var.event, c.req.valid("json"));
      return c.json(await answerOf(c, c.var.event, record));
    },
  );

  r.post(
    "/:eid/questionnaire/template",
    describe({
      summary: "Start the questionnaire from a template (研修アンケート, 市民公開講座アンケート …)",
      tag,
      response: QuestionnaireResult,
      errors: [409],
    }),
    jsonBody(FromTemplate),
    loadEvent,
    allow("manageQuestionnaire", "event", eventResource),
    async (c) => {
      const { template } = c.req.valid("json");
      const record = await questionnaireFromTemplateCommand(c.var.app, callerOf(c), c.var.event, template);
      return c.json(await answerOf(c, c.var.event, record));
    },
  );

  r.post(
    "/:eid/questionnaire/copy",
    describe({
      summary: "Start the questionnaire from another event's (e.g. last year's つむぐ会)",
      tag,
      response: QuestionnaireResult,
      errors: [409],
    }),
    jsonBody(CopyQuestionnaire),
    loadEvent,
    allow("manageQuestionnaire", "event", eventResource),
    async (c) => {
      const { fromEventId } = c.req.valid("json");
      const record = await copyQuestionnaire(c.var.app, callerOf(c), c.var.event, fromEventId);
      return c.json(await answerOf(c, c.var.event, record));
    },
  );

  r.delete(
    "/:eid/questionnaire",
    describe({ summary: "Remove a questionnaire nobody answered", tag, ok: 204, errors: [409] }),
    loadEvent,
    allow("manageQuestionnaire", "event", eventResource),
    async (c) => {
      await deleteQuestionnaire(c.var.app, callerOf(c), c.var.event);
      return c.body(null, 204);
    },
  );

  r.post(
    "/:eid/questionnaire/answers",
    describe({
      summary: "Enter an answer written on the paper form (organisers; open or closed)",
      tag,
      ok: 201,
      response: PaperAnswerEntered,
    }),
    jsonBody(PaperAnswer),
    loadEvent,
    allow("manageQuestionnaire", "event", eventResource),
    async (c) => {
      const answers = await enterPaperAnswer(
        c.var.app,
        callerOf(c),
        live,
        c.var.event,
        c.req.valid("json").answers,
      );
      return c.json({ answers }, 201);
    },
  );

  r.get(
    "/:eid/questionnaire/results",
    describe({
      summary:
        "Results: counts per choice, means of scales, free texts, answers by 職種; by source (phone, paper) with ?source=",
      tag,
      response: QuestionnaireResultsAnswer,
    }),
    queryParams(AnswerSourceQuery),
    loadEvent,
    allow("readResults", "event", eventResource),
    async (c) => {
      const q = c.var.app.kysely;
      const record = await repo.findQuestionnaire(q, c.var.event.id);
      if (!record) return c.json({ results: null });
      const { source, sources, answers } = bySource(
        await repo.answersOf(q, [c.var.event.id]),
        c.req.valid("query").source,
      );
      return c.json({
        results: {
          source,
          sources,
          ...questionnaireResults(
            record.body,
            answers.map((a) => a.answers),
          ),
        },
      });
    },
  );

  // An answer arrived (a phone, or paper typed in): open results fetch again.
  r.get(
    "/:eid/questionnaire/events",
    describe({
      summary: "Server-sent events: 'changed' with where the answers came from when answers arrive",
      tag,
      file: "text/event-stream",
    }),
    loadEvent,
    allow("readResults", "event", eventResource),
    async (c) => {
      const { app, actor, workspaceId, event } = c.var;
      // The stream needs only what every workspace route has (session, user, workspace).
      return changeStream<AnswerSource>(c as unknown as Context<AppEnv>, {
        subscribe: (listener) => live.questionnaires.on(event.id, listener),
        toData: (batch) => ({ answers: batch.length, sources: [...new Set(batch)] }),
        stillAllowed: async () => {
          const now = await loadActor(app.kysely, actor.userId, workspaceId);
          const seen = await findEventView(app.kysely, workspaceId, event.id);
          return (
            seen !== undefined &&
            abilitiesOf(now, eventResource({ ...seen, seenFrom: workspaceId })).readResults
          );
        },
      });
    },
  );

  for (const format of ["csv", "xlsx"] as const) {
    r.get(
      `/:eid/questionnaire/answers.${format}`,
      describe({
        summary:
          format === "csv"
            ? "The answers, one row each (CSV, UTF-8 with BOM)"
            : "The answers and the counts per question (Excel)",
        tag,
        file:
          format === "csv" ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      }),
      queryParams(AnswerSourceQuery),
      loadEvent,
      allow("readResults", "event", eventResource),
      async (c) => {
        const { app } = c.var;
        const event = c.var.event;
        const record = await repo.findQuestionnaire(app.kysely, event.id);
        if (!record) throw questionnaireNotFound();
        const { source, answers: given } = bySource(
          await repo.answersOf(app.kysely, [event.id]),
          c.req.valid("query").source,
        );
        // One table for both files: the same columns in the CSV and in the Excel sheet.
        const header = ["回答番号", "回答日時", "回答方法", ...record.body.questions.map((q) => q.text)];
        const rows: CsvCell[][] = given.map((a, i) => [
          i + 1,
          formatTimestamp(a.createdAt),
          SOURCE_LABEL[a.source],
          ...answerCells(record.body, a.answers),
        ]);
        await app.audit.record({
          event: "event.questionnaire_exported",
          workspaceId: c.var.workspaceId,
          actorUserId: c.var.actor.userId,
          target: event.id,
          ip: c.var.ip,
          detail: { title: event.title, format, answers: given.length, source },
        });
        const only = source === "all" ? "" : `_${SOURCE_LABEL[source]}`;
        const base = `アンケート_${event.title}${only}`.replace(/[\\/:*?"<>|]/g, "_");
        if (format === "csv") {
          const { toCsv } = await import("@tsumugi/plan-io/csv");
          c.header("Content-Type", "text/csv; charset=utf-8");
          c.header(
            "Content-Disposition",
            `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.csv`)}`,
          );
          return c.body(toCsv([header, ...rows]));
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
        c.header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.xlsx`)}`);
        return c.body(bytes as Uint8Array<ArrayBuffer>);
      },
    );
  }

  return r;
}

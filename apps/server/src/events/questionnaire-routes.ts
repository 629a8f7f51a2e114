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
import { abilitiesOf } from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody, queryParams } from "../http/operation.js";
import { changeStream } from "../http/sse.js";
import { loadActor } from "../workspaces/actor.js";
import { eventResource } from "./event-presenter.js";
import { findEventView } from "./event-repository.js";
import { loadEvent } from "./event-routes.js";
import type { EventView } from "./event-rows.js";
import { exportAnswers, questionnaireResultsOf, XLSX } from "./questionnaire-answers.js";
import {
  copyQuestionnaire,
  deleteQuestionnaire,
  enterPaperAnswer,
  questionnaireFromTemplateCommand,
  saveQuestionnaire,
} from "./questionnaire-commands.js";
import type { AnswerAnnouncer } from "./questionnaire-events.js";
import { presentQuestionnaire, presentQuestionnaireSources } from "./questionnaire-presenter.js";
import type { AnswerSource } from "./questionnaire-repository.js";
import * as repo from "./questionnaire-repository.js";

const tag = "events";

async function answerOf(c: { var: AppEnv["Variables"] }, event: EventView, record: repo.QuestionnaireRecord) {
  const n = await repo.answerCount(c.var.app.kysely, event.id);
  return { questionnaire: presentQuestionnaire(event, record, n) };
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
      return c.json(presentQuestionnaireSources(list));
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
      const results = await questionnaireResultsOf(
        c.var.app.kysely,
        c.var.event.id,
        c.req.valid("query").source,
      );
      return c.json({ results });
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
        file: format === "csv" ? "text/csv" : XLSX,
      }),
      queryParams(AnswerSourceQuery),
      loadEvent,
      allow("readResults", "event", eventResource),
      async (c) => {
        const file = await exportAnswers(
          c.var.app,
          callerOf(c),
          c.var.event,
          format,
          c.req.valid("query").source,
        );
        c.header("Content-Type", file.mediaType);
        c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
        return c.body(file.content);
      },
    );
  }

  return r;
}

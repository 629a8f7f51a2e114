/**
 * /api/workspaces/:wid/event-requests — 出前講座 requests for the secretariat and the desk's
 * coordinators (`events.requests`): the list with the requesters' contacts (each read logged),
 * a status step or note. The lecture is made from a request with POST …/events and its
 * `requestId`.
 *
 * /api/public/event-requests/:lg — the public request form (no account): the offered topics
 * and a signed form token; sending it (hidden field, token, per-address limit) answers the
 * 受付番号.
 */
import {
  EventRequestList,
  EventRequestResult,
  PublicRequest,
  PublicRequestPage,
  RequestReceived,
  UpdateEventRequest,
} from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
import { allow, allowIn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import type { PublicFormGuard } from "../http/public-form-guard.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import { workspaceByLgCode } from "./cohost-repository.js";
import { admitPublicForm, type FormTokens } from "./form-tokens.js";
import { changeRequest, readRequests, receiveRequest, requestNotFound } from "./request-commands.js";
import { presentRequest, requestResource } from "./request-presenter.js";
import { findRequest } from "./request-repository.js";
import { listSeries } from "./series-repository.js";

const tag = "events";

/** The 出前講座 a municipality offers: its series of kind 出前講座. */
async function offeredTopics(q: QueryBuilder, workspaceId: string) {
  return (await listSeries(q, workspaceId)).filter((s) => s.kind === "outreachLecture");
}

const loadRequest = load(
  "request",
  async (c) => {
    const rid = c.req.param("rid");
    return isId(rid) ? findRequest(c.var.app.kysely, c.var.workspaceId, rid) : undefined;
  },
  requestNotFound,
);

export function requestRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary:
        "出前講座 requests with the requesters' contacts (secretariat and coordinators; each read logged)",
      tag,
      response: EventRequestList,
    }),
    allowIn("events.requests"),
    async (c) => {
      const app = c.var.app;
      const [rows, topics, workspace] = await Promise.all([
        readRequests(app, callerOf(c)),
        offeredTopics(app.kysely, c.var.workspaceId),
        findWorkspace(app.kysely, c.var.workspaceId),
      ]);
      return c.json({
        requests: rows.map((x) => presentRequest(c.var.actor, x.view, x.personal, topics)),
        formPath: workspace?.lgCode ? `/p/${workspace.lgCode}/lecture-request` : null,
        topics: topics.map((t) => ({ id: t.id, name: t.name })),
      });
    },
  );

  r.patch(
    "/:rid",
    describe({
      summary: "Move a request on (受付 → 調整中 → 決定 → 実施済, お断り) or change the desk's note",
      tag,
      response: EventRequestResult,
      errors: [409],
    }),
    jsonBody(UpdateEventRequest),
    loadRequest,
    allow("update", "request", requestResource),
    async (c) => {
      const app = c.var.app;
      const { view, personal } = await changeRequest(app, callerOf(c), c.var.request, c.req.valid("json"));
      const topics = await offeredTopics(app.kysely, c.var.workspaceId);
      return c.json({ request: presentRequest(c.var.actor, view, personal, topics) });
    },
  );

  return r;
}

const LG = /^\d{6}$/;
const formNotFound = () =>
  new ApiError(
    404,
    "request.formNotFound",
    "出前講座の依頼フォームが見つかりません。アドレスをお確かめください。",
  );
const requestForm = (lg: string) => `lecture-request:${lg}`;

export function publicRequestRoutes(guard: PublicFormGuard, tokens: FormTokens): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  const loadMunicipality = load(
    "municipality",
    async (c) => {
      const lg = c.req.param("lg") ?? "";
      return LG.test(lg) ? workspaceByLgCode(c.var.app.kysely, lg) : undefined;
    },
    formNotFound,
  );

  r.get(
    "/:lg",
    describe({
      summary: "The public 出前講座 request form: the offered topics and the form's signed token",
      tag,
      public: true,
      response: PublicRequestPage,
      errors: [404],
    }),
    loadMunicipality,
    async (c) => {
      const m = c.var.municipality;
      const topics = await offeredTopics(c.var.app.kysely, m.workspaceId);
      return c.json({
        municipality: { name: m.name, prefecture: m.prefecture, lgCode: m.lgCode },
        topics: topics.map((t) => ({ name: t.name, description: t.description })),
        formToken: await tokens.issue(requestForm(m.lgCode)),
        retentionDays: c.var.app.config.publicForms.participantRetentionDays,
      });
    },
  );

  r.post(
    "/:lg",
    describe({
      summary: "Ask for a 出前講座 (public form): answers the 受付番号",
      description:
        "Refused with 400 when a field is wrong (a code per field; a wished date in the past is `past`), the form token is missing, altered, expired or the form was sent too fast, or the hidden field is filled; 429 when the address sent too many forms.",
      tag,
      public: true,
      ok: 201,
      response: RequestReceived,
      errors: [404, 429],
    }),
    jsonBody(PublicRequest),
    loadMunicipality,
    async (c) => {
      const app = c.var.app;
      const m = c.var.municipality;
      const input = c.req.valid("json");
      const { maxPerIp, windowMs } = app.config.publicForms;
      await guard.admit("lecture-request", c.var.ip, { perIp: maxPerIp, windowMs });
      await admitPublicForm(
        app,
        tokens,
        { kind: "lectureRequest", name: requestForm(m.lgCode), workspaceId: m.workspaceId, ip: c.var.ip },
        input,
      );
      const record = await receiveRequest(app, m.workspaceId, input, c.var.ip);
      return c.json({ number: record.number, receivedAt: record.receivedAt }, 201);
    },
  );

  return r;
}

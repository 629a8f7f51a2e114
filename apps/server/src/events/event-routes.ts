/**
 * /api/workspaces/:wid/events — trainings, lectures and other events (研修・普及啓発), shared
 * with co-hosting municipalities: the list, an event's details, status, deletion and co-hosts.
 * Its participants are in participant-routes.ts, its questionnaire and materials in their own.
 */
import {
  CohostCandidates,
  CreateEvent,
  EventDetail,
  EventList,
  EventListQuery,
  EventResult,
  PlanLinks,
  PlanLinksQuery,
  SetEventStatus,
  UpdateEvent,
} from "@tsumugi/contract";
import { attendanceSummary, isId } from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type * as z from "zod";
import type { AppEnv } from "../http/env.js";
import { invalid } from "../http/errors.js";
import {
  allow,
  allowIn,
  allowOn,
  callerOf,
  describe,
  jsonBody,
  load,
  queryParams,
} from "../http/operation.js";
import { cohostCandidates } from "./cohost-repository.js";
import {
  createEvent,
  deleteEvent,
  eventNotFound,
  setCohost,
  setEventStatus,
  updateEvent,
} from "./event-commands.js";
import { eventResource, presentEvent, type SeenEvent } from "./event-presenter.js";
import { findEventView, listEventViews } from "./event-repository.js";
import { participantFactsOf } from "./participant-repository.js";
import { planLinks } from "./plan-links.js";
import { presentSeries } from "./series-presenter.js";
import { listSeries } from "./series-repository.js";

const tag = "events";

/** The validated body of a new event, for the decisions made on it. */
const createInput = (c: Context<AppEnv>) => c.req.valid("json" as never) as z.output<typeof CreateEvent>;

/** The event as seen from the request's workspace (its host, or a co-host). */
export const loadEvent = load(
  "event",
  async (c): Promise<SeenEvent | undefined> => {
    const eid = c.req.param("eid");
    const view = isId(eid) ? await findEventView(c.var.app.kysely, c.var.workspaceId, eid) : undefined;
    return view && { ...view, seenFrom: c.var.workspaceId };
  },
  eventNotFound,
);
export function eventRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary: "Events of the workspace and those it co-hosts (optionally of one 年度), and the series",
      tag,
      response: EventList,
    }),
    queryParams(EventListQuery),
    allowIn("events.read"),
    async (c) => {
      const { fiscalYear } = c.req.valid("query");
      const [events, series] = await Promise.all([
        listEventViews(c.var.app.kysely, c.var.workspaceId, { fiscalYear }),
        listSeries(c.var.app.kysely, c.var.workspaceId),
      ]);
      return c.json({
        events: events.map((e) => presentEvent(c.var.actor, c.var.workspaceId, e)),
        series: series.map((s) => presentSeries(c.var.actor, s)),
      });
    },
  );

  r.post(
    "/",
    describe({ summary: "Create an event", tag, ok: 201, response: EventResult }),
    jsonBody(CreateEvent),
    allowIn("events.create"),
    allowOn((c) => ({
      verb: "organise",
      resource: { kind: "eventOrganisers", groupIds: createInput(c).organiserGroupIds },
    })),
    // A lecture made from a 出前講座 request: by those who handle the requests.
    allowOn((c) => ({
      verb: createInput(c).requestId ? "events.requests" : "events.create",
      resource: { kind: "workspace" },
    })),
    async (c) => {
      const event = await createEvent(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ event: presentEvent(c.var.actor, c.var.workspaceId, event) }, 201);
    },
  );

  r.get(
    "/cohost-candidates",
    describe({
      summary: "Municipalities an event may be co-hosted with (those sharing a region group)",
      tag,
      response: CohostCandidates,
    }),
    allowIn("events.create"),
    async (c) => {
      const list = await cohostCandidates(c.var.app.kysely, c.var.workspaceId);
      return c.json({
        municipalities: list.map((m) => ({
          workspaceId: m.workspaceId,
          name: m.name,
          prefecture: m.prefecture,
        })),
      });
    },
  );

  r.get(
    "/plan-links",
    describe({
      summary: "The plan actions and schedule rows of a 年度 an event may be linked to",
      tag,
      response: PlanLinks,
    }),
    queryParams(PlanLinksQuery),
    allowIn("plans.read"),
    async (c) =>
      c.json(await planLinks(c.var.app.kysely, c.var.workspaceId, c.req.valid("query").fiscalYear)),
  );

  r.get(
    "/:eid",
    describe({
      summary: "An event with its attendance by profession and organisation",
      tag,
      response: EventDetail,
    }),
    loadEvent,
    allow("readResults", "event", eventResource),
    async (c) => {
      const facts = await participantFactsOf(c.var.app.kysely, [c.var.event.id]);
      return c.json({
        event: presentEvent(c.var.actor, c.var.workspaceId, c.var.event),
        attendance: attendanceSummary(facts),
      });
    },
  );

  r.patch(
    "/:eid",
    describe({
      summary: "Change an event (details, registration open or closed, published)",
      tag,
      response: EventResult,
    }),
    jsonBody(UpdateEvent),
    loadEvent,
    allow("update", "event", eventResource),
    // Whoever changes the organisers must still be one of them afterwards (or the secretariat).
    allowOn((c) => {
      const { organiserGroupIds } = c.req.valid("json" as never) as z.output<typeof UpdateEvent>;
      return organiserGroupIds
        ? { verb: "organise", resource: { kind: "eventOrganisers", groupIds: organiserGroupIds } }
        : { verb: "update", resource: eventResource(c.get("event" as never) as SeenEvent) };
    }),
    async (c) => {
      const event = await updateEvent(c.var.app, callerOf(c), c.var.event, c.req.valid("json"));
      return c.json({ event: presentEvent(c.var.actor, c.var.workspaceId, event) });
    },
  );

  r.post(
    "/:eid/status",
    describe({ summary: "Mark an event held, cancelled or planned again", tag, response: EventResult }),
    jsonBody(SetEventStatus),
    loadEvent,
    allow("update", "event", eventResource),
    async (c) => {
      const event = await setEventStatus(c.var.app, callerOf(c), c.var.event, c.req.valid("json"));
      return c.json({ event: presentEvent(c.var.actor, c.var.workspaceId, event) });
    },
  );

  r.delete(
    "/:eid",
    describe({ summary: "Delete an event without registrations or answers", tag, ok: 204, errors: [409] }),
    loadEvent,
    allow("delete", "event", eventResource),
    async (c) => {
      await deleteEvent(c.var.app, callerOf(c), c.var.event);
      return c.body(null, 204);
    },
  );

  for (const add of [true, false]) {
    r[add ? "put" : "delete"](
      "/:eid/cohosts/:cwid",
      describe({
        summary: add
          ? "Share the event with a co-hosting municipality"
          : "Stop sharing the event with a co-host",
        tag,
        response: EventResult,
        errors: add ? [409] : [],
      }),
      loadEvent,
      allow("update", "event", eventResource),
      async (c) => {
        const cwid = c.req.param("cwid");
        if (!isId(cwid) || cwid === c.var.workspaceId) throw invalid({ workspaceId: "unknown" });
        const event = await setCohost(c.var.app, callerOf(c), c.var.event, cwid, add);
        return c.json({ event: presentEvent(c.var.actor, c.var.workspaceId, event) });
      },
    );
  }

  return r;
}

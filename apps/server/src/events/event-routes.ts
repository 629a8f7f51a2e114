/**
 * /api/workspaces/:wid/events — trainings, lectures and other events (研修・普及啓発), shared
 * with co-hosting municipalities; /api/workspaces/:wid/event-series — recurring events.
 */
import {
  AddWalkIn,
  CheckIn,
  CheckInResult,
  CohostCandidates,
  CreateEvent,
  CreateEventSeries,
  DoorCount,
  DoorCountList,
  EventDetail,
  EventList,
  EventListQuery,
  EventResult,
  EventSeriesResult,
  ParticipantList,
  ParticipantResult,
  PlanLinks,
  PlanLinksQuery,
  SeriesDetail,
  SetEventStatus,
  UpdateEvent,
  UpdateEventSeries,
} from "@tsumugi/contract";
import { abilitiesOf, attendanceSummary, isId } from "@tsumugi/domain";
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
import type { QueryBuilder } from "../storage/query-builder.js";
import {
  createEvent,
  createSeries,
  deleteEvent,
  eventNotFound,
  seriesNotFound,
  setCohost,
  setEventStatus,
  updateEvent,
  updateSeries,
} from "./event-commands.js";
import {
  eventResource,
  presentEvent,
  presentParticipant,
  presentSeries,
  type SeenEvent,
} from "./event-presenter.js";
import {
  cohostCandidates,
  findEventView,
  findSeries,
  listEventViews,
  listSeries,
} from "./event-repository.js";
import { addDoorCount, removeDoorCount } from "./participant-commands.js";
import { openParticipant } from "./participant-fields.js";
import { listParticipants, participantFactsOf } from "./participant-repository.js";
import { planLinks } from "./plan-links.js";
import {
  addWalkIn,
  cancelRegistration,
  checkIn,
  findParticipantOf,
  readParticipants,
  removeWalkIn,
} from "./registration-commands.js";
import { seriesDetail } from "./series-report.js";

const tag = "events";

/** The validated body of a new event, for the decisions made on it. */
const createInput = (c: Context<AppEnv>) => c.req.valid("json" as never) as z.output<typeof CreateEvent>;

/** What the caller may do with the loaded event. */
const abilitiesOfEvent = (c: { var: AppEnv["Variables"] & { event: SeenEvent } }) =>
  abilitiesOf(c.var.actor, eventResource(c.var.event));

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
        series: series.map(presentSeries),
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

  /** The anonymous counts at the door and the attendance they make with the registrations. */
  const doorCounts = async (db: QueryBuilder, eventId: string) => {
    const rows = await listParticipants(db, eventId);
    const facts = await participantFactsOf(db, [eventId]);
    return {
      counts: rows
        .filter((p) => p.walkIn && p.personal === null && p.erasedAt === null)
        .map((p) => ({
          id: p.id,
          profession: p.profession,
          organisation: p.organisation,
          headcount: p.headcount,
          recordedAt: p.createdAt,
        })),
      attendance: attendanceSummary(facts),
    };
  };

  r.get(
    "/:eid/door-counts",
    describe({
      summary: "People counted at the door by 職種 (no names), for the organisers",
      tag,
      response: DoorCountList,
    }),
    loadEvent,
    allow("checkIn", "event", eventResource),
    async (c) => c.json(await doorCounts(c.var.app.kysely, c.var.event.id)),
  );

  r.post(
    "/:eid/door-counts",
    describe({
      summary: "Record people counted at the door (a 職種, an organisation, how many)",
      tag,
      ok: 201,
      response: DoorCountList,
      errors: [409],
    }),
    jsonBody(DoorCount),
    loadEvent,
    allow("checkIn", "event", eventResource),
    async (c) => {
      await addDoorCount(c.var.app, callerOf(c), c.var.event, c.req.valid("json"));
      return c.json(await doorCounts(c.var.app.kysely, c.var.event.id), 201);
    },
  );

  r.delete(
    "/:eid/door-counts/:pid",
    describe({ summary: "Remove a count recorded by mistake", tag, response: DoorCountList }),
    loadEvent,
    allow("checkIn", "event", eventResource),
    async (c) => {
      const pid = c.req.param("pid");
      if (!isId(pid)) throw invalid({ id: "unknown" });
      await removeDoorCount(c.var.app, callerOf(c), c.var.event, pid);
      return c.json(await doorCounts(c.var.app.kysely, c.var.event.id));
    },
  );

  r.get(
    "/:eid/participants",
    describe({
      summary:
        "Participants with names and contacts: all for the organisers, those who agreed for a co-host's secretariat (each read logged)",
      tag,
      response: ParticipantList,
    }),
    loadEvent,
    allow("readAgreedParticipants", "event", eventResource),
    async (c) => {
      const all = abilitiesOfEvent(c).readParticipants;
      const rows = await readParticipants(c.var.app, callerOf(c), c.var.event, all ? "all" : "agreed");
      return c.json({
        participants: rows.map((p) => presentParticipant(p.record, p.personal)),
        scope: all ? ("all" as const) : ("agreed" as const),
      });
    },
  );

  r.post(
    "/:eid/participants",
    describe({
      summary: "Add someone who came without registering (by name, checked in at once)",
      tag,
      ok: 201,
      response: ParticipantResult,
      errors: [409],
    }),
    jsonBody(AddWalkIn),
    loadEvent,
    allow("checkIn", "event", eventResource),
    async (c) => {
      const p = await addWalkIn(c.var.app, callerOf(c), c.var.event, c.req.valid("json"));
      return c.json({ participant: presentParticipant(p.record, p.personal) }, 201);
    },
  );

  r.delete(
    "/:eid/participants/:pid",
    describe({
      summary: "Remove a walk-in added by mistake (registrations are cancelled instead)",
      tag,
      ok: 204,
    }),
    loadEvent,
    allow("checkIn", "event", eventResource),
    async (c) => {
      const pid = c.req.param("pid");
      if (!isId(pid)) throw invalid({ id: "unknown" });
      await removeWalkIn(c.var.app, callerOf(c), c.var.event, pid);
      return c.body(null, 204);
    },
  );

  r.post(
    "/:eid/participants/:pid/cancel",
    describe({
      summary: "Cancel a registration for someone (the first on the waiting list moves up)",
      tag,
      response: ParticipantList,
    }),
    loadEvent,
    allow("update", "event", eventResource),
    async (c) => {
      const pid = c.req.param("pid");
      if (!isId(pid)) throw invalid({ id: "unknown" });
      const app = c.var.app;
      const row = await findParticipantOf(app, c.var.event, pid);
      await cancelRegistration(app, c.var.event, row, { caller: callerOf(c), ip: c.var.ip });
      const rows = await readParticipants(app, callerOf(c), c.var.event, "all");
      return c.json({
        participants: rows.map((p) => presentParticipant(p.record, p.personal)),
        scope: "all" as const,
      });
    },
  );

  r.post(
    "/:eid/check-in",
    describe({
      summary:
        "Check someone in at the door by the code on their page (typed or scanned) or from the list; undo",
      tag,
      response: CheckInResult,
      errors: [409],
    }),
    jsonBody(CheckIn),
    loadEvent,
    allow("checkIn", "event", eventResource),
    async (c) => {
      const input = c.req.valid("json");
      if (!input.code && !input.participantId) throw invalid({ code: "required" });
      const { record, alreadyCheckedIn } = await checkIn(c.var.app, callerOf(c), c.var.event, input);
      const facts = await participantFactsOf(c.var.app.kysely, [c.var.event.id]);
      const personal = openParticipant(c.var.app.personalData, record.id, record.personal);
      return c.json({
        participant: presentParticipant(record, personal),
        alreadyCheckedIn,
        attendance: attendanceSummary(facts),
      });
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

const loadSeries = load(
  "series",
  async (c) => {
    const sid = c.req.param("sid");
    return isId(sid) ? findSeries(c.var.app.kysely, c.var.workspaceId, sid) : undefined;
  },
  seriesNotFound,
);

export function eventSeriesRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post(
    "/",
    describe({
      summary: "Create a series of events (e.g. つむぐ会)",
      tag,
      ok: 201,
      response: EventSeriesResult,
      errors: [409],
    }),
    jsonBody(CreateEventSeries),
    allowIn("events.create"),
    async (c) => {
      const series = await createSeries(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ series: presentSeries(series) }, 201);
    },
  );

  r.get(
    "/:sid",
    describe({
      summary: "A series over the years: events, participants by profession, trend, questionnaire figures",
      tag,
      response: SeriesDetail,
    }),
    loadSeries,
    allowIn("events.read"),
    async (c) => c.json(await seriesDetail(c.var.app.kysely, c.var.workspaceId, c.var.series)),
  );

  r.patch(
    "/:sid",
    describe({ summary: "Rename or describe a series", tag, response: EventSeriesResult, errors: [409] }),
    jsonBody(UpdateEventSeries),
    loadSeries,
    allowIn("events.create"),
    async (c) => {
      const series = await updateSeries(c.var.app, callerOf(c), c.var.series, c.req.valid("json"));
      return c.json({ series: presentSeries(series) });
    },
  );

  return r;
}

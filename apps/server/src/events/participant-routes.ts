/**
 * /api/workspaces/:wid/events/:eid/… — the people at an event: participants with their names
 * and contacts (each read logged), walk-ins, cancellations for someone, check-in at the door,
 * and the anonymous counts at the door by 職種.
 */
import {
  AddWalkIn,
  CheckIn,
  CheckInResult,
  DoorCount,
  DoorCountList,
  ParticipantList,
  ParticipantResult,
} from "@tsumugi/contract";
import { abilitiesOf, attendanceSummary, isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { invalid } from "../http/errors.js";
import { allow, callerOf, describe, jsonBody } from "../http/operation.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { checkIn } from "./check-in-commands.js";
import { eventResource, presentParticipant, type SeenEvent } from "./event-presenter.js";
import { loadEvent } from "./event-routes.js";
import {
  addDoorCount,
  addWalkIn,
  findParticipantOf,
  readParticipants,
  removeDoorCount,
  removeWalkIn,
} from "./participant-commands.js";
import { openParticipant } from "./participant-fields.js";
import { listParticipants, participantFactsOf } from "./participant-repository.js";
import { cancelRegistration } from "./registration-commands.js";

const tag = "events";

/** What the caller may do with the loaded event. */
const abilitiesOfEvent = (c: { var: AppEnv["Variables"] & { event: SeenEvent } }) =>
  abilitiesOf(c.var.actor, eventResource(c.var.event));

/** The anonymous counts at the door and the attendance they make with the registrations. */
async function doorCounts(db: QueryBuilder, eventId: string) {
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
}

/** Mounted at /api/workspaces/:wid/events, beside eventRoutes. */
export function participantRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

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

  return r;
}

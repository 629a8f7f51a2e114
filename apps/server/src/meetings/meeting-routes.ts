/**
 * /api/workspaces/:wid/meetings — meetings: list, create (numbered 第N回 within the 年度),
 * details, the state machine (下書き → 公開 → 開催中 → 終了; closing snapshots the minutes and
 * the plan) and the minutes' approval. What closed meetings recorded is served by
 * `closed-meeting-routes.ts`, what is read from a meeting's documents by
 * `meeting-document-routes.ts`.
 */
import {
  CreateMeeting,
  MeetingDetail,
  MeetingList,
  MeetingListQuery,
  MeetingResult,
  MoveMeeting,
  MoveMinutes,
  UpdateMeeting,
} from "@tsumugi/contract";
import { type Actor, can, isId } from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppContext } from "../context.js";
import { findGroup } from "../groups/group-repository.js";
import type { AppEnv } from "../http/env.js";
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
import { changeStream } from "../http/sse.js";
import { loadActor } from "../workspaces/actor.js";
import { invitees } from "./invitee-repository.js";
import {
  createMeeting,
  inviteeProblems,
  meetingNotFound,
  moveMeeting,
  moveMinutes,
  updateMeeting,
} from "./meeting-commands.js";
import type { MeetingEvents } from "./meeting-events.js";
import { meetingResource, presentMeeting, presentPrevious } from "./meeting-presenter.js";
import { findMeeting, listMeetings, type MeetingRecord, previousMeeting } from "./meeting-repository.js";

const tag = "meetings";

/** The meeting named in the path, of this workspace (meeting papers and comments use it too). */
export const loadMeeting = load(
  "meeting",
  async (c) => {
    const mid = c.req.param("mid");
    return (isId(mid) ? await findMeeting(c.var.app.kysely, c.var.workspaceId, mid) : null) ?? undefined;
  },
  meetingNotFound,
);

async function present(app: AppContext, actor: Actor, m: MeetingRecord) {
  return presentMeeting(actor, m, await invitees(app.kysely, m.id));
}

/** A group that is not the workspace's, and invitees who are not its active members. */
async function meetingBodyProblems(c: Context<AppEnv>, body: Record<string, unknown>) {
  const problems = await inviteeProblems(c.var.app, c.var.workspaceId, body.invitees);
  const groupId = body.groupId;
  if (
    typeof groupId === "string" &&
    isId(groupId) &&
    !(await findGroup(c.var.app.kysely, c.var.workspaceId, groupId))
  )
    problems.groupId = "unknown";
  return problems;
}

export function meetingRoutes(collab: CollabServer, events: MeetingEvents): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: "Meetings, latest first (?fy= one 年度)", tag, response: MeetingList }),
    queryParams(MeetingListQuery),
    allowIn("meetings.read"),
    async (c) => {
      const fy = Number(c.req.valid("query").fy);
      const list = await listMeetings(
        c.var.app.kysely,
        c.var.workspaceId,
        Number.isInteger(fy) && fy > 0 ? fy : undefined,
      );
      return c.json({ meetings: await Promise.all(list.map((m) => present(c.var.app, c.var.actor, m))) });
    },
  );

  // A meeting was created or changed: the open home pages and meeting lists fetch again.
  r.get(
    "/events",
    describe({
      summary: "Server-sent events: 'changed' with the meeting ids when meetings are created or change",
      tag,
      file: "text/event-stream",
    }),
    allowIn("meetings.read"),
    async (c) => {
      const { app, actor, workspaceId } = c.var;
      return changeStream<string>(c, {
        subscribe: (listener) => events.on(workspaceId, listener),
        toData: (batch) => ({ meetingIds: [...new Set(batch)] }),
        stillAllowed: async () =>
          can(await loadActor(app.kysely, actor.userId, workspaceId), "meetings.read"),
      });
    },
  );

  r.post(
    "/",
    describe({ summary: "Create a meeting with its minutes", tag, ok: 201, response: MeetingResult }),
    jsonBody(CreateMeeting, { check: meetingBodyProblems }),
    // Who may create it depends on the group it is for (the whole committee's: the secretariat's).
    allowOn((c) => {
      const groupId = (c.req.valid("json" as never) as CreateMeeting).groupId ?? null;
      return groupId === null
        ? { verb: "meetings.plenary", resource: { kind: "workspace" } }
        : { verb: "createMeeting", resource: { kind: "group", id: groupId } };
    }),
    async (c) => {
      const m = await createMeeting(c.var.app, callerOf(c), events, c.req.valid("json"));
      return c.json({ meeting: await present(c.var.app, c.var.actor, m) }, 201);
    },
  );

  r.get(
    "/:mid",
    describe({
      summary: "A meeting and the previous one of its kind and group",
      tag,
      response: MeetingDetail,
    }),
    loadMeeting,
    allow("read", "meeting", meetingResource),
    async (c) => {
      const m = c.var.meeting;
      const previous = await previousMeeting(c.var.app.kysely, m);
      return c.json({
        meeting: await present(c.var.app, c.var.actor, m),
        previous: previous ? presentPrevious(previous) : null,
      });
    },
  );

  r.patch(
    "/:mid",
    describe({
      summary: "Edit a meeting's details and invitees",
      tag,
      response: MeetingResult,
      errors: [409],
    }),
    jsonBody(UpdateMeeting, {
      check: async (c, body) => inviteeProblems(c.var.app, c.var.workspaceId, body.invitees),
    }),
    loadMeeting,
    allow("manage", "meeting", meetingResource),
    async (c) => {
      const m = await updateMeeting(
        c.var.app,
        collab,
        callerOf(c),
        events,
        c.var.meeting,
        c.req.valid("json"),
      );
      return c.json({ meeting: await present(c.var.app, c.var.actor, m) });
    },
  );

  r.post(
    "/:mid/state",
    describe({
      summary: "Move a meeting: 下書き → 公開 → 開催中 → 終了 (closing snapshots the minutes and the plan)",
      tag,
      response: MeetingResult,
      errors: [409],
    }),
    jsonBody(MoveMeeting),
    loadMeeting,
    allow("manage", "meeting", meetingResource),
    async (c) => {
      const { state } = c.req.valid("json");
      const m = await moveMeeting(c.var.app, collab, callerOf(c), events, c.var.meeting, state);
      return c.json({ meeting: await present(c.var.app, c.var.actor, m) });
    },
  );

  r.post(
    "/:mid/minutes-state",
    describe({
      summary: "Circulate the minutes for review (確認依頼) or fix them (確定, read-only for everyone)",
      tag,
      response: MeetingResult,
      errors: [409],
    }),
    jsonBody(MoveMinutes),
    loadMeeting,
    allowOn((c) => ({
      verb: (c.req.valid("json" as never) as MoveMinutes).state === "fixed" ? "fixMinutes" : "manage",
      resource: meetingResource(c.get("meeting" as never) as MeetingRecord),
    })),
    async (c) => {
      const { state } = c.req.valid("json");
      const m = await moveMinutes(c.var.app, collab, callerOf(c), events, c.var.meeting, state);
      return c.json({ meeting: await present(c.var.app, c.var.actor, m) });
    },
  );

  return r;
}

/**
 * /api/workspaces/:wid/meetings — meetings: list, create (numbered 第N回 within the 年度),
 * details, the state machine (下書き → 公開 → 開催中 → 終了; closing snapshots the minutes and
 * the plan), the minutes' approval, the change report since the previous meeting, outcomes
 * that become plan actions, Markdown export and the counts the indicators use.
 */
import {
  CreateMeeting,
  DecisionList,
  DecisionQuery,
  MeetingBacklog,
  MeetingDetail,
  MeetingList,
  MeetingListQuery,
  MeetingPlanChanges,
  MeetingResult,
  MeetingStats,
  MoveMeeting,
  MoveMinutes,
  OutcomeActionCreated,
  OutcomeToAction,
  UpdateMeeting,
} from "@tsumugi/contract";
import { type Actor, can, isId } from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppContext } from "../context.js";
import type { DocumentRecord } from "../documents/document-repository.js";
import { findGroup } from "../groups/group-repository.js";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
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
import { findPlanDocument } from "../plan/plan-repository.js";
import { loadActor } from "../workspaces/actor.js";
import { closedMeetingCounts, decisions } from "./closed-meeting-repository.js";
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
import { meetingMarkdown } from "./meeting-export.js";
import {
  meetingOutcomeResource,
  meetingResource,
  presentMeeting,
  presentPrevious,
} from "./meeting-presenter.js";
import { backlogOfPrevious, planChangesSincePrevious } from "./meeting-queries.js";
import { findMeeting, listMeetings, type MeetingRecord, previousMeeting } from "./meeting-repository.js";
import { createActionFromOutcome } from "./outcome-action.js";

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

/** The plan of the loaded meeting's 年度, where a 取組 outcome becomes an action; 409 without one. */
const loadMeetingPlan = load(
  "plan",
  async (c) => {
    const m = c.get("meeting" as never) as MeetingRecord;
    return (await findPlanDocument(c.var.app.kysely, m.workspaceId, m.fiscalYear)) ?? undefined;
  },
  () => new ApiError(409, "plan.notFound", "この年度の計画がまだありません。先に計画を作成してください。"),
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

  // Meetings held and attendance per 年度: what the indicators count (協議会・部会 開催回数).
  r.get(
    "/stats",
    describe({ summary: "Closed meetings and attendances per 年度 and kind", tag, response: MeetingStats }),
    allowIn("meetings.read"),
    async (c) => c.json({ stats: await closedMeetingCounts(c.var.app.kysely, c.var.workspaceId) }),
  );

  // Decisions across meetings, newest first; `q` searches their text.
  r.get(
    "/decisions",
    describe({ summary: "Decisions across meetings, newest first", tag, response: DecisionList }),
    queryParams(DecisionQuery),
    allowIn("meetings.read"),
    async (c) => {
      const q = (c.req.valid("query").q ?? "").trim().slice(0, 100);
      return c.json({ decisions: await decisions(c.var.app.kysely, c.var.workspaceId, q) });
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
    async (c, next) =>
      allow(
        c.req.valid("json").state === "fixed" ? "fixMinutes" : "manage",
        "meeting",
        meetingResource,
      )(c, next),
    async (c) => {
      const { state } = c.req.valid("json");
      const m = await moveMinutes(c.var.app, collab, callerOf(c), events, c.var.meeting, state);
      return c.json({ meeting: await present(c.var.app, c.var.actor, m) });
    },
  );

  // "前回の会議からの変更": the plan now against the snapshot taken when the previous meeting closed.
  r.get(
    "/:mid/changes",
    describe({
      summary: "The plan's changes since the previous meeting closed",
      tag,
      response: MeetingPlanChanges,
    }),
    loadMeeting,
    allow("read", "meeting", meetingResource),
    async (c) => {
      const found = await planChangesSincePrevious(c.var.app.kysely, collab, c.var.meeting);
      return c.json(
        (found
          ? { previous: presentPrevious(found.previous), changes: found.changes }
          : { previous: null, changes: [] }) satisfies MeetingPlanChanges,
      );
    },
  );

  // The previous meeting's agenda items not reached, offered for this one's agenda.
  r.get(
    "/:mid/backlog",
    describe({ summary: "The previous meeting's agenda items not reached", tag, response: MeetingBacklog }),
    loadMeeting,
    allow("read", "meeting", meetingResource),
    async (c) => {
      const found = await backlogOfPrevious(c.var.app.kysely, collab, c.var.meeting);
      return c.json(
        (found
          ? { previous: { id: found.previous.id, title: found.previous.title }, items: found.items }
          : { previous: null, items: [] }) satisfies MeetingBacklog,
      );
    },
  );

  r.post(
    "/:mid/outcomes/:oid/action",
    describe({
      summary: "Make a 取組 outcome an action of that year's plan",
      tag,
      ok: 201,
      response: OutcomeActionCreated,
      errors: [409],
    }),
    jsonBody(OutcomeToAction),
    loadMeeting,
    loadMeetingPlan,
    allowOn((c) => ({
      verb: "makeAction",
      resource: meetingOutcomeResource(
        c.get("meeting" as never) as MeetingRecord,
        c.get("plan" as never) as DocumentRecord,
      ),
    })),
    async (c) => {
      const result = await createActionFromOutcome(
        c.var.app,
        collab,
        c.var.actor,
        c.var.meeting,
        c.var.plan,
        c.req.param("oid"),
        c.req.valid("json"),
      );
      return c.json(result, 201);
    },
  );

  r.get(
    "/:mid/markdown",
    describe({ summary: "The minutes as Markdown", tag, file: "text/markdown" }),
    loadMeeting,
    allow("read", "meeting", meetingResource),
    async (c) => {
      const m = c.var.meeting;
      const md = await meetingMarkdown(c.var.app.kysely, collab, m);
      c.header("Content-Type", "text/markdown; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`${m.title}.md`)}`);
      return c.body(md);
    },
  );

  return r;
}

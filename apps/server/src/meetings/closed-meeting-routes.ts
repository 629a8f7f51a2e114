/**
 * /api/workspaces/:wid/meetings — what closed meetings recorded: the counts the indicators use
 * (meetings held, attendances), the decisions across meetings, and 取組 outcomes that become
 * actions of the plan. Mounted before `meeting-routes.ts`, whose /:mid would take /stats.
 */
import {
  DecisionList,
  DecisionQuery,
  MeetingStats,
  OutcomeActionCreated,
  OutcomeToAction,
} from "@tsumugi/contract";
import { Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { DocumentRecord } from "../documents/document-repository.js";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
import { allowIn, allowOn, describe, jsonBody, load, queryParams } from "../http/operation.js";
import { findPlanDocument } from "../plan/plan-repository.js";
import { closedMeetingCounts, decisions } from "./closed-meeting-repository.js";
import { meetingOutcomeResource } from "./meeting-presenter.js";
import type { MeetingRecord } from "./meeting-repository.js";
import { loadMeeting } from "./meeting-routes.js";
import { createActionFromOutcome } from "./outcome-action.js";

const tag = "meetings";

/** The plan of the loaded meeting's 年度, where a 取組 outcome becomes an action; 409 without one. */
const loadMeetingPlan = load(
  "plan",
  async (c) => {
    const m = c.get("meeting" as never) as MeetingRecord;
    return (await findPlanDocument(c.var.app.kysely, m.workspaceId, m.fiscalYear)) ?? undefined;
  },
  () => new ApiError(409, "plan.notFound", "この年度の計画がまだありません。先に計画を作成してください。"),
);

export function closedMeetingRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

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

  return r;
}

/**
 * /api/workspaces/:wid/meetings/:mid — what is read from a meeting's documents: the plan's
 * changes since the previous meeting closed, the previous meeting's agenda items not reached,
 * and the minutes as Markdown.
 */
import { MeetingBacklog, MeetingPlanChanges } from "@tsumugi/contract";
import { Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppEnv } from "../http/env.js";
import { allow, describe } from "../http/operation.js";
import { meetingMarkdown } from "./meeting-export.js";
import { meetingResource, presentPrevious } from "./meeting-presenter.js";
import { backlogOfPrevious, planChangesSincePrevious } from "./meeting-queries.js";
import { loadMeeting } from "./meeting-routes.js";

const tag = "meetings";

export function meetingDocumentRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

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

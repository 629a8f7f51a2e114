/**
 * Meeting papers: /api/workspaces/:wid/meeting-papers/settings (what the workspace writes on
 * them) and, per meeting, the 開催通知 and the 議事録 as Word files
 * (/api/workspaces/:wid/meetings/:mid/notice.docx, …/minutes.docx). The files are made on
 * the server from the meeting's live document, so the browser loads no Word library.
 */
import { MeetingPaperSettingsResult, NoticeQuery, UpdateMeetingPaperSettings } from "@tsumugi/contract";
import { type Context, Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
import { allow, allowIn, callerOf, describe, jsonBody, load, queryParams } from "../http/operation.js";
import { meetingResource } from "../meetings/meeting-presenter.js";
import { loadMeeting } from "../meetings/meeting-routes.js";
import {
  meetingMinutesFile,
  meetingNoticeFile,
  type PaperFile,
  updateMeetingPaperSettings,
} from "./meeting-paper-commands.js";
import { presentMeetingPaperSettings } from "./meeting-paper-presenter.js";
import { findMeetingPaperSettings } from "./meeting-paper-repository.js";

const tag = "meeting-papers";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const loadSettings = load(
  "settings",
  (c) => findMeetingPaperSettings(c.var.app.kysely, c.var.workspaceId),
  () => new ApiError(404, "workspace.notFound", "自治体が見つかりません。"),
);

function download(c: Context, file: PaperFile) {
  c.header("Content-Type", DOCX);
  c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  c.header("Cache-Control", "no-store");
  return c.body(new Uint8Array(file.data));
}

/** Mounted at /api/workspaces/:wid/meeting-papers. */
export function meetingPaperSettingsRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/settings",
    describe({
      summary: "What the workspace writes on its meeting notices and minutes",
      tag,
      response: MeetingPaperSettingsResult,
    }),
    loadSettings,
    allowIn("meetings.read"),
    (c) => c.json({ settings: presentMeetingPaperSettings(c.var.actor, c.var.settings) }),
  );

  r.patch(
    "/settings",
    describe({ summary: "Change what the meeting papers say", tag, response: MeetingPaperSettingsResult }),
    jsonBody(UpdateMeetingPaperSettings),
    loadSettings,
    allow("update", "settings", () => ({ kind: "meetingPaperSettings" as const })),
    async (c) => {
      const saved = await updateMeetingPaperSettings(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ settings: presentMeetingPaperSettings(c.var.actor, saved) });
    },
  );

  return r;
}

/** Mounted at /api/workspaces/:wid/meetings, beside the meetings' own routes. */
export function meetingPaperRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/:mid/notice.docx",
    describe({
      summary: "The meeting notice (開催通知) as a Word file",
      description:
        "`number` and `date` are the notice's own; the rest comes from the meeting and the settings.",
      tag,
      file: DOCX,
    }),
    queryParams(NoticeQuery),
    loadMeeting,
    allow("read", "meeting", meetingResource),
    async (c) => download(c, await meetingNoticeFile(c.var.app, collab, c.var.meeting, c.req.valid("query"))),
  );

  r.get(
    "/:mid/minutes.docx",
    describe({
      summary: "The minutes (議事録) as a Word file; （案） until they are fixed",
      tag,
      file: DOCX,
    }),
    loadMeeting,
    allow("read", "meeting", meetingResource),
    async (c) => download(c, await meetingMinutesFile(c.var.app, collab, c.var.meeting)),
  );

  return r;
}

/**
 * /api/workspaces/:wid/meetings/:mid/comments — corrections to circulated minutes: a
 * comment on a quoted passage, optionally with the suggested wording. Invitees and those who
 * run the meeting comment while the minutes are 確認依頼中; the meeting's managers resolve.
 */
import { CreateMinutesComment, MinutesCommentCreated, MinutesCommentList, Ok } from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { addMinutesComment, meetingNotFound, resolveMinutesComment } from "./meeting-commands.js";
import { meetingResource } from "./meeting-presenter.js";
import { findMeeting, invitees } from "./meeting-repository.js";
import { listMinutesComments } from "./minutes-comment-repository.js";

const tag = "meetings";

/** The meeting named in the path, and whether the caller is invited to it. */
const loadMeeting = load(
  "meeting",
  async (c) => {
    const mid = c.req.param("mid");
    const meeting = isId(mid) ? await findMeeting(c.var.app.kysely, c.var.workspaceId, mid) : null;
    if (!meeting) return undefined;
    return { meeting, invited: (await invitees(c.var.app.kysely, meeting.id)).includes(c.var.actor.userId) };
  },
  meetingNotFound,
);

const asResource = (m: { meeting: Parameters<typeof meetingResource>[0]; invited: boolean }) =>
  meetingResource(m.meeting, m.invited);

export function minutesCommentRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: "Corrections to the meeting's minutes", tag, response: MinutesCommentList }),
    loadMeeting,
    allow("read", "meeting", asResource),
    async (c) => c.json({ comments: await listMinutesComments(c.var.app.kysely, c.var.meeting.meeting.id) }),
  );

  r.post(
    "/",
    describe({
      summary: "Comment on a passage of circulated minutes, with a suggested wording",
      tag,
      ok: 201,
      response: MinutesCommentCreated,
      errors: [409],
    }),
    jsonBody(CreateMinutesComment),
    loadMeeting,
    allow("commentMinutes", "meeting", asResource),
    async (c) => {
      const id = await addMinutesComment(c.var.app, callerOf(c), c.var.meeting.meeting, c.req.valid("json"));
      return c.json({ id }, 201);
    },
  );

  r.post(
    "/:cid/resolve",
    describe({ summary: "Resolve a correction", tag, response: Ok }),
    loadMeeting,
    allow("manage", "meeting", asResource),
    async (c) => {
      await resolveMinutesComment(c.var.app, callerOf(c), c.var.meeting.meeting, c.req.param("cid"));
      return c.json({ ok: true as const });
    },
  );

  return r;
}

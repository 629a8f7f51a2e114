/**
 * /api/workspaces/:wid/meetings/:mid/comments — corrections to circulated minutes: a
 * comment on a quoted passage, optionally with the suggested wording. Invitees and those who
 * run the meeting comment while the minutes are 確認依頼中; the meeting's managers resolve.
 */
import { COMMENT_BODY_MAX, COMMENT_QUOTE_MAX, can, canManageMeeting, isId, newId } from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, forbidden, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { findMeeting, invitees } from "./meeting-repository.js";

async function meetingOf(c: Context<AppEnv>) {
  const id = c.req.param("mid") ?? "";
  const m = isId(id) ? await findMeeting(c.get("app").db, c.get("workspaceId"), id) : null;
  if (!m) throw new ApiError(404, "meeting.notFound", "会議が見つかりません。");
  return m;
}

export function minutesCommentRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    authorize(c, "meetings.read");
    const m = await meetingOf(c);
    const rows = await c.get("app").db.all<{
      id: string;
      author_name: string;
      quote: string;
      body: string;
      suggestion: string | null;
      created_at: number;
      resolved_at: number | null;
    }>(
      `SELECT mc.id, u.name AS author_name, mc.quote, mc.body, mc.suggestion, mc.created_at, mc.resolved_at
         FROM minutes_comments mc JOIN users u ON u.id = mc.author_id WHERE mc.meeting_id = ? ORDER BY mc.created_at`,
      [m.id],
    );
    return c.json({
      comments: rows.map((x) => ({
        id: x.id,
        authorName: x.author_name,
        quote: x.quote,
        body: x.body,
        suggestion: x.suggestion,
        createdAt: x.created_at,
        resolved: x.resolved_at !== null,
      })),
    });
  });

  r.post("/", async (c) => {
    const actor = authorize(c, "meetings.read");
    const m = await meetingOf(c);
    if (!can(actor, "comments.write")) throw forbidden();
    const invited = (await invitees(c.get("app").db, m.id)).includes(actor.userId);
    if (!invited && !canManageMeeting(actor, m.groupId)) throw forbidden();
    if (m.minutesState !== "circulating") {
      throw new ApiError(409, "minutes.notCirculating", "議事録は確認依頼中ではありません。");
    }
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const text = errors.string(body, "body", { max: COMMENT_BODY_MAX });
    const quote = errors.string(body, "quote", { max: COMMENT_QUOTE_MAX, min: 0, optional: true });
    const suggestion =
      body.suggestion === undefined
        ? ""
        : errors.string(body, "suggestion", { max: COMMENT_BODY_MAX, min: 0 });
    if (errors.any) throw invalid(errors.fields);
    const id = newId();
    await c
      .get("app")
      .db.run(
        "INSERT INTO minutes_comments (id, meeting_id, author_id, quote, body, suggestion, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [id, m.id, actor.userId, quote, text, suggestion || null, Date.now()],
      );
    return c.json({ id }, 201);
  });

  r.post("/:cid/resolve", async (c) => {
    const actor = authorize(c, "meetings.read");
    const m = await meetingOf(c);
    if (!canManageMeeting(actor, m.groupId)) throw forbidden();
    const res = await c
      .get("app")
      .db.run(
        "UPDATE minutes_comments SET resolved_at = ?, resolved_by = ? WHERE id = ? AND meeting_id = ? AND resolved_at IS NULL",
        [Date.now(), actor.userId, c.req.param("cid"), m.id],
      );
    if (res.changes === 0) throw new ApiError(404, "comment.notFound", "コメントが見つかりません。");
    return c.json({ ok: true });
  });

  return r;
}

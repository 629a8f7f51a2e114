/**
 * Personal calendar feeds: each person can create a secret feed URL of their meetings in a
 * workspace (the ones they are invited to, their groups' and the whole committee's), rotate
 * it, or revoke it. The feed itself needs no session: the URL is the credential.
 */
import { isActiveMember } from "@tsumugi/domain";
import { Hono } from "hono";
import { newSecretToken, secretMatches, splitToken } from "../auth/secret-token.js";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
import { loadActor } from "../workspaces/actor.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { calendarText } from "./ical.js";

export function calendarFeedRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    const actor = authorize(c, "meetings.read");
    const row = await c
      .get("app")
      .db.get<{ created_at: number }>(
        "SELECT created_at FROM calendar_feeds WHERE user_id = ? AND workspace_id = ? AND revoked_at IS NULL",
        [actor.userId, c.get("workspaceId")],
      );
    return c.json({ active: Boolean(row), createdAt: row?.created_at ?? null });
  });

  // Creates the feed, or replaces it (the old URL stops working).
  r.post("/", async (c) => {
    const actor = authorize(c, "meetings.read");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const { id, token, secretHash } = newSecretToken();
    const now = Date.now();
    await app.db.transaction(async (tx) => {
      await tx.run(
        "UPDATE calendar_feeds SET revoked_at = ? WHERE user_id = ? AND workspace_id = ? AND revoked_at IS NULL",
        [now, actor.userId, wid],
      );
      await tx.run(
        "INSERT INTO calendar_feeds (id, user_id, workspace_id, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        [id, actor.userId, wid, secretHash, now],
      );
    });
    return c.json({ url: `${app.config.publicUrl}/api/calendar/${token}.ics` }, 201);
  });

  r.delete("/", async (c) => {
    const actor = authorize(c, "meetings.read");
    await c
      .get("app")
      .db.run(
        "UPDATE calendar_feeds SET revoked_at = ? WHERE user_id = ? AND workspace_id = ? AND revoked_at IS NULL",
        [Date.now(), actor.userId, c.get("workspaceId")],
      );
    return c.json({ ok: true });
  });

  return r;
}

const feedNotFound = () => new ApiError(404, "calendar.notFound", "カレンダーが見つかりません。");

export function publicCalendarRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get("/:file", async (c) => {
    const file = c.req.param("file");
    const parts = file.endsWith(".ics") ? splitToken(file.slice(0, -4)) : null;
    if (!parts) throw feedNotFound();
    const db = c.get("app").db;
    const feed = await db.get<{
      user_id: string;
      workspace_id: string;
      secret_hash: Buffer;
      revoked_at: number | null;
    }>("SELECT user_id, workspace_id, secret_hash, revoked_at FROM calendar_feeds WHERE id = ?", [parts.id]);
    if (!feed || feed.revoked_at !== null || !secretMatches(parts.secret, feed.secret_hash))
      throw feedNotFound();
    const actor = await loadActor(c.get("app").kysely, feed.user_id, feed.workspace_id);
    if (!isActiveMember(actor)) throw feedNotFound();
    const ws = await db.get<{ name: string }>("SELECT name FROM workspaces WHERE id = ?", [
      feed.workspace_id,
    ]);
    const groups = actor.groupIds;
    const rows = await db.all<{
      id: string;
      title: string;
      starts_at: string;
      ends_at: string | null;
      place: string;
      online_url: string;
      updated_at: number;
    }>(
      `SELECT DISTINCT m.id, m.title, m.starts_at, m.ends_at, m.place, m.online_url, m.updated_at FROM meetings m
        LEFT JOIN meeting_invitees i ON i.meeting_id = m.id AND i.user_id = ?
        WHERE m.workspace_id = ? AND m.state != 'draft'
          AND (i.user_id IS NOT NULL OR m.group_id IS NULL${groups.length ? ` OR m.group_id IN (${groups.map(() => "?").join(", ")})` : ""})
        ORDER BY m.starts_at`,
      [feed.user_id, feed.workspace_id, ...groups],
    );
    const base = c.get("app").config.publicUrl;
    const text = calendarText(
      `紡ぎ ${ws?.name ?? ""} 会議`,
      rows.map((m) => ({
        uid: `${m.id}@tsumugi`,
        title: m.title,
        startsAt: m.starts_at,
        endsAt: m.ends_at,
        place: m.place,
        url: m.online_url || `${base}/w/${feed.workspace_id}/meetings/${m.id}`,
        description: m.online_url ? `${base}/w/${feed.workspace_id}/meetings/${m.id}` : "",
        updatedAt: m.updated_at,
      })),
    );
    c.header("Content-Type", "text/calendar; charset=utf-8");
    c.header("Cache-Control", "private, max-age=300");
    return c.body(text);
  });
  return r;
}

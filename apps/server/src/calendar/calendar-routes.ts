/**
 * Personal calendar feeds: the caller's own under /api/workspaces/:wid/calendar-feed (each
 * route gated by its verb of the caller's `calendarFeed`), and the feed itself under
 * /api/calendar/<token>.ics (no session: the URL is the credential).
 */
import { CalendarFeed, CalendarFeedCreated, CalendarFeedRevoked } from "@tsumugi/contract";
import type { CalendarFeedVerb } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allowOn, callerOf, describe, load } from "../http/operation.js";
import { calendarMeetings } from "../meetings/invitee-repository.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import { createFeed, feedNotFound, openFeed, revokeFeed } from "./calendar-commands.js";
import {
  calendarFeedResource,
  presentCalendarFeed,
  presentCalendarText,
  presentCreatedFeed,
} from "./calendar-presenter.js";
import { activeFeedCreatedAt } from "./calendar-repository.js";

const tag = "calendar";

/** 403 unless the caller may do `verb` with their own feed. */
const allowOwnFeed = (verb: CalendarFeedVerb) =>
  allowOn((c) => ({ verb, resource: calendarFeedResource(c.var.actor.userId) }));

export function calendarFeedRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: "Whether the caller has a calendar feed", tag, response: CalendarFeed }),
    allowOwnFeed("read"),
    async (c) => {
      const createdAt = await activeFeedCreatedAt(c.var.app.kysely, c.var.actor.userId, c.var.workspaceId);
      return c.json(presentCalendarFeed(c.var.actor, createdAt));
    },
  );

  r.post(
    "/",
    describe({
      summary: "Create or replace the caller's secret iCal URL (the old one stops working)",
      tag,
      ok: 201,
      response: CalendarFeedCreated,
    }),
    allowOwnFeed("create"),
    async (c) => {
      const token = await createFeed(c.var.app, callerOf(c));
      return c.json(presentCreatedFeed(c.var.app.config, token), 201);
    },
  );

  r.delete(
    "/",
    describe({ summary: "Revoke the caller's iCal URL", tag, response: CalendarFeedRevoked }),
    allowOwnFeed("revoke"),
    async (c) => {
      await revokeFeed(c.var.app, callerOf(c));
      return c.json({ ok: true } satisfies CalendarFeedRevoked);
    },
  );

  return r;
}

const loadFeed = load("feed", (c) => openFeed(c.var.app, c.req.param("file") ?? ""), feedNotFound);

export function publicCalendarRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get(
    "/:file",
    describe({
      summary:
        "iCalendar feed (text/calendar) of the owner's meetings: invited, their groups' and the whole committee's; {file} is `<token>.ics` from the feed URL (the URL is the credential)",
      tag,
      file: "text/calendar",
      public: true,
      errors: [404],
    }),
    loadFeed,
    async (c) => {
      const { feed, owner } = c.var.feed;
      const q = c.var.app.kysely;
      const workspace = await findWorkspace(q, feed.workspaceId);
      const meetings = await calendarMeetings(q, feed.workspaceId, owner);
      const text = presentCalendarText(c.var.app.config, workspace, feed.workspaceId, meetings);
      c.header("Content-Type", "text/calendar; charset=utf-8");
      c.header("Cache-Control", "private, max-age=300");
      return c.body(text);
    },
  );
  return r;
}

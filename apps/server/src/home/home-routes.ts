/**
 * GET /api/workspaces/:wid/home — what the home page shows this person: the meetings ahead
 * of them, minutes waiting for their step, the plan actions in their charge (overdue first),
 * the secretariat's overdue actions across the plan, comments addressed to them, and the
 * plan's recent changes.
 */
import { Home, HomeQuery } from "@tsumugi/contract";
import { todayInJapan } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allowIn, describe, queryParams } from "../http/operation.js";
import { HOME_LIST_LENGTH, presentHome } from "./home-presenter.js";
import { readHomeRows } from "./home-queries.js";

const tag = "home";

export function homeRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary:
        "The caller's home page: meetings ahead, minutes waiting for their step, their open actions, the plan's overdue actions (secretariat), unread mentions, recent changes",
      tag,
      response: Home,
      errors: [400],
    }),
    queryParams(HomeQuery),
    allowIn("workspace.read"),
    async (c) => {
      const actor = c.var.actor;
      const today = c.req.valid("query").today ?? todayInJapan();
      const rows = await readHomeRows(c.var.app, c.var.workspaceId, actor, today, HOME_LIST_LENGTH);
      return c.json(presentHome(actor, c.var.workspaceId, today, rows));
    },
  );

  return r;
}

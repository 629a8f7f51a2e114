/**
 * Guards /api/workspaces/:wid/*: a logged-in, active member of the workspace gets the
 * policy's Actor on the context; anyone else gets 404, so workspace ids reveal nothing.
 */
import { isActiveMember, isId } from "@tsumugi/domain";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, authRequired } from "../http/errors.js";
import { loadActor } from "./actor.js";

export const workspaceNotFound = () => new ApiError(404, "workspace.notFound", "自治体が見つかりません。");

export const workspaceGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get("user");
  if (!user) throw authRequired();
  const wid = c.req.param("wid");
  if (!isId(wid)) throw workspaceNotFound();
  const actor = await loadActor(c.get("app").kysely, user.id, wid);
  if (!isActiveMember(actor)) throw workspaceNotFound();
  c.set("actor", actor);
  c.set("workspaceId", wid);
  await next();
};

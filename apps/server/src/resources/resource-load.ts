/**
 * What the directory's routes load before they ask the policy (404 when it is not there),
 * and the checks of a request that only the database can make.
 */
import { RESOURCE_LINK_KINDS } from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import type { MiddlewareHandler } from "hono";
import { listAreas } from "../areas/area-repository.js";
import type { AppEnv } from "../http/env.js";
import { invalid } from "../http/errors.js";
import { type BodyCheck, load } from "../http/operation.js";
import { findUpdateRequest } from "./provider-update-repository.js";
import { actionNotFound, requestNotFound, resourceNotFound } from "./resource-errors.js";
import { findLinkTarget } from "./resource-queries.js";
import { findResource } from "./resource-repository.js";

/** The entry `:rid` of the workspace → `c.var.resource`. */
export const loadResource = load(
  "resource",
  async (c) => {
    const rid = c.req.param("rid");
    return isId(rid) ? findResource(c.var.app.kysely, c.var.workspaceId, rid) : undefined;
  },
  resourceNotFound,
);

/** What a provider sent, `:qid`, for an entry of the workspace → `c.var.request`. */
export const loadRequest = load(
  "request",
  async (c) => {
    const qid = c.req.param("qid");
    return isId(qid) ? findUpdateRequest(c.var.app.kysely, c.var.workspaceId, qid) : undefined;
  },
  requestNotFound,
);

/** An `areaId` the workspace does not have is refused with the body's other problems. */
export const knownArea: BodyCheck = async (c, body): Promise<Record<string, string>> => {
  const areaId = body.areaId;
  if (typeof areaId !== "string" || areaId === "") return {};
  const areas = await listAreas(c.var.app.kysely, c.var.workspaceId);
  return areas.some((a) => a.id === areaId) ? {} : { areaId: "unknown" };
};

/** A link's target in the path, `:kind/:tid`: 400 with a problem code for each wrong part. */
export const linkTargetParams: MiddlewareHandler<AppEnv> = async (c, next) => {
  const problems: Record<string, string> = {};
  if (!RESOURCE_LINK_KINDS.some((k) => k === c.req.param("kind"))) problems.kind = "unknown";
  if (!isId(c.req.param("tid"))) problems.tid = "format";
  if (Object.keys(problems).length > 0) throw invalid(problems);
  await next();
};

/** The plan action `:tid` of the workspace (a link is made only to one that exists) → `c.var.target`. */
export const loadLinkTarget = load(
  "target",
  async (c) => findLinkTarget(c.var.app.kysely, c.var.workspaceId, c.req.param("tid") ?? ""),
  actionNotFound,
);

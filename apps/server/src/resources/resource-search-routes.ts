/**
 * Finding entries and linking them to plan actions (取組): short references for pickers and
 * referrals, "who can do X near Y", and the links of the workspace's plan actions.
 */
import {
  ResourceLinkList,
  ResourceLinkQuery,
  ResourceLookupQuery,
  ResourceRefList,
  ResourceSearchQuery,
  ResourceSearchResult,
} from "@tsumugi/contract";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, queryParams } from "../http/operation.js";
import { setResourceLink } from "./resource-commands.js";
import type { LinkTargetKind } from "./resource-link-repository.js";
import { linkTargetParams, loadLinkTarget, loadResource } from "./resource-load.js";
import { presentHits, presentLinks, presentRef, resourceResource } from "./resource-presenter.js";
import { lookupResources, readLinks, searchResources } from "./resource-queries.js";

const tag = "resources";

export function resourceSearchRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/lookup",
    describe({
      summary: "Short references to entries, by ids (ids=a,b) or by text (q=): referrals and pickers",
      tag,
      response: ResourceRefList,
    }),
    queryParams(ResourceLookupQuery),
    allowIn("resources.read"),
    async (c) => {
      const found = await lookupResources(c.var.app.kysely, c.var.workspaceId, c.req.valid("query"));
      return c.json({ resources: found.map(presentRef) });
    },
  );

  r.get(
    "/search",
    describe({
      summary:
        "Who can do X near Y: by services (all of them), kinds, 圏域, and distance from a point or an entry",
      tag,
      response: ResourceSearchResult,
    }),
    queryParams(ResourceSearchQuery),
    allowIn("resources.read"),
    async (c) =>
      c.json(presentHits(await searchResources(c.var.app.kysely, c.var.workspaceId, c.req.valid("query")))),
  );

  r.get(
    "/links",
    describe({
      summary:
        "Entries linked to plan actions (targetKind=planAction, targetIds=a,b; without targetIds every link of the workspace)",
      tag,
      response: ResourceLinkList,
    }),
    queryParams(ResourceLinkQuery),
    allowIn("resources.read"),
    async (c) =>
      c.json(
        presentLinks(c.var.actor, await readLinks(c.var.app.kysely, c.var.workspaceId, c.req.valid("query"))),
      ),
  );

  r.put(
    "/:rid/links/:kind/:tid",
    describe({ summary: "Link the entry to a plan action of the workspace", tag, ok: 204 }),
    linkTargetParams,
    loadResource,
    loadLinkTarget,
    allow("link", "resource", resourceResource),
    async (c) => {
      const kind = c.req.param("kind") as LinkTargetKind;
      await setResourceLink(c.var.app, callerOf(c), c.var.resource, kind, c.var.target.id, true);
      return c.body(null, 204);
    },
  );

  r.delete(
    "/:rid/links/:kind/:tid",
    // An action gone from the plan can still be unlinked.
    describe({ summary: "Unlink the entry from a plan action", tag, ok: 204 }),
    linkTargetParams,
    loadResource,
    allow("link", "resource", resourceResource),
    async (c) => {
      const kind = c.req.param("kind") as LinkTargetKind;
      await setResourceLink(c.var.app, callerOf(c), c.var.resource, kind, c.req.param("tid"), false);
      return c.body(null, 204);
    },
  );

  return r;
}

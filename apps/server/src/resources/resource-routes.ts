/**
 * /api/workspaces/:wid/resources — the resource directory (医療・介護資源): the entries and the
 * settings here; search and links to plan actions (`resource-search-routes.ts`), open-data
 * imports and the professionals' tables (`resource-import-routes.ts`), providers' update
 * links and what they sent (`provider-update-routes.ts`) are mounted before `/:rid`.
 */
import {
  CreateResource,
  ResourceDirectory,
  ResourceResult,
  ResourceSettings,
  UpdateResource,
  UpdateResourceSettings,
} from "@tsumugi/contract";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, allowOn, callerOf, describe, jsonBody } from "../http/operation.js";
import { providerUpdateRoutes } from "./provider-update-routes.js";
import { createResource, deleteResource, updateResource, updateSettings } from "./resource-commands.js";
import { resourceImportRoutes } from "./resource-import-routes.js";
import { knownArea, loadResource } from "./resource-load.js";
import {
  presentDirectory,
  presentResource,
  presentSettings,
  resourceResource,
} from "./resource-presenter.js";
import { readDirectory } from "./resource-queries.js";
import type { ResourceRecord } from "./resource-repository.js";
import { resourceSearchRoutes } from "./resource-search-routes.js";

const tag = "resources";

/** Closing an entry (廃止・休止) is a verb of its own, beyond editing it. */
function changeVerb(record: ResourceRecord, input: UpdateResource): "update" | "close" {
  return input.status === "closed" && record.status !== "closed" ? "close" : "update";
}

export function resourceRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary: "The directory: entries (professionals-only fields included), 日常生活圏域, settings",
      tag,
      response: ResourceDirectory,
    }),
    allowIn("resources.read"),
    async (c) =>
      c.json(presentDirectory(c.var.actor, await readDirectory(c.var.app.kysely, c.var.workspaceId))),
  );

  r.post(
    "/",
    describe({ summary: "Add an entry by hand", tag, ok: 201, response: ResourceResult }),
    jsonBody(CreateResource, { check: knownArea }),
    allowIn("resources.create"),
    async (c) => {
      const resource = await createResource(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ resource: presentResource(c.var.actor, resource) }, 201);
    },
  );

  r.patch(
    "/settings",
    describe({
      summary: "Public page, providers' changes (approve or apply), stale months, link days",
      tag,
      response: ResourceSettings,
    }),
    jsonBody(UpdateResourceSettings),
    allowIn("resources.settings"),
    async (c) => c.json(presentSettings(await updateSettings(c.var.app, callerOf(c), c.req.valid("json")))),
  );

  // Fixed paths before the entry's `/:rid`.
  r.route("/", resourceSearchRoutes());
  r.route("/", resourceImportRoutes());
  r.route("/", providerUpdateRoutes());

  r.get(
    "/:rid",
    describe({ summary: "One entry", tag, response: ResourceResult }),
    allowIn("resources.read"),
    loadResource,
    async (c) => c.json({ resource: presentResource(c.var.actor, c.var.resource) }),
  );

  r.patch(
    "/:rid",
    describe({
      summary: "Change an entry (fields set here are kept by later imports); close or reopen it",
      tag,
      response: ResourceResult,
    }),
    jsonBody(UpdateResource, { check: knownArea }),
    loadResource,
    allow("update", "resource", resourceResource),
    allowOn((c) => ({
      verb: changeVerb(c.get("resource" as never), c.req.valid("json" as never)),
      resource: resourceResource(c.get("resource" as never)),
    })),
    async (c) => {
      const resource = await updateResource(c.var.app, callerOf(c), c.var.resource, c.req.valid("json"));
      return c.json({ resource: presentResource(c.var.actor, resource) });
    },
  );

  r.delete(
    "/:rid",
    describe({ summary: "Delete an entry made by hand (imported ones are closed instead)", tag, ok: 204 }),
    loadResource,
    allow("delete", "resource", resourceResource),
    async (c) => {
      await deleteResource(c.var.app, callerOf(c), c.var.resource);
      return c.body(null, 204);
    },
  );

  return r;
}

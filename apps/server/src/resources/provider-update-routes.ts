/**
 * Providers' updates, the secretariat's side: an entry's personal update links (sent, listed,
 * stopped) and what providers sent (listed, applied or refused). The provider's own side,
 * without an account, is in `public-routes.ts`.
 */
import {
  CreatedUpdateLink,
  DecideUpdateRequest,
  UpdateLinkList,
  UpdateRequestList,
  UpdateRequest as UpdateRequestSchema,
} from "@tsumugi/contract";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody } from "../http/operation.js";
import { decideUpdateRequest, revokeUpdateLinks, sendUpdateLink } from "./provider-update-commands.js";
import { listUpdateLinks, listUpdateRequests } from "./provider-update-repository.js";
import { loadRequest, loadResource } from "./resource-load.js";
import { presentLink, presentRequest, resourceResource } from "./resource-presenter.js";

const tag = "resources";

export function providerUpdateRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/update-requests",
    describe({
      summary: "What providers sent: pending first, then the latest decided",
      tag,
      response: UpdateRequestList,
    }),
    allowIn("resources.review"),
    async (c) =>
      c.json({
        requests: (await listUpdateRequests(c.var.app.kysely, c.var.workspaceId)).map(presentRequest),
      }),
  );

  r.post(
    "/update-requests/:qid",
    describe({
      summary: "Apply or refuse what a provider sent",
      tag,
      response: UpdateRequestSchema,
      errors: [409],
    }),
    jsonBody(DecideUpdateRequest),
    loadRequest,
    allowIn("resources.review"),
    async (c) => {
      const decided = await decideUpdateRequest(c.var.app, callerOf(c), c.var.request, c.req.valid("json"));
      return c.json(presentRequest({ ...decided, decidedByName: c.var.user?.name ?? "" }));
    },
  );

  r.get(
    "/:rid/update-links",
    describe({ summary: "The entry's update links (never their tokens)", tag, response: UpdateLinkList }),
    loadResource,
    allow("sendLink", "resource", resourceResource),
    async (c) =>
      c.json({ links: (await listUpdateLinks(c.var.app.kysely, c.var.resource.id)).map(presentLink) }),
  );

  r.post(
    "/:rid/update-links",
    describe({
      summary: "A personal update link for the entry's provider (earlier ones stop working); shown once",
      tag,
      ok: 201,
      response: CreatedUpdateLink,
    }),
    loadResource,
    allow("sendLink", "resource", resourceResource),
    async (c) => {
      const { link, token } = await sendUpdateLink(c.var.app, callerOf(c), c.var.resource);
      return c.json(
        {
          link: presentLink({ ...link, createdByName: c.var.user?.name ?? "" }),
          url: `${c.var.app.config.publicUrl}/update/${token}`,
        },
        201,
      );
    },
  );

  r.delete(
    "/:rid/update-links",
    describe({ summary: "Stop every open update link of the entry", tag, ok: 204 }),
    loadResource,
    allow("sendLink", "resource", resourceResource),
    async (c) => {
      await revokeUpdateLinks(c.var.app, callerOf(c), c.var.resource);
      return c.body(null, 204);
    },
  );

  return r;
}

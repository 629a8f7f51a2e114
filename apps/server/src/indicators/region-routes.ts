/**
 * /api/workspaces/:wid/regions — the region groups of this municipality: asking to join one
 * (the group's owner lets it in or refuses), creating one (its owner), leaving, and an overview
 * of the members. What a member sees of the others is the policy's decision (`regionView`):
 * every member's key indicators, and a municipality's plan progress only where the viewer may
 * read that plan anyway, or, in a prefecture group, to the owner's secretariat and observers.
 */
import {
  AvailableRegionGroups,
  CreateRegionGroup,
  JoinRequested,
  Ok,
  RegionGroupCreated,
  RegionGroupList,
  RegionOverview,
} from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { presentRegionGroup, regionGroupResource } from "./indicator-presenter.js";
import {
  askToJoin,
  createRegionGroup,
  decideJoinRequest,
  leaveRegionGroup,
  regionGroupNotFound,
} from "./region-commands.js";
import { regionOverview } from "./region-comparison.js";
import {
  findRegionGroup,
  joinableRegionGroups,
  joinRequests,
  membershipOf,
  regionGroupsOf,
} from "./region-repository.js";

const tag = "regions";

/**
 * The group named in the path with this workspace's place in it: 404 when it is not in it,
 * and, unless `pending` is allowed, when it only asked to join (it sees nothing of the group).
 */
function loadRegionGroup(opts: { pending: boolean }) {
  return load(
    "regionGroup",
    async (c) => {
      const gid = c.req.param("gid");
      const group = isId(gid) ? await findRegionGroup(c.var.app.kysely, gid) : undefined;
      const membership = group ? await membershipOf(c.var.app.kysely, group, c.var.workspaceId) : null;
      if (!group || membership === null || (membership === "pending" && !opts.pending)) return undefined;
      return { ...group, membership };
    },
    regionGroupNotFound,
  );
}

export function regionRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary: "The region groups this municipality is in or asked to join, with requests to its own",
      tag,
      response: RegionGroupList,
    }),
    allowIn("indicators.read"),
    async (c) => {
      const { app, actor, workspaceId } = c.var;
      const groups = [];
      for (const g of await regionGroupsOf(app.kysely, workspaceId)) {
        const decides = presentRegionGroup(actor, g, []).abilities.decideRequests;
        groups.push(presentRegionGroup(actor, g, decides ? await joinRequests(app.kysely, g.id) : []));
      }
      return c.json({ groups } satisfies RegionGroupList);
    },
  );

  r.get(
    "/available",
    describe({
      summary: "Groups of this municipality's prefecture it may ask to join",
      tag,
      response: AvailableRegionGroups,
    }),
    allowIn("indicators.read"),
    async (c) => {
      const groups = await joinableRegionGroups(c.var.app.kysely, c.var.workspaceId);
      return c.json({
        groups: groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind, owner: g.ownerName })),
      } satisfies AvailableRegionGroups);
    },
  );

  r.post(
    "/",
    describe({
      summary: "Create a region group owned by this municipality",
      tag,
      ok: 201,
      response: RegionGroupCreated,
    }),
    jsonBody(CreateRegionGroup),
    allowIn("indicators.define"),
    async (c) => c.json({ id: await createRegionGroup(c.var.app, callerOf(c), c.req.valid("json")) }, 201),
  );

  r.post(
    "/:gid/join",
    describe({
      summary: "Ask to join a group of the prefecture (its owner decides)",
      tag,
      ok: 202,
      response: JoinRequested,
      errors: [409],
    }),
    allowIn("indicators.define"),
    async (c) => {
      await askToJoin(c.var.app, callerOf(c), c.req.param("gid"));
      return c.json({ membership: "pending" as const }, 202);
    },
  );

  for (const decision of ["approve", "refuse"] as const) {
    r.post(
      `/:gid/requests/:rid/${decision}`,
      describe({
        summary: decision === "approve" ? "Let a municipality into the group" : "Refuse a request to join",
        tag,
        response: Ok,
      }),
      loadRegionGroup({ pending: false }),
      allow("decideRequests", "regionGroup", regionGroupResource),
      async (c) => {
        await decideJoinRequest(c.var.app, callerOf(c), c.var.regionGroup, c.req.param("rid"), decision);
        return c.json({ ok: true as const });
      },
    );
  }

  r.delete(
    "/:gid/membership",
    describe({
      summary: "Leave the group, or withdraw the request (its owner stays while others are in it)",
      tag,
      response: Ok,
      errors: [409],
    }),
    loadRegionGroup({ pending: true }),
    allow("leave", "regionGroup", regionGroupResource),
    async (c) => {
      await leaveRegionGroup(c.var.app, callerOf(c), c.var.regionGroup);
      return c.json({ ok: true as const });
    },
  );

  r.get(
    "/:gid/overview",
    describe({
      summary: "Each member's key indicators, and plan progress where the policy shows it",
      tag,
      response: RegionOverview,
    }),
    allowIn("indicators.read"),
    async (c) => {
      const gid = c.req.param("gid");
      const group = isId(gid) ? await findRegionGroup(c.var.app.kysely, gid) : undefined;
      const overview = group ? await regionOverview(c.var.app, c.var.actor, c.var.workspaceId, group) : null;
      if (!overview) throw regionGroupNotFound();
      return c.json(overview);
    },
  );

  return r;
}

/** /api/workspaces/:wid/groups — 全体会, 部会, 班, 事務局 and their members. */
import { CreateGroup, GroupList, GroupResult, UpdateGroup } from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { loadMember } from "../members/member-routes.js";
import {
  createGroup,
  deleteGroup,
  groupNotFound,
  setGroupMembership,
  updateGroup,
} from "./group-commands.js";
import { groupResource, presentGroup } from "./group-presenter.js";
import { findGroup, listGroups } from "./group-repository.js";

const tag = "groups";

const loadGroup = load(
  "group",
  async (c) => {
    const gid = c.req.param("gid");
    return isId(gid) ? findGroup(c.var.app.kysely, c.var.workspaceId, gid) : undefined;
  },
  groupNotFound,
);

export function groupRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: "Groups (全体会, 部会, 班, 事務局) with member ids", tag, response: GroupList }),
    allowIn("members.list"),
    async (c) => {
      const groups = await listGroups(c.var.app.kysely, c.var.workspaceId);
      return c.json({ groups: groups.map((g) => presentGroup(c.var.actor, g)) });
    },
  );

  r.post(
    "/",
    describe({ summary: "Create a group", tag, ok: 201, response: GroupResult, errors: [409] }),
    jsonBody(CreateGroup),
    allowIn("groups.manage"),
    async (c) => {
      const group = await createGroup(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ group: presentGroup(c.var.actor, group) }, 201);
    },
  );

  r.patch(
    "/:gid",
    describe({ summary: "Rename or re-kind a group", tag, response: GroupResult, errors: [409] }),
    jsonBody(UpdateGroup),
    loadGroup,
    allow("update", "group", groupResource),
    async (c) => {
      const group = await updateGroup(c.var.app, callerOf(c), c.var.group, c.req.valid("json"));
      return c.json({ group: presentGroup(c.var.actor, group) });
    },
  );

  r.delete(
    "/:gid",
    describe({ summary: "Delete a group without documents", tag, ok: 204, errors: [409] }),
    loadGroup,
    allow("delete", "group", groupResource),
    async (c) => {
      await deleteGroup(c.var.app, callerOf(c), c.var.group);
      return c.body(null, 204);
    },
  );

  for (const member of [true, false]) {
    r[member ? "put" : "delete"](
      "/:gid/members/:uid",
      describe({
        summary: member ? "Add a member to a group" : "Remove a member from a group",
        tag,
        ok: 204,
      }),
      loadGroup,
      loadMember,
      allow(member ? "addMember" : "removeMember", "group", groupResource),
      async (c) => {
        await setGroupMembership(c.var.app, callerOf(c), c.var.group, c.var.member.userId, member);
        return c.body(null, 204);
      },
    );
  }

  return r;
}

/** /api/workspaces/:wid/members — list, change role, disable/enable, end sessions. */
import { MemberList, UpdateMember } from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { endMemberSessions, memberNotFound, updateMember } from "./member-commands.js";
import { memberResource, presentMember } from "./member-presenter.js";
import { findMembership, listMembers } from "./member-repository.js";

const tag = "members";

/** The member of the workspace named by :uid (also used by the groups' membership routes). */
export const loadMember = load(
  "member",
  async (c) => {
    const uid = c.req.param("uid");
    const found = isId(uid) ? await findMembership(c.var.app.kysely, c.var.workspaceId, uid) : undefined;
    return found && { userId: found.userId, disabled: found.disabledAt !== null };
  },
  memberNotFound,
);

export function memberRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: "Members with roles and groups", tag, response: MemberList }),
    allowIn("members.list"),
    async (c) => {
      const members = await listMembers(c.var.app.kysely, c.var.workspaceId);
      return c.json({ members: members.map((m) => presentMember(c.var.actor, m)) });
    },
  );

  // The member is loaded, and the change decided, inside the command's transaction.
  r.patch(
    "/:uid",
    describe({ summary: "Change role or disable/enable a member", tag, ok: 204, errors: [409] }),
    jsonBody(UpdateMember),
    allowIn("members.manage"),
    async (c) => {
      const uid = c.req.param("uid");
      if (!isId(uid)) throw memberNotFound();
      await updateMember(c.var.app, callerOf(c), uid, c.req.valid("json"));
      return c.body(null, 204);
    },
  );

  r.post(
    "/:uid/end-sessions",
    describe({ summary: "End all sessions of a member", tag, ok: 204 }),
    loadMember,
    allow("endSessions", "member", memberResource),
    async (c) => {
      await endMemberSessions(c.var.app, callerOf(c), c.var.member.userId);
      return c.body(null, 204);
    },
  );

  return r;
}

/** /api/workspaces/:wid/members — list, change role, disable/enable, end sessions. */
import { MemberList, UpdateMember } from "@tsumugi/contract";
import { authorize, isId, type Role } from "@tsumugi/domain";
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/env.js";
import { forbidden } from "../http/errors.js";
import { allow, allowIn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { endMemberSessions, memberChangeVerbs, memberNotFound, updateMember } from "./member-commands.js";
import { memberResource, presentMember } from "./member-presenter.js";
import { findMembership, listMembers } from "./member-repository.js";

const tag = "members";

/** A member as a route loads it. */
interface LoadedMember {
  userId: string;
  role: Role;
  disabled: boolean;
}

/** The member of the workspace named by :uid (also used by the groups' membership routes). */
export const loadMember = load(
  "member",
  async (c): Promise<LoadedMember | undefined> => {
    const uid = c.req.param("uid");
    const found = isId(uid) ? await findMembership(c.var.app.kysely, c.var.workspaceId, uid) : undefined;
    return found && { userId: found.userId, role: found.role, disabled: found.disabledAt !== null };
  },
  memberNotFound,
);

/** 403 unless the policy lets the caller make each change the body asks of the member. */
const allowChanges: MiddlewareHandler<
  AppEnv & { Variables: { member: LoadedMember } },
  string,
  { out: { json: UpdateMember } }
> = async (c, next) => {
  const member = c.var.member;
  for (const verb of memberChangeVerbs(member, c.req.valid("json")))
    if (!authorize(c.var.actor, verb, memberResource(member))) throw forbidden();
  await next();
};

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

  // The command writes the changes on the member and the caller as its transaction finds them.
  r.patch(
    "/:uid",
    describe({ summary: "Change role or disable/enable a member", tag, ok: 204, errors: [409] }),
    jsonBody(UpdateMember),
    allowIn("members.manage"),
    loadMember,
    allowChanges,
    async (c) => {
      await updateMember(c.var.app, callerOf(c), c.var.member.userId, c.req.valid("json"));
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

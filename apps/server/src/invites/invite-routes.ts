/**
 * Invitations: the secretariat's routes under /api/workspaces/:wid/invites, and the invited
 * person's under /api/invites/:token (no session yet). An e-mail that already has an account
 * joins with that account's password instead of creating a second account.
 */
import {
  AcceptInvite,
  CreatedInvite,
  CreateInvite,
  InviteList,
  InviteOffer,
  LoginResult,
} from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import { findUserByEmail } from "../auth/account-repository.js";
import { answerLogin, loginCallerOf, passwordCallerOf } from "../auth/login-answer.js";
import type { LoginGuard } from "../auth/login-guard.js";
import { groupsAmong } from "../groups/group-repository.js";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import {
  acceptForm,
  createInvite,
  inviteNotFound,
  joinThroughInvite,
  revokeInvite,
  unknownGroups,
  usableInvite,
} from "./invite-commands.js";
import { joiningAccount } from "./invite-guard.js";
import { inviteResource, inviteUrl, presentInvite, presentInviteOffer } from "./invite-presenter.js";
import { findInvite, inviteStatus, listInvites } from "./invite-repository.js";

const tag = "invites";

/** An invitation of the workspace that can still be revoked (neither used, expired nor revoked). */
const loadPendingInvite = load(
  "invite",
  async (c) => {
    const iid = c.req.param("iid");
    const invite = isId(iid) ? await findInvite(c.var.app.kysely, iid) : undefined;
    return invite?.workspaceId === c.var.workspaceId && inviteStatus(invite, Date.now()) === "pending"
      ? invite
      : undefined;
  },
  inviteNotFound,
);

/** The invitation the link's token opens (404 invalid, 410 used or expired). */
const loadUsableInvite = load(
  "invite",
  (c) => usableInvite(c.var.app, c.req.param("token") ?? ""),
  inviteNotFound,
);

/** Secretariat routes under /api/workspaces/:wid/invites. */
export function workspaceInviteRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: "Invitations and their status", tag, response: InviteList }),
    allowIn("invites.manage"),
    async (c) => {
      const now = Date.now();
      const invites = await listInvites(c.var.app.kysely, c.var.workspaceId);
      return c.json({ invites: invites.map((i) => presentInvite(c.var.actor, i, now)) });
    },
  );

  r.post(
    "/",
    describe({
      summary: "Create a single-use invitation link (shown once)",
      tag,
      ok: 201,
      response: CreatedInvite,
    }),
    jsonBody(CreateInvite, {
      check: async (c, body): Promise<Record<string, string>> =>
        (await unknownGroups(c.var.app, c.var.workspaceId, body.groupIds)) ? { groupIds: "unknown" } : {},
    }),
    allowIn("invites.manage"),
    async (c) => {
      const { invite, token } = await createInvite(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json(
        { invite: presentInvite(c.var.actor, invite), url: inviteUrl(c.var.app.config, token) },
        201,
      );
    },
  );

  r.delete(
    "/:iid",
    describe({ summary: "Revoke an invitation that has not been used", tag, ok: 204 }),
    loadPendingInvite,
    allow("revoke", "invite", inviteResource),
    async (c) => {
      await revokeInvite(c.var.app, callerOf(c), c.var.invite.id);
      return c.body(null, 204);
    },
  );

  return r;
}

/** Public routes under /api/invites/:token. */
export function publicInviteRoutes(guard: LoginGuard): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/:token",
    describe({
      summary: "What an invitation offers",
      tag,
      public: true,
      response: InviteOffer,
      errors: [404, 410],
    }),
    loadUsableInvite,
    async (c) => {
      const invite = c.var.invite;
      const q = c.var.app.kysely;
      const workspace = await findWorkspace(q, invite.workspaceId);
      const groups = await groupsAmong(q, invite.workspaceId, invite.groupIds);
      return c.json(presentInviteOffer(invite, workspace, groups));
    },
  );

  r.post(
    "/:token/accept",
    describe({
      summary:
        "Accept an invitation; `mode: new` creates the account, `mode: existing` joins with one (401 like the login); logs in, or answers the second step (`{secondStep}`)",
      tag,
      public: true,
      ok: 201,
      response: LoginResult,
      errors: [401, 404, 409, 410, 429],
    }),
    loadUsableInvite,
    jsonBody(AcceptInvite),
    async (c) => {
      const invite = c.var.invite;
      const form = acceptForm(invite, c.req.valid("json"));
      const found = await findUserByEmail(c.var.app.kysely, form.email);
      const caller = await passwordCallerOf(c, guard, found?.id);
      const existing = await joiningAccount(c.var.app, guard.throttle, caller, invite, form, found);
      const { user, start } = await joinThroughInvite(c.var.app, loginCallerOf(c), invite, form, existing);
      return c.json(await answerLogin(c, guard, start, user), 201);
    },
  );

  return r;
}

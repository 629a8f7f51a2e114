/**
 * Invitations: the secretariat creates a single-use, expiring link with the role and groups
 * preset; the person invited joins with a new account, or with one they already have.
 * Each command writes in one transaction, then records the audit entry.
 */

import type { AcceptInvite, CreateInvite } from "@tsumugi/contract";
import { EMAIL_MAX, isEmail } from "@tsumugi/contract";
import { newId } from "@tsumugi/domain";
import { insertUser, type UserRecord } from "../auth/account-repository.js";
import { type LoginCaller, type LoginStart, startLogin } from "../auth/login-commands.js";
import { hashPassword, passwordProblem } from "../auth/password.js";
import { newSecretToken, secretMatches, splitToken } from "../auth/secret-token.js";
import type { AppContext, Caller } from "../context.js";
import { addGroupMember, groupsAmong } from "../groups/group-repository.js";
import { ApiError, invalid } from "../http/errors.js";
import { findMembership, insertMembership } from "../members/member-repository.js";
import * as invites from "./invite-repository.js";

export const inviteNotFound = () => new ApiError(404, "invite.notFound", "取り消せる招待が見つかりません。");
export const inviteInvalid = () => new ApiError(404, "invite.invalid", "招待リンクが無効です。");
export const inviteUsed = () => new ApiError(410, "invite.used", "この招待リンクは既に使用されています。");
const inviteExpired = () => new ApiError(410, "invite.expired", "招待リンクの有効期限が切れています。");
const alreadyMember = () =>
  new ApiError(409, "invite.alreadyMember", "このアカウントは既にこの自治体のメンバーです。");

/** The invitation a link's token opens, or the error saying why it cannot be used. */
export async function usableInvite(app: AppContext, token: string): Promise<invites.InviteRecord> {
  const parts = splitToken(token);
  const invite = parts ? await invites.findInvite(app.kysely, parts.id) : undefined;
  if (!parts || !invite || !secretMatches(parts.secret, invite.secretHash)) throw inviteInvalid();
  const status = invites.inviteStatus(invite, Date.now());
  if (status === "used") throw inviteUsed();
  if (status === "expired") throw inviteExpired();
  if (status === "revoked") throw inviteInvalid();
  return invite;
}

/** Group ids that are not groups of the caller's workspace make the request invalid. */
export async function unknownGroups(app: AppContext, workspaceId: string, ids: unknown): Promise<boolean> {
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string")) return false;
  const distinct = [...new Set(ids as string[])];
  return (await groupsAmong(app.kysely, workspaceId, distinct)).length !== distinct.length;
}

/** A new invitation; the token (the link's secret) is known only to this answer. */
export async function createInvite(
  app: AppContext,
  caller: Caller,
  input: CreateInvite,
): Promise<{ invite: invites.InviteRecord; token: string }> {
  const { id, token, secretHash } = newSecretToken();
  const now = Date.now();
  const invite: invites.InviteRecord = {
    id,
    workspaceId: caller.workspaceId,
    secretHash,
    email: input.email || null,
    role: input.role,
    groupIds: [...new Set(input.groupIds ?? [])],
    createdAt: now,
    expiresAt: now + app.config.inviteLifetimeMs,
    usedAt: null,
    revokedAt: null,
  };
  await invites.insertInvite(app.kysely, invite, caller.actor.userId);
  await app.audit.byCaller(caller, "invite.created", id, {
    email: invite.email,
    role: invite.role,
    groupIds: invite.groupIds,
  });
  return { invite, token };
}

export async function revokeInvite(app: AppContext, caller: Caller, id: string): Promise<void> {
  if (!(await invites.revokeInvite(app.kysely, caller.workspaceId, id, Date.now()))) throw inviteNotFound();
  await app.audit.byCaller(caller, "invite.revoked", id);
}

/** The joining form, read with the invitation it is for. */
export interface AcceptForm {
  mode: "new" | "existing";
  /** The invitation's address when it names one, else the one typed; lower case. */
  email: string;
  name: string;
  organization: string;
  password: string;
}

/**
 * Checks the form against the invitation (400 with every problem at once). Every answer short
 * of success must be the same whether the address is registered or not (an open link must not
 * tell who has an account), so this runs before the address is looked up.
 */
export function acceptForm(invite: invites.InviteRecord, body: AcceptInvite): AcceptForm {
  const fields: Record<string, string> = {};
  const add = (field: string, code: string) => {
    fields[field] ??= code;
  };
  const typed = (body.email ?? "").trim();
  if (!invite.email && typed === "") add("email", "required");
  else if (!invite.email && typed.length > EMAIL_MAX) add("email", "tooLong");
  const email = (invite.email ?? typed).toLowerCase();
  if (!isEmail(email)) add("email", "format");
  const password = body.password ?? "";
  const mode = body.mode ?? (body.name ? "new" : "existing");
  const name = body.name ?? "";
  const organization = body.organization ?? "";
  if (mode === "existing") {
    if (!password) add("password", "required");
  } else {
    if (!name) add("name", "required");
    const problem = passwordProblem(password, [email, name]);
    if (problem) add("password", problem);
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return { mode, email, name, organization, password };
}

/**
 * A complete new-account form for a registered address with another password: saying "taken"
 * while keeping the link would let its holder test address after address, so the link is spent
 * (as a new account would have spent it), and nobody joins.
 */
export async function spendInvite(app: AppContext, invite: invites.InviteRecord, ip: string): Promise<never> {
  await invites.spendInvite(app.kysely, invite.id, Date.now());
  await app.audit.record({
    event: "invite.spent",
    workspaceId: invite.workspaceId,
    actorUserId: null,
    target: invite.id,
    ip,
    detail: { reason: "new-account form for a registered address with a wrong password" },
  });
  throw inviteUsed();
}

/**
 * Joins the workspace with the invitation's role and groups: with `existingUserId` (whose
 * password was checked), or as a new account from the form. Single use even under concurrent
 * accepts. Returns the user id.
 */
export async function acceptInvite(
  app: AppContext,
  invite: invites.InviteRecord,
  form: AcceptForm,
  existingUserId: string | null,
  ip: string,
): Promise<string> {
  // Argon2 is slow on purpose: hashed before the transaction, which holds the writer.
  const passwordHash = existingUserId ? null : await hashPassword(form.password);
  const userId = await app.kysely.transaction().execute(async (trx) => {
    const now = Date.now();
    const id = existingUserId ?? newId();
    if (!(await invites.claimInvite(trx, invite.id, now))) throw inviteUsed();
    if (passwordHash !== null) {
      await insertUser(trx, {
        id,
        email: form.email,
        name: form.name,
        organization: form.organization,
        passwordHash,
        createdAt: now,
      });
    } else if (await findMembership(trx, invite.workspaceId, id)) {
      throw alreadyMember();
    }
    await invites.setInviteUsedBy(trx, invite.id, id);
    await insertMembership(trx, {
      workspaceId: invite.workspaceId,
      userId: id,
      role: invite.role,
      createdAt: now,
    });
    // Groups deleted since the invitation was made are left out.
    for (const group of await groupsAmong(trx, invite.workspaceId, invite.groupIds))
      await addGroupMember(trx, group.id, id);
    return id;
  });
  await app.audit.record({
    event: "invite.accepted",
    workspaceId: invite.workspaceId,
    actorUserId: userId,
    target: invite.id,
    ip,
    detail: { role: invite.role, existingAccount: existingUserId !== null },
  });
  return userId;
}

/**
 * Joins the workspace through the invitation (acceptInvite), with `existing`, the account whose
 * password was checked, or as a new account from the form; then the login starts as a
 * password's does: a session, or the second step (or the enrolment a policy demands).
 */
export async function joinThroughInvite(
  app: AppContext,
  caller: LoginCaller,
  invite: invites.InviteRecord,
  form: AcceptForm,
  existing: UserRecord | undefined,
): Promise<{ user: { id: string; email: string; name: string; organization: string }; start: LoginStart }> {
  const userId = await acceptInvite(app, invite, form, existing?.id ?? null, caller.ip);
  const start = await startLogin(app, caller, userId, { audited: false });
  const user = existing ?? {
    id: userId,
    email: form.email,
    name: form.name,
    organization: form.organization,
  };
  return { user, start };
}

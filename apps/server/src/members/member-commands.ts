/**
 * Changes to members. Every change that alters what a person may open is announced on
 * AccessEvents, so their open document sockets are closed or downgraded at once.
 */
import type { UpdateMember } from "@tsumugi/contract";
import { authorize, canChangeRole, isActiveMember, type Role } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { ApiError, forbidden } from "../http/errors.js";
import { loadActor } from "../workspaces/actor.js";
import { memberResource } from "./member-presenter.js";
import * as members from "./member-repository.js";

export const memberNotFound = () => new ApiError(404, "member.notFound", "メンバーが見つかりません。");
const lastSecretariat = () =>
  new ApiError(409, "member.lastSecretariat", "事務局が一人もいなくなるため、この変更はできません。");

/** Changes a member's role and/or disables or re-enables them in the workspace. */
export async function updateMember(
  app: AppContext,
  caller: Caller,
  userId: string,
  input: UpdateMember,
): Promise<void> {
  const wid = caller.workspaceId;
  // Decided and written in one transaction, on the actor and counts as they are then: two
  // secretariats demoting or disabling each other at once cannot leave the workspace
  // without one.
  const changes = await app.kysely.transaction().execute(async (trx) => {
    const actor = await loadActor(trx, caller.actor.userId, wid);
    if (!isActiveMember(actor)) throw forbidden();
    const target = await members.findMembership(trx, wid, userId);
    if (!target) throw memberNotFound();
    const done: { role?: { from: Role; to: Role }; disabled?: boolean; actorId: string } = {
      actorId: actor.userId,
    };
    if (input.role !== undefined && input.role !== target.role) {
      const count = await members.countActiveSecretariats(trx, wid);
      if (!canChangeRole(actor, target, input.role, count)) {
        if (!authorize(actor, "changeRole", memberResource({ userId, disabled: false }))) throw forbidden();
        throw lastSecretariat();
      }
      await members.setMemberRole(trx, wid, userId, input.role);
      done.role = { from: target.role, to: input.role };
    }
    const disabled = target.disabledAt !== null;
    if (input.disabled !== undefined && input.disabled !== disabled) {
      const verb = input.disabled ? "disable" : "enable";
      if (!authorize(actor, verb, memberResource({ userId, disabled }))) throw forbidden();
      await members.setMemberDisabledAt(trx, wid, userId, input.disabled ? Date.now() : null);
      done.disabled = input.disabled;
    }
    return done;
  });

  if (changes.role) {
    await app.audit.record({
      event: "member.role_changed",
      workspaceId: wid,
      actorUserId: changes.actorId,
      target: userId,
      ip: caller.ip,
      detail: changes.role,
    });
  }
  if (changes.disabled !== undefined) {
    await app.audit.record({
      event: changes.disabled ? "member.disabled" : "member.enabled",
      workspaceId: wid,
      actorUserId: changes.actorId,
      target: userId,
      ip: caller.ip,
    });
    if (changes.disabled) {
      const ended = await app.sessions.invalidateAllForUser(userId);
      app.events.emit({ type: "sessions-ended", sessionIds: ended });
    }
  }
  if (changes.role || changes.disabled !== undefined)
    app.events.emit({ type: "user-access-changed", userId, workspaceId: wid });
}

/** Logs the member out everywhere. */
export async function endMemberSessions(app: AppContext, caller: Caller, userId: string): Promise<void> {
  const ended = await app.sessions.invalidateAllForUser(userId);
  app.events.emit({ type: "sessions-ended", sessionIds: ended });
  await app.audit.record({
    event: "member.sessions_ended",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: userId,
    ip: caller.ip,
    detail: { count: ended.length },
  });
}

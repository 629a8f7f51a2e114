/**
 * Changes to members. Every change that alters what a person may open is announced on
 * AccessEvents, so their open document sockets are closed or downgraded at once.
 */
import type { UpdateMember } from "@tsumugi/contract";
import { canChangeRole, isActiveMember, type MemberVerb, type Role } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { ApiError, forbidden } from "../http/errors.js";
import { loadActor } from "../workspaces/actor.js";
import * as members from "./member-repository.js";

export const memberNotFound = () => new ApiError(404, "member.notFound", "メンバーが見つかりません。");
const lastSecretariat = () =>
  new ApiError(409, "member.lastSecretariat", "事務局が一人もいなくなるため、この変更はできません。");

/**
 * The policy's verbs for what `input` changes of the member as loaded: a new role, disabling,
 * enabling. Asking for what already is changes nothing and needs no verb.
 */
export function memberChangeVerbs(
  member: { role: Role; disabled: boolean },
  input: UpdateMember,
): MemberVerb[] {
  const verbs: MemberVerb[] = [];
  if (input.role !== undefined && input.role !== member.role) verbs.push("changeRole");
  if (input.disabled !== undefined && input.disabled !== member.disabled)
    verbs.push(input.disabled ? "disable" : "enable");
  return verbs;
}

/**
 * Changes a member's role and/or disables or re-enables them in the workspace. The route has
 * authorized each change (memberChangeVerbs) for the caller as the request found them.
 */
export async function updateMember(
  app: AppContext,
  caller: Caller,
  userId: string,
  input: UpdateMember,
): Promise<void> {
  const wid = caller.workspaceId;
  // Written in one transaction, on the caller and counts as they are then: two secretariats
  // demoting or disabling each other at once cannot leave the workspace without one.
  const changes = await app.kysely.transaction().execute(async (trx) => {
    const actor = await loadActor(trx, caller.actor.userId, wid);
    // The caller was authorized as they were when the request came in; one demoted or
    // disabled since (by the other of two such requests) is refused.
    if (!isActiveMember(actor) || actor.role !== caller.actor.role) throw forbidden();
    const target = await members.findMembership(trx, wid, userId);
    if (!target) throw memberNotFound();
    const done: { role?: { from: Role; to: Role }; disabled?: boolean } = {};
    if (input.role !== undefined && input.role !== target.role) {
      const count = await members.countActiveSecretariats(trx, wid);
      if (!canChangeRole(actor, target, input.role, count)) throw lastSecretariat();
      await members.setMemberRole(trx, wid, userId, input.role);
      done.role = { from: target.role, to: input.role };
    }
    if (input.disabled !== undefined && input.disabled !== (target.disabledAt !== null)) {
      await members.setMemberDisabledAt(trx, wid, userId, input.disabled ? Date.now() : null);
      done.disabled = input.disabled;
    }
    return done;
  });

  if (changes.role) {
    await app.audit.byCaller(caller, "member.role_changed", userId, changes.role);
  }
  if (changes.disabled !== undefined) {
    await app.audit.byCaller(caller, changes.disabled ? "member.disabled" : "member.enabled", userId);
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
  await app.audit.byCaller(caller, "member.sessions_ended", userId, { count: ended.length });
}

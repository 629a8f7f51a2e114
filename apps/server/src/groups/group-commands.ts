/**
 * Changes to groups. Each command checks what only the database can tell (a name in use,
 * documents owned), writes in one transaction, then records the audit entry and announces
 * access changes (group membership decides who may write a group's documents).
 */
import type { CreateGroup, UpdateGroup } from "@tsumugi/contract";
import type { AppContext, Caller } from "../context.js";
import { groupOwnsDocuments } from "../documents/document-repository.js";
import { ApiError } from "../http/errors.js";
import { newId } from "../ids.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import * as groups from "./group-repository.js";

export const groupNotFound = () => new ApiError(404, "group.notFound", "グループが見つかりません。");
const nameTaken = () => new ApiError(409, "group.nameTaken", "同じ名前のグループが既にあります。");
const hasDocuments = () =>
  new ApiError(409, "group.hasDocuments", "このグループには文書があるため削除できません。");

export async function createGroup(
  app: AppContext,
  caller: Caller,
  input: CreateGroup,
): Promise<groups.GroupWithMembers> {
  const group: groups.GroupRecord = {
    id: newId(),
    workspaceId: caller.workspaceId,
    name: input.name,
    kind: input.kind,
    createdAt: Date.now(),
  };
  if (!(await groups.insertGroup(app.kysely, group))) throw nameTaken();
  await app.audit.record({
    event: "group.created",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: group.id,
    ip: caller.ip,
    detail: { name: group.name, kind: group.kind },
  });
  return { ...group, memberIds: [] };
}

export async function updateGroup(
  app: AppContext,
  caller: Caller,
  group: groups.GroupRecord,
  input: UpdateGroup,
): Promise<groups.GroupWithMembers> {
  const name = input.name ?? group.name;
  const kind = input.kind ?? group.kind;
  const memberIds = await app.kysely
    .transaction()
    .execute(async (trx) => {
      if (await groups.groupNameTaken(trx, caller.workspaceId, name, group.id)) throw nameTaken();
      await groups.updateGroup(trx, group.id, { name, kind });
      return groups.groupMemberIds(trx, group.id);
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
  await app.audit.record({
    event: "group.updated",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: group.id,
    ip: caller.ip,
    detail: { name, kind },
  });
  return { ...group, name, kind, memberIds };
}

/** Deleting a group that owns documents would turn them into workspace-wide ones anyone may edit. */
export async function deleteGroup(app: AppContext, caller: Caller, group: groups.GroupRecord): Promise<void> {
  const memberIds = await app.kysely.transaction().execute(async (trx) => {
    if (await groupOwnsDocuments(trx, group.id)) throw hasDocuments();
    const ids = await groups.groupMemberIds(trx, group.id);
    await groups.deleteGroup(trx, group.id);
    return ids;
  });
  await app.audit.record({
    event: "group.deleted",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: group.id,
    ip: caller.ip,
    detail: { name: group.name },
  });
  for (const userId of memberIds)
    app.events.emit({ type: "user-access-changed", userId, workspaceId: caller.workspaceId });
}

/** Adds or removes a member of the workspace; audited and announced only when it changed something. */
export async function setGroupMembership(
  app: AppContext,
  caller: Caller,
  group: groups.GroupRecord,
  userId: string,
  member: boolean,
): Promise<void> {
  const changed = member
    ? await groups.addGroupMember(app.kysely, group.id, userId)
    : await groups.removeGroupMember(app.kysely, group.id, userId);
  if (!changed) return;
  await app.audit.record({
    event: member ? "group.member_added" : "group.member_removed",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: userId,
    ip: caller.ip,
    detail: { groupId: group.id, group: group.name },
  });
  app.events.emit({ type: "user-access-changed", userId, workspaceId: caller.workspaceId });
}

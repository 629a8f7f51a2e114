/**
 * Changes to groups. Each command checks what only the database can tell (a name in use,
 * documents owned), writes in one transaction, then records the audit entry and announces
 * access changes (group membership decides who may write a group's documents).
 */

import type { CreateGroup, UpdateGroup } from "@tsumugi/contract";
import { newId } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { groupOwnsDocuments } from "../documents/document-repository.js";
import { ApiError, invalid } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import * as groups from "./group-repository.js";

export const groupNotFound = () => new ApiError(404, "group.notFound", "グループが見つかりません。");
const nameTaken = () => new ApiError(409, "group.nameTaken", "同じ名前のグループが既にあります。");
/** The parent is not a group of this workspace. */
const unknownParent = () => invalid({ parentId: "unknown" });
/** The parent is the group itself or one of the groups under it. */
const parentCycle = () =>
  new ApiError(400, "validation", "グループを、そのグループ自身やその下のグループの下には置けません。", {
    parentId: "groupCycle",
  });
const hasDocuments = () =>
  new ApiError(409, "group.hasDocuments", "このグループには文書があるため削除できません。");

/** The parent as the audit entry keeps it: its id, and its name in case it is deleted later. */
function parentDetail(parent: groups.GroupRecord | null | undefined): Record<string, string | null> {
  return parent ? { parentId: parent.id, parent: parent.name } : { parentId: null };
}

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
    parentId: input.parentId ?? null,
    createdAt: Date.now(),
  };
  const { inserted, parent } = await app.kysely.transaction().execute(async (trx) => {
    const parent = group.parentId ? await groups.findGroup(trx, caller.workspaceId, group.parentId) : null;
    if (group.parentId && !parent) throw unknownParent();
    return { inserted: await groups.insertGroup(trx, group), parent };
  });
  if (!inserted) throw nameTaken();
  await app.audit.byCaller(caller, "group.created", group.id, {
    name: group.name,
    kind: group.kind,
    ...parentDetail(parent),
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
  const parentId = input.parentId === undefined ? group.parentId : input.parentId;
  const { memberIds, parent } = await app.kysely
    .transaction()
    .execute(async (trx) => {
      if (await groups.groupNameTaken(trx, caller.workspaceId, name, group.id)) throw nameTaken();
      const parent = parentId === null ? null : await groups.findGroup(trx, caller.workspaceId, parentId);
      if (parentId !== null && parentId !== group.parentId) {
        if (parentId === group.id) throw parentCycle();
        if (!parent) throw unknownParent();
        if ((await groups.ancestorIds(trx, caller.workspaceId, parentId)).includes(group.id))
          throw parentCycle();
      }
      await groups.updateGroup(trx, group.id, { name, kind, parentId });
      return { memberIds: await groups.groupMemberIds(trx, group.id), parent };
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
  await app.audit.byCaller(caller, "group.updated", group.id, {
    name,
    kind,
    ...parentDetail(parent ?? null),
  });
  return { ...group, name, kind, parentId, memberIds };
}

/** Deleting a group that owns documents would turn them into workspace-wide ones anyone may edit. */
export async function deleteGroup(app: AppContext, caller: Caller, group: groups.GroupRecord): Promise<void> {
  const memberIds = await app.kysely.transaction().execute(async (trx) => {
    if (await groupOwnsDocuments(trx, group.id)) throw hasDocuments();
    const ids = await groups.groupMemberIds(trx, group.id);
    await groups.deleteGroup(trx, group.id);
    return ids;
  });
  await app.audit.byCaller(caller, "group.deleted", group.id, { name: group.name });
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
  await app.audit.byCaller(caller, member ? "group.member_added" : "group.member_removed", userId, {
    groupId: group.id,
    group: group.name,
  });
  app.events.emit({ type: "user-access-changed", userId, workspaceId: caller.workspaceId });
}

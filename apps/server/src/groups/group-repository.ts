/**
 * All SQL on `groups` and `group_members`. Other features read groups through these
 * functions. Each takes a QueryBuilder: the server's, or a transaction of it.
 */
import type { GroupKind } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface GroupRecord {
  id: string;
  workspaceId: string;
  name: string;
  kind: GroupKind;
  /** The group this one belongs to (部会 of a 班), or null. */
  parentId: string | null;
  createdAt: number;
}

/** A group with the user ids of its members. */
export interface GroupWithMembers extends GroupRecord {
  memberIds: string[];
}

const columns = ["id", "workspace_id", "name", "kind", "parent_id", "created_at"] as const;

function toRecord(row: {
  id: string;
  workspace_id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  created_at: number;
}): GroupRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    kind: row.kind as GroupKind,
    parentId: row.parent_id,
    createdAt: row.created_at,
  };
}

/** The workspace's groups in order of creation, each with its members. */
export async function listGroups(q: QueryBuilder, workspaceId: string): Promise<GroupWithMembers[]> {
  const groups = await q
    .selectFrom("groups")
    .select(columns)
    .where("workspace_id", "=", workspaceId)
    .orderBy("created_at")
    .orderBy("name")
    .execute();
  const members = await groupMemberships(q, workspaceId);
  return groups.map((g) => ({
    ...toRecord(g),
    memberIds: members.filter((m) => m.groupId === g.id).map((m) => m.userId),
  }));
}

/** Every (group, member) pair of the workspace. */
export async function groupMemberships(
  q: QueryBuilder,
  workspaceId: string,
): Promise<{ groupId: string; userId: string }[]> {
  return q
    .selectFrom("group_members as gm")
    .innerJoin("groups as g", "g.id", "gm.group_id")
    .select(["gm.group_id as groupId", "gm.user_id as userId"])
    .where("g.workspace_id", "=", workspaceId)
    .execute();
}

export async function findGroup(
  q: QueryBuilder,
  workspaceId: string,
  groupId: string,
): Promise<GroupRecord | undefined> {
  const row = await q
    .selectFrom("groups")
    .select(columns)
    .where("id", "=", groupId)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function groupMemberIds(q: QueryBuilder, groupId: string): Promise<string[]> {
  const rows = await q
    .selectFrom("group_members")
    .select("user_id")
    .where("group_id", "=", groupId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Is the name used by another group of the workspace? */
export async function groupNameTaken(
  q: QueryBuilder,
  workspaceId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let query = q
    .selectFrom("groups")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** Inserts the group; false when its workspace already has a group of that name. */
export async function insertGroup(q: QueryBuilder, group: GroupRecord): Promise<boolean> {
  const result = await q
    .insertInto("groups")
    .values({
      id: group.id,
      workspace_id: group.workspaceId,
      name: group.name,
      kind: group.kind,
      parent_id: group.parentId,
      created_at: group.createdAt,
    })
    .onConflict((oc) => oc.columns(["workspace_id", "name"]).doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

export async function updateGroup(
  q: QueryBuilder,
  groupId: string,
  fields: { name: string; kind: GroupKind; parentId: string | null },
): Promise<void> {
  await q
    .updateTable("groups")
    .set({ name: fields.name, kind: fields.kind, parent_id: fields.parentId })
    .where("id", "=", groupId)
    .execute();
}

/**
 * The chain of parents above `groupId` within the workspace, nearest first (stops at a group
 * seen twice, so a damaged chain cannot loop).
 */
export async function ancestorIds(q: QueryBuilder, workspaceId: string, groupId: string): Promise<string[]> {
  const rows = await q
    .selectFrom("groups")
    .select(["id", "parent_id"])
    .where("workspace_id", "=", workspaceId)
    .execute();
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  const chain: string[] = [];
  let next = parentOf.get(groupId) ?? null;
  while (next !== null && !chain.includes(next) && next !== groupId) {
    chain.push(next);
    next = parentOf.get(next) ?? null;
  }
  return chain;
}

/** Deletes the group; its memberships go with it (ON DELETE CASCADE). */
export async function deleteGroup(q: QueryBuilder, groupId: string): Promise<void> {
  await q.deleteFrom("groups").where("id", "=", groupId).execute();
}

/** Adds the member; false when they already belonged to the group. */
export async function addGroupMember(q: QueryBuilder, groupId: string, userId: string): Promise<boolean> {
  const result = await q
    .insertInto("group_members")
    .values({ group_id: groupId, user_id: userId })
    .onConflict((oc) => oc.columns(["group_id", "user_id"]).doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/** Removes the member; false when they did not belong to the group. */
export async function removeGroupMember(q: QueryBuilder, groupId: string, userId: string): Promise<boolean> {
  const result = await q
    .deleteFrom("group_members")
    .where("group_id", "=", groupId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** Those of `ids` that are groups of the workspace, in the order given. */
export async function groupsAmong(
  q: QueryBuilder,
  workspaceId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom("groups")
    .select(["id", "name"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", ids)
    .execute();
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}

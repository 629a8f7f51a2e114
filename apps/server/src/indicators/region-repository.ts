/**
 * All SQL on `region_groups` and `region_group_members`: the groups of municipalities that
 * compare indicators, who is in them, and who asked to join.
 */
import type { RegionKind, RegionMembership } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface RegionGroupRecord {
  id: string;
  name: string;
  kind: RegionKind;
  /** The municipality that decides who joins (null for a group made by an operator). */
  ownerWorkspaceId: string | null;
}

/** A group with one workspace's place in it. */
export interface PlacedRegionGroup extends RegionGroupRecord {
  membership: RegionMembership;
}

export interface JoinRequest {
  workspaceId: string;
  name: string;
  prefecture: string;
  requestedAt: number;
}

function toRecord(r: { id: string; name: string; kind: string; owner_workspace_id: string | null }) {
  return { id: r.id, name: r.name, kind: r.kind as RegionKind, ownerWorkspaceId: r.owner_workspace_id };
}

function place(group: RegionGroupRecord, status: string, workspaceId: string): RegionMembership {
  if (status === "pending") return "pending";
  return group.ownerWorkspaceId === workspaceId ? "owner" : "member";
}

const groupColumns = ["g.id", "g.name", "g.kind", "g.owner_workspace_id"] as const;

/** A group by id; with `inPrefectureOf`, only one of that workspace's prefecture (it may ask to join). */
export async function findRegionGroup(
  q: QueryBuilder,
  groupId: string,
  opts: { inPrefectureOf?: string } = {},
): Promise<RegionGroupRecord | undefined> {
  const groups = opts.inPrefectureOf
    ? inPrefectureOf(q, opts.inPrefectureOf)
    : q.selectFrom("region_groups as g");
  const row = await groups.select(groupColumns).where("g.id", "=", groupId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The workspace's place in a group, or null (not in it). */
export async function membershipOf(
  q: QueryBuilder,
  group: RegionGroupRecord,
  workspaceId: string,
): Promise<RegionMembership | null> {
  const row = await q
    .selectFrom("region_group_members")
    .select("status")
    .where("group_id", "=", group.id)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return row ? place(group, row.status, workspaceId) : null;
}

/** The groups a workspace is in or asked to join, by name. */
export async function regionGroupsOf(q: QueryBuilder, workspaceId: string): Promise<PlacedRegionGroup[]> {
  const rows = await q
    .selectFrom("region_groups as g")
    .innerJoin("region_group_members as m", "m.group_id", "g.id")
    .select([...groupColumns, "m.status"])
    .where("m.workspace_id", "=", workspaceId)
    .orderBy("g.name")
    .execute();
  return rows.map((r) => {
    const group = toRecord(r);
    return { ...group, membership: place(group, r.status, workspaceId) };
  });
}

/** The groups a workspace is an owner or member of (pending requests excluded), by name. */
export async function activeRegionGroupsOf(
  q: QueryBuilder,
  workspaceId: string,
): Promise<RegionGroupRecord[]> {
  const rows = await q
    .selectFrom("region_groups as g")
    .innerJoin("region_group_members as m", "m.group_id", "g.id")
    .select(groupColumns)
    .where("m.workspace_id", "=", workspaceId)
    .where("m.status", "=", "active")
    .orderBy("g.name")
    .execute();
  return rows.map(toRecord);
}

/** The member municipalities of a group (pending ones excluded), by local government code. */
export async function activeMembersOf(
  q: QueryBuilder,
  groupId: string,
): Promise<{ id: string; name: string }[]> {
  return q
    .selectFrom("region_group_members as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .select(["w.id", "w.name"])
    .where("m.group_id", "=", groupId)
    .where("m.status", "=", "active")
    .orderBy("w.lg_code")
    .execute();
}

/** The municipalities waiting for the group's owner, oldest request first. */
export async function joinRequests(q: QueryBuilder, groupId: string): Promise<JoinRequest[]> {
  const rows = await q
    .selectFrom("region_group_members as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .select(["w.id", "w.name", "w.prefecture", "m.requested_at"])
    .where("m.group_id", "=", groupId)
    .where("m.status", "=", "pending")
    .orderBy("m.requested_at")
    .execute();
  return rows.map((r) => ({
    workspaceId: r.id,
    name: r.name,
    prefecture: r.prefecture,
    requestedAt: r.requested_at ?? 0,
  }));
}

/** Groups with an active member in the workspace's prefecture. */
function inPrefectureOf(q: QueryBuilder, workspaceId: string) {
  return q.selectFrom("region_groups as g").where((eb) =>
    eb.exists(
      eb
        .selectFrom("region_group_members as am")
        .innerJoin("workspaces as w", "w.id", "am.workspace_id")
        .select("am.group_id")
        .whereRef("am.group_id", "=", "g.id")
        .where("am.status", "=", "active")
        .where("w.prefecture", "=", (sub) =>
          sub.selectFrom("workspaces").select("prefecture").where("id", "=", workspaceId),
        ),
    ),
  );
}

/** Groups the workspace may ask to join: those of its prefecture it is not in, by name. */
export async function joinableRegionGroups(
  q: QueryBuilder,
  workspaceId: string,
): Promise<(RegionGroupRecord & { ownerName: string | null })[]> {
  const rows = await inPrefectureOf(q, workspaceId)
    .leftJoin("workspaces as o", "o.id", "g.owner_workspace_id")
    .select([...groupColumns, "o.name as owner_name"])
    .where("g.id", "not in", (eb) =>
      eb.selectFrom("region_group_members").select("group_id").where("workspace_id", "=", workspaceId),
    )
    .orderBy("g.name")
    .execute();
  return rows.map((r) => ({ ...toRecord(r), ownerName: r.owner_name }));
}

/**
 * A new group with its members, all active: a 広域 group made by a municipality has its owner
 * as its one member (decided by its maker); the demo's groups start with every member.
 */
export async function insertRegionGroup(
  q: QueryBuilder,
  group: RegionGroupRecord,
  memberIds: readonly string[],
  userId: string | null,
  now: number,
): Promise<void> {
  await q
    .insertInto("region_groups")
    .values({
      id: group.id,
      name: group.name,
      kind: group.kind,
      owner_workspace_id: group.ownerWorkspaceId,
      created_at: now,
    })
    .execute();
  await q
    .insertInto("region_group_members")
    .values(
      memberIds.map((workspaceId) => ({
        group_id: group.id,
        workspace_id: workspaceId,
        status: "active",
        requested_by: userId,
        requested_at: userId ? now : null,
        decided_by: userId,
        decided_at: userId ? now : null,
      })),
    )
    .execute();
}

/** Asks to join; false when the workspace is already in the group or asked before. */
export async function insertJoinRequest(
  q: QueryBuilder,
  groupId: string,
  workspaceId: string,
  userId: string,
  now: number,
): Promise<boolean> {
  const res = await q
    .insertInto("region_group_members")
    .values({
      group_id: groupId,
      workspace_id: workspaceId,
      status: "pending",
      requested_by: userId,
      requested_at: now,
    })
    .onConflict((oc) => oc.columns(["group_id", "workspace_id"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Lets a pending municipality in; false when there is no such request. */
export async function approveJoinRequest(
  q: QueryBuilder,
  groupId: string,
  workspaceId: string,
  userId: string,
  now: number,
): Promise<boolean> {
  const res = await q
    .updateTable("region_group_members")
    .set({ status: "active", decided_by: userId, decided_at: now })
    .where("group_id", "=", groupId)
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Removes a pending request; false when there is none. */
export async function deleteJoinRequest(
  q: QueryBuilder,
  groupId: string,
  workspaceId: string,
): Promise<boolean> {
  const res = await q
    .deleteFrom("region_group_members")
    .where("group_id", "=", groupId)
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Other municipalities in the group or asking to join it. */
export async function othersInGroup(q: QueryBuilder, groupId: string, workspaceId: string): Promise<number> {
  const row = await q
    .selectFrom("region_group_members")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("group_id", "=", groupId)
    .where("workspace_id", "<>", workspaceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Leaves the group (or withdraws the request). */
export async function deleteMembership(q: QueryBuilder, groupId: string, workspaceId: string): Promise<void> {
  await q
    .deleteFrom("region_group_members")
    .where("group_id", "=", groupId)
    .where("workspace_id", "=", workspaceId)
    .execute();
}

/** Names of the given region groups. */
export async function regionGroupNames(
  q: QueryBuilder,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return q.selectFrom("region_groups").select(["id", "name"]).where("id", "in", ids).execute();
}

/**
 * All SQL on `memberships` (a person's role and state in a workspace). Other features read
 * members through these functions.
 */
import type { Role } from "@tsumugi/domain";
import { groupMemberships } from "../groups/group-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface MemberRecord {
  userId: string;
  name: string;
  email: string;
  organization: string;
  role: Role;
  /** Disabled in this workspace, or the whole account. */
  disabled: boolean;
  groupIds: string[];
}

export interface Membership {
  userId: string;
  role: Role;
  /** Disabled in this workspace (the account itself may be disabled too: see `MemberRecord`). */
  disabledAt: number | null;
}

/**
 * What the policy's Actor is built from (workspaces/actor.ts): the account's and the
 * membership's state, the role, and a row per group of the workspace (one with a null group
 * when none). One statement, as it runs for every request and every upgrade; no row when the
 * account does not exist.
 */
export async function actorRows(
  q: QueryBuilder,
  userId: string,
  workspaceId: string,
): Promise<
  {
    role: string | null;
    disabled_at: number | null;
    member_disabled_at: number | null;
    group_id: string | null;
  }[]
> {
  return await q
    .selectFrom("users as u")
    .leftJoin("memberships as m", (join) =>
      join.onRef("m.user_id", "=", "u.id").on("m.workspace_id", "=", workspaceId),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("group_members as gm")
          .innerJoin("groups as g", "g.id", "gm.group_id")
          .select(["gm.user_id", "gm.group_id"])
          .where("g.workspace_id", "=", workspaceId)
          .as("mg"),
      (join) => join.onRef("mg.user_id", "=", "u.id"),
    )
    .select(["m.role", "u.disabled_at", "m.disabled_at as member_disabled_at", "mg.group_id"])
    .where("u.id", "=", userId)
    .execute();
}

/** The workspace's members by name, with their groups. */
export async function listMembers(q: QueryBuilder, workspaceId: string): Promise<MemberRecord[]> {
  const rows = await q
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select([
      "m.user_id",
      "u.name",
      "u.email",
      "u.organization",
      "m.role",
      "m.disabled_at",
      "u.disabled_at as user_disabled_at",
    ])
    .where("m.workspace_id", "=", workspaceId)
    .orderBy("u.name")
    .execute();
  const groups = await groupMemberships(q, workspaceId);
  return rows.map((m) => ({
    userId: m.user_id,
    name: m.name,
    email: m.email,
    organization: m.organization,
    role: m.role as Role,
    disabled: m.disabled_at !== null || m.user_disabled_at !== null,
    groupIds: groups.filter((g) => g.userId === m.user_id).map((g) => g.groupId),
  }));
}

export async function findMembership(
  q: QueryBuilder,
  workspaceId: string,
  userId: string,
): Promise<Membership | undefined> {
  const row = await q
    .selectFrom("memberships")
    .select(["user_id", "role", "disabled_at"])
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row && { userId: row.user_id, role: row.role as Role, disabledAt: row.disabled_at };
}

/** Secretariats of the workspace who are not disabled in it. */
export async function countActiveSecretariats(q: QueryBuilder, workspaceId: string): Promise<number> {
  const row = await q
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .where("role", "=", "secretariat")
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setMemberRole(q: QueryBuilder, workspaceId: string, userId: string, role: Role) {
  await q
    .updateTable("memberships")
    .set({ role })
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .execute();
}

export async function setMemberDisabledAt(
  q: QueryBuilder,
  workspaceId: string,
  userId: string,
  disabledAt: number | null,
) {
  await q
    .updateTable("memberships")
    .set({ disabled_at: disabledAt })
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .execute();
}

export async function insertMembership(
  q: QueryBuilder,
  m: { workspaceId: string; userId: string; role: Role; createdAt: number },
): Promise<void> {
  await q
    .insertInto("memberships")
    .values({ workspace_id: m.workspaceId, user_id: m.userId, role: m.role, created_at: m.createdAt })
    .execute();
}

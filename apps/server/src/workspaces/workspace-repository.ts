/** All SQL on `workspaces`. Other features read a workspace through these functions. */
import type { QueryBuilder } from "../storage/query-builder.js";

export interface WorkspaceRecord {
  id: string;
  name: string;
  prefecture: string;
  lgCode: string;
}

export async function findWorkspace(q: QueryBuilder, id: string): Promise<WorkspaceRecord | undefined> {
  const row = await q
    .selectFrom("workspaces")
    .select(["id", "name", "prefecture", "lg_code"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, prefecture: row.prefecture, lgCode: row.lg_code };
}

/** The workspace of a 全国地方公共団体コード (its public pages are addressed by it). */
export async function findWorkspaceByLgCode(
  q: QueryBuilder,
  lgCode: string,
): Promise<WorkspaceRecord | undefined> {
  const row = await q
    .selectFrom("workspaces")
    .select(["id", "name", "prefecture", "lg_code"])
    .where("lg_code", "=", lgCode)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, prefecture: row.prefecture, lgCode: row.lg_code };
}

/** Adds a workspace; false when another one has its 全国地方公共団体コード. */
export async function insertWorkspace(
  q: QueryBuilder,
  workspace: WorkspaceRecord,
  now: number,
): Promise<boolean> {
  const res = await q
    .insertInto("workspaces")
    .values({
      id: workspace.id,
      name: workspace.name,
      prefecture: workspace.prefecture,
      lg_code: workspace.lgCode,
      created_at: now,
    })
    .onConflict((oc) => oc.column("lg_code").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Throws a unique violation (isUniqueViolation) when another workspace has the code. */
export async function updateWorkspace(q: QueryBuilder, workspace: WorkspaceRecord): Promise<void> {
  await q
    .updateTable("workspaces")
    .set({ name: workspace.name, prefecture: workspace.prefecture, lg_code: workspace.lgCode })
    .where("id", "=", workspace.id)
    .execute();
}

/** Names of the given workspaces (municipalities). */
export async function workspaceNames(
  q: QueryBuilder,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return q.selectFrom("workspaces").select(["id", "name"]).where("id", "in", ids).execute();
}

/** Whether two-step verification is mandatory for the workspace's secretariat and coordinators. */
export async function twoFactorRequired(q: QueryBuilder, id: string): Promise<boolean> {
  const row = await q
    .selectFrom("workspaces")
    .select("two_factor_required")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.two_factor_required === 1;
}

export async function setTwoFactorRequired(q: QueryBuilder, id: string, required: boolean): Promise<void> {
  await q
    .updateTable("workspaces")
    .set({ two_factor_required: required ? 1 : 0 })
    .where("id", "=", id)
    .execute();
}

/**
 * Whether a workspace where the user is an active member in one of `roles` makes two-step
 * verification mandatory for them.
 */
export async function requiresTwoFactor(
  q: QueryBuilder,
  userId: string,
  roles: readonly string[],
): Promise<boolean> {
  if (roles.length === 0) return false;
  const row = await q
    .selectFrom("memberships as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .select("m.workspace_id")
    .where("m.user_id", "=", userId)
    .where("m.disabled_at", "is", null)
    .where("w.two_factor_required", "=", 1)
    .where("m.role", "in", roles)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

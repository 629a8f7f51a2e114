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

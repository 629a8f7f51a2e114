/** SQL on resource_links: entries linked to plan actions (取組). */
import type { QueryBuilder } from "../storage/query-builder.js";

export type LinkTargetKind = "planAction";

export interface ResourceLinkRecord {
  resourceId: string;
  targetKind: LinkTargetKind;
  targetId: string;
  createdAt: number;
}

export async function listLinks(
  q: QueryBuilder,
  workspaceId: string,
  filter: { targetKind?: LinkTargetKind; targetIds?: readonly string[]; resourceId?: string },
): Promise<ResourceLinkRecord[]> {
  let query = q
    .selectFrom("resource_links")
    .select(["resource_id", "target_kind", "target_id", "created_at"])
    .where("workspace_id", "=", workspaceId);
  if (filter.targetKind) query = query.where("target_kind", "=", filter.targetKind);
  if (filter.targetIds) {
    if (filter.targetIds.length === 0) return [];
    query = query.where("target_id", "in", [...filter.targetIds]);
  }
  if (filter.resourceId) query = query.where("resource_id", "=", filter.resourceId);
  const rows = await query.orderBy("created_at").execute();
  return rows.map((r) => ({
    resourceId: r.resource_id,
    targetKind: r.target_kind as LinkTargetKind,
    targetId: r.target_id,
    createdAt: r.created_at,
  }));
}

/** Adds the link; false when it was there. */
export async function addLink(
  q: QueryBuilder,
  workspaceId: string,
  link: ResourceLinkRecord,
  by: string,
): Promise<boolean> {
  const result = await q
    .insertInto("resource_links")
    .values({
      workspace_id: workspaceId,
      resource_id: link.resourceId,
      target_kind: link.targetKind,
      target_id: link.targetId,
      created_by: by,
      created_at: link.createdAt,
    })
    .onConflict((oc) => oc.columns(["resource_id", "target_kind", "target_id"]).doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

export async function removeLink(
  q: QueryBuilder,
  resourceId: string,
  targetKind: LinkTargetKind,
  targetId: string,
): Promise<boolean> {
  const result = await q
    .deleteFrom("resource_links")
    .where("resource_id", "=", resourceId)
    .where("target_kind", "=", targetKind)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
  return result.numDeletedRows === 1n;
}

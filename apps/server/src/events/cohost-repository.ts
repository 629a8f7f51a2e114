/**
 * All SQL on `event_cohosts`, and the municipalities an event may be shared with: those in an
 * active region group with the host; a municipality by its local government code (public pages).
 */
import type { QueryBuilder } from "../storage/query-builder.js";
import { findWorkspaceByLgCode } from "../workspaces/workspace-repository.js";
import type { MunicipalityRecord } from "./event-rows.js";

/** Municipalities sharing an active region group with the workspace (whom it may co-host with). */
export async function cohostCandidates(q: QueryBuilder, workspaceId: string): Promise<MunicipalityRecord[]> {
  const rows = await q
    .selectFrom("region_group_members as mine")
    .innerJoin("region_group_members as other", "other.group_id", "mine.group_id")
    .innerJoin("workspaces as w", "w.id", "other.workspace_id")
    .select(["w.id", "w.name", "w.prefecture", "w.lg_code"])
    .distinct()
    .where("mine.workspace_id", "=", workspaceId)
    .where("mine.status", "=", "active")
    .where("other.status", "=", "active")
    .where("other.workspace_id", "!=", workspaceId)
    .orderBy("w.lg_code")
    .execute();
  return rows.map((w) => ({ workspaceId: w.id, name: w.name, prefecture: w.prefecture, lgCode: w.lg_code }));
}

/** Adds the co-host; false when it already was one. */
export async function addCohost(
  q: QueryBuilder,
  eventId: string,
  workspaceId: string,
  at: number,
): Promise<boolean> {
  const r = await q
    .insertInto("event_cohosts")
    .values({ event_id: eventId, workspace_id: workspaceId, added_at: at })
    .onConflict((oc) => oc.columns(["event_id", "workspace_id"]).doNothing())
    .executeTakeFirst();
  return r.numInsertedOrUpdatedRows === 1n;
}

export async function removeCohost(q: QueryBuilder, eventId: string, workspaceId: string): Promise<boolean> {
  const r = await q
    .deleteFrom("event_cohosts")
    .where("event_id", "=", eventId)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return r.numDeletedRows === 1n;
}

/** The workspace by its local government code (public pages), read through the workspaces' repository. */
export async function workspaceByLgCode(
  q: QueryBuilder,
  lgCode: string,
): Promise<MunicipalityRecord | undefined> {
  const w = await findWorkspaceByLgCode(q, lgCode);
  return w && { workspaceId: w.id, name: w.name, prefecture: w.prefecture, lgCode: w.lgCode };
}

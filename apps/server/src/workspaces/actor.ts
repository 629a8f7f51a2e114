/** Builds the policy's Actor for a user inside a workspace from the database. */
import { type Actor, isRole } from "@tsumugi/domain";
import { actorRows } from "../members/member-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export async function loadActor(q: QueryBuilder, userId: string, workspaceId: string): Promise<Actor> {
  const rows = await actorRows(q, userId, workspaceId);
  const row = rows[0];
  if (!row) return { userId, role: null, groupIds: [], disabled: true };
  return {
    userId,
    role: isRole(row.role) ? row.role : null,
    groupIds: rows.flatMap((r) => (r.group_id === null ? [] : [r.group_id])),
    disabled: row.disabled_at !== null || row.member_disabled_at !== null,
  };
}

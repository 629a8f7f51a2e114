/** Builds the policy's Actor for a user inside a workspace from the database. */
import { type Actor, isRole } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export async function loadActor(q: QueryBuilder, userId: string, workspaceId: string): Promise<Actor> {
  // One statement for role and groups (a row per group, one with no group): this runs for
  // every request and every upgrade.
  const rows = await q
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
  const row = rows[0];
  if (!row) return { userId, role: null, groupIds: [], disabled: true };
  return {
    userId,
    role: isRole(row.role) ? row.role : null,
    groupIds: rows.flatMap((r) => (r.group_id === null ? [] : [r.group_id])),
    disabled: row.disabled_at !== null || row.member_disabled_at !== null,
  };
}

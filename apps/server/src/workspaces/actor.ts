/** Builds the policy's Actor for a user inside a workspace from the database. */
import { type Actor, isRole } from "@tsumugi/domain";
import type { Queryable } from "../storage/database.js";

export async function loadActor(db: Queryable, userId: string, workspaceId: string): Promise<Actor> {
  // One statement for role and groups: this runs for every request and every upgrade.
  const row = await db.get<{
    role: string | null;
    disabled_at: number | null;
    member_disabled_at: number | null;
    group_ids: string;
  }>(
    `SELECT m.role, u.disabled_at, m.disabled_at AS member_disabled_at,
            (SELECT json_group_array(gm.group_id) FROM group_members gm
               JOIN groups g ON g.id = gm.group_id
              WHERE gm.user_id = u.id AND g.workspace_id = ?) AS group_ids
       FROM users u
       LEFT JOIN memberships m ON m.user_id = u.id AND m.workspace_id = ?
      WHERE u.id = ?`,
    [workspaceId, workspaceId, userId],
  );
  if (!row) return { userId, role: null, groupIds: [], disabled: true };
  return {
    userId,
    role: isRole(row.role) ? row.role : null,
    groupIds: JSON.parse(row.group_ids) as string[],
    disabled: row.disabled_at !== null || row.member_disabled_at !== null,
  };
}

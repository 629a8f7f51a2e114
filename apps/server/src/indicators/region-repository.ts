/** SQL on `region_groups` and `region_group_members`. */
import type { QueryBuilder } from "../storage/query-builder.js";

/** Names of the given region groups. */
export async function regionGroupNames(
  q: QueryBuilder,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return q.selectFrom("region_groups").select(["id", "name"]).where("id", "in", ids).execute();
}

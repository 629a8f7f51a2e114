/**
 * The names of a workspace's rows among some ids, as the audit log shows what an entry acted
 * on: one query on the table, the row's id and the column people know it by.
 */
import { sql } from "kysely";
import type { QueryBuilder } from "./query-builder.js";

/** The tables looked up this way, and the column each names its rows by. */
const NAME_COLUMNS = {
  desks: "name",
  consultation_examples: "title",
  meetings: "title",
  resources: "name",
} as const;

export async function namesAmong(
  q: QueryBuilder,
  table: keyof typeof NAME_COLUMNS,
  workspaceId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return q
    .selectFrom(table)
    .select(["id", sql.ref<string>(NAME_COLUMNS[table]).as("name")])
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", [...ids])
    .execute();
}

/** All SQL on `populations`: a workspace's population bases per 年度. */
import type { Population } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export async function populations(q: QueryBuilder, workspaceId: string): Promise<Map<number, Population>> {
  const rows = await q
    .selectFrom("populations")
    .select(["fiscal_year", "total", "aged65", "aged75"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("fiscal_year")
    .execute();
  return new Map(rows.map((r) => [r.fiscal_year, { total: r.total, aged65: r.aged65, aged75: r.aged75 }]));
}

export async function setPopulation(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYear: number,
  p: Population,
): Promise<void> {
  await q
    .insertInto("populations")
    .values({ workspace_id: workspaceId, fiscal_year: fiscalYear, ...p })
    .onConflict((oc) =>
      oc.columns(["workspace_id", "fiscal_year"]).doUpdateSet((eb) => ({
        total: eb.ref("excluded.total"),
        aged65: eb.ref("excluded.aged65"),
        aged75: eb.ref("excluded.aged75"),
      })),
    )
    .execute();
}

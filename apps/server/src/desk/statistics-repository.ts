/**
 * The coded facts the statistics and the indicator 相談件数 count: nothing identifying is read.
 * Other features read them through these functions (the indicators `consultationMonthCounts`).
 */
import type { ConsultationFact, MonthCount } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import { codesOf } from "./contact-repository.js";

/** Coded facts of every contact in the given 年度 (for statistics; nothing identifying). */
export async function consultationFacts(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYears: readonly number[],
  deskIds?: readonly string[],
): Promise<(ConsultationFact & { id: string })[]> {
  if (fiscalYears.length === 0) return [];
  let query = q
    .selectFrom("consultations as k")
    .innerJoin("consultation_cases as c", "c.id", "k.case_id")
    .select(["k.id", "k.fiscal_year", "k.month", "k.method", "k.consulter_type", "c.desk_id", "c.area_id"])
    .where("k.workspace_id", "=", workspaceId)
    .where("k.fiscal_year", "in", [...fiscalYears]);
  if (deskIds) {
    if (deskIds.length === 0) return [];
    query = query.where("c.desk_id", "in", [...deskIds]);
  }
  const rows = await query.execute();
  const codes = await codesOf(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    fiscalYear: r.fiscal_year,
    month: r.month,
    deskId: r.desk_id,
    areaId: r.area_id,
    method: r.method,
    consulterType: r.consulter_type,
    topics: codes.topics.get(r.id) ?? [],
    responses: codes.responses.get(r.id) ?? [],
  }));
}

/** The 年度 that have consultations, oldest first. */
export async function consultationYears(q: QueryBuilder, workspaceId: string): Promise<number[]> {
  const rows = await q
    .selectFrom("consultations")
    .select("fiscal_year")
    .distinct()
    .where("workspace_id", "=", workspaceId)
    .orderBy("fiscal_year")
    .execute();
  return rows.map((r) => r.fiscal_year);
}

/** Consultations per 年度 and month, for the indicator 相談件数. */
export async function consultationMonthCounts(q: QueryBuilder, workspaceId: string): Promise<MonthCount[]> {
  const rows = await q
    .selectFrom("consultations")
    .select(["fiscal_year", "month", (eb) => eb.fn.countAll().as("n")])
    .where("workspace_id", "=", workspaceId)
    .groupBy(["fiscal_year", "month"])
    .orderBy("fiscal_year")
    .orderBy("month")
    .execute();
  return rows.map((r) => ({ fiscalYear: r.fiscal_year, month: r.month, count: Number(r.n) }));
}

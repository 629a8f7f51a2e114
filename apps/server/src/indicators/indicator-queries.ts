/**
 * Reads of the indicators that span several statements: the definitions (the starter
 * catalogue added first on first use, outside any read transaction), then the values and
 * population bases in one read-only transaction, so they are one committed state.
 */
import type { Population } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import { valuesWithDerived } from "./derived-values.js";
import { catalogueOf, type IndicatorRecord, listIndicators } from "./indicator-repository.js";
import { populations } from "./population-repository.js";
import type { ValueRecord } from "./value-repository.js";

/** The definitions, their values (entered and counted) and the population bases. */
export async function indicatorListing(
  kysely: QueryBuilder,
  workspaceId: string,
): Promise<{ indicators: IndicatorRecord[]; values: ValueRecord[]; populations: Map<number, Population> }> {
  const indicators = await catalogueOf(kysely, workspaceId);
  return kysely
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => ({
      indicators,
      values: await valuesWithDerived(trx, workspaceId, indicators),
      populations: await populations(trx, workspaceId),
    }));
}

/** The definitions and their values as of the same committed state (the CSV export). */
export async function indicatorValues(
  kysely: QueryBuilder,
  workspaceId: string,
): Promise<{ indicators: IndicatorRecord[]; values: ValueRecord[] }> {
  await catalogueOf(kysely, workspaceId);
  return kysely
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => {
      const indicators = await listIndicators(trx, workspaceId);
      return { indicators, values: await valuesWithDerived(trx, workspaceId, indicators) };
    });
}

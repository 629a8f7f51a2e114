/**
 * Reads of the plans that span several statements: each runs in one read-only transaction,
 * so what it answers is one committed state, never a projection being written.
 */
import type { DocumentRecord } from "../documents/document-repository.js";
import { ApiError } from "../http/errors.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { type RecordedChange, readProjection, recentChanges } from "./plan-read-model.js";
import { listPlanDocuments } from "./plan-repository.js";

export type Projection = NonNullable<Awaited<ReturnType<typeof readProjection>>>;

const notProjected = () =>
  new ApiError(503, "plan.notProjected", "集計を準備しています。しばらくしてから再読み込みしてください。");

/** Every year's plan with its read model (null before its first projection), oldest first. */
export async function planYears(
  kysely: QueryBuilder,
  workspaceId: string,
): Promise<{ plan: DocumentRecord; projection: Projection | null }[]> {
  return kysely
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => {
      const years: { plan: DocumentRecord; projection: Projection | null }[] = [];
      for (const plan of (await listPlanDocuments(trx, workspaceId)).reverse())
        years.push({ plan, projection: await readProjection(trx, plan.docName) });
      return years;
    });
}

/**
 * A plan's read model and its latest row changes, as of the same committed state; 503
 * `plan.notProjected` while the first projection is being written.
 */
export async function projectionWithChanges(
  kysely: QueryBuilder,
  docName: string,
  changes: number,
): Promise<{ projection: Projection; changes: RecordedChange[] }> {
  const read = await kysely
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => ({
      projection: await readProjection(trx, docName),
      changes: await recentChanges(trx, docName, changes),
    }));
  if (!read.projection) throw notProjected();
  return { projection: read.projection, changes: read.changes };
}

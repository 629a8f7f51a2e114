/**
 * What of a 年度's plan an event may be linked to: its actions and schedule rows, read from the
 * plan's read model.
 */
import type { PlanLinks } from "@tsumugi/contract";
import { readProjection } from "../plan/plan-read-model.js";
import { findPlanDocument } from "../plan/plan-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export async function planLinks(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYear: number,
): Promise<PlanLinks> {
  // One read: the plan and its read model as of the same committed state.
  const projection = await q
    .transaction()
    .setAccessMode("read only")
    .execute(async (trx) => {
      const doc = await findPlanDocument(trx, workspaceId, fiscalYear);
      return doc ? await readProjection(trx, doc.docName) : null;
    });
  return {
    plan: projection !== null,
    actions: (projection?.plan.actions ?? []).map((a) => ({ id: a.id, title: a.title })),
    scheduleRows: (projection?.plan.scheduleRows ?? []).map((r) => ({ id: r.id, activity: r.activity })),
  };
}

/** Plans as the API answers them (contract: Plan), with what the caller may do with each. */
import type { Plan, PlanYear } from "@tsumugi/contract";
import { type Actor, abilitiesOf, documentAccess, fiscalYearLabel, type PlanResource } from "@tsumugi/domain";
import type { DocumentRecord } from "../documents/document-repository.js";
import type { readProjection } from "./plan-read-model.js";

/** The plan's document as the policy sees it. */
export function planResource(plan: DocumentRecord): PlanResource {
  return {
    kind: "plan",
    workspaceId: plan.workspaceId,
    groupId: plan.groupId,
    locked: plan.locked,
    reviewing: plan.reviewing,
  };
}

export function presentPlan(actor: Actor, plan: DocumentRecord): Plan {
  const fiscalYear = plan.fiscalYear as number;
  return {
    id: plan.id,
    fiscalYear,
    label: fiscalYearLabel(fiscalYear),
    title: plan.title,
    docName: plan.docName,
    access: documentAccess(actor, plan),
    createdAt: plan.createdAt,
    abilities: abilitiesOf(actor, planResource(plan)),
  };
}

/** One column of the multi-year table (年次計画): a year's actions, periods and item notes from its read model. */
export function presentPlanYear(
  plan: DocumentRecord,
  projection: Awaited<ReturnType<typeof readProjection>>,
): PlanYear {
  const fiscalYear = plan.fiscalYear as number;
  return {
    fiscalYear,
    label: fiscalYearLabel(fiscalYear),
    actions: (projection?.plan.actions ?? []).map((a) => ({
      id: a.id,
      title: a.title,
      items: a.items,
      status: a.status,
      goalCodes: a.goalCodes,
      indicatorIds: a.indicatorIds,
      periodStart: a.period.start,
      fundingSource: a.fundingSource,
    })),
    planPeriods: projection?.plan.planPeriods ?? [],
    itemNotes: projection?.plan.itemNotes ?? {},
  };
}

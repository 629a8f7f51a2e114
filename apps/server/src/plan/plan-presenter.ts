/** Plans as the API answers them (contract: Plan), with what the caller may do with each. */
import type { Plan } from "@tsumugi/contract";
import { type Actor, abilitiesOf, documentAccess, fiscalYearLabel, type PlanResource } from "@tsumugi/domain";
import type { DocumentRecord } from "../documents/document-repository.js";

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

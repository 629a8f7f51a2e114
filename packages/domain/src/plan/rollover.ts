/**
 * "Create next year's plan" (Act → Plan): the vision, scene goals and goals carry over;
 * problems not yet solved carry over; actions not finished carry over with a link to last
 * year's row and its evaluation, their period moved one 年度 later (their funding source
 * stays, the budget is next year's to set); finished and cancelled actions stay in the old
 * year. The items' purposes and examples, the papers' profile and every plan period with its
 * milestones carry over: the multi-year grid shows past terms too (seed 003 draws R1–R7).
 * Rows get new ids; links between carried rows follow them.
 */

import { shiftPeriodOneYear } from "./period.js";
import type { ItemNote, PlanProfile } from "./plan-doc.js";
import type { Action, Goal, PlanPeriod, Problem, ScheduleEvent, ScheduleRow } from "./plan-schema.js";
import type { ItemId, SceneId } from "./vocabulary.js";

export interface YearPlan {
  fiscalYear: number;
  vision: string;
  sceneGoals: Partial<Record<SceneId, string>>;
  /** 目的 and 国が示す具体的取組例 per 事業項目 (only items with text). */
  itemNotes: Partial<Record<ItemId, ItemNote>>;
  /** The cover and the organisation chart's texts. */
  profile: PlanProfile;
  goals: Goal[];
  problems: Problem[];
  actions: Action[];
  scheduleRows: ScheduleRow[];
  scheduleEvents: ScheduleEvent[];
  planPeriods: PlanPeriod[];
}

const CLOSED_PROBLEM = new Set(["resolved"]);
const FINISHED_ACTION = new Set(["done", "cancelled"]);

export function nextYearPlan(plan: YearPlan, newId: () => string): YearPlan {
  const problemIds = new Map<string, string>();
  const actionIds = new Map<string, string>();
  const problems = plan.problems.filter((p) => !CLOSED_PROBLEM.has(p.status));
  const actions = plan.actions.filter((a) => !FINISHED_ACTION.has(a.status));
  for (const p of problems) problemIds.set(p.id, newId());
  for (const a of actions) actionIds.set(a.id, newId());
  const mapIds = (ids: readonly string[], map: Map<string, string>) =>
    ids.flatMap((id) => (map.has(id) ? [map.get(id) as string] : []));

  return {
    fiscalYear: plan.fiscalYear + 1,
    vision: plan.vision,
    sceneGoals: { ...plan.sceneGoals },
    itemNotes: Object.fromEntries(Object.entries(plan.itemNotes).map(([k, v]) => [k, { ...v }])),
    profile: { ...plan.profile },
    goals: plan.goals.map((g) => ({ ...g, id: newId() })),
    problems: problems.map((p) => ({
      ...p,
      id: problemIds.get(p.id) as string,
      actionIds: mapIds(p.actionIds, actionIds),
    })),
    actions: actions.map((a) => ({
      ...a,
      id: actionIds.get(a.id) as string,
      period: shiftPeriodOneYear(a.period),
      problemIds: mapIds(a.problemIds, problemIds),
      evaluation: { grade: null, comment: "" },
      carriedFrom: { fiscalYear: plan.fiscalYear, actionId: a.id },
      budget: null,
    })),
    // The activities recur; their dates are next year's to set.
    scheduleRows: plan.scheduleRows.map((r) => ({
      ...r,
      id: newId(),
      actionIds: mapIds(r.actionIds, actionIds),
    })),
    scheduleEvents: [],
    planPeriods: plan.planPeriods.map((p) => ({
      ...p,
      milestones: p.milestones.map((m) => ({ ...m })),
    })),
  };
}

/**
 * "Create next year's plan" (Act → Plan): the vision, scene goals and goals carry over;
 * problems not yet solved carry over; actions not finished carry over with a link to last
 * year's row and its evaluation, their period moved one 年度 later; finished and cancelled
 * actions stay in the old year. Rows get new ids; links between carried rows follow them.
 */

import { shiftPeriodOneYear } from "./period.js";
import type { Action, Goal, PlanPeriod, Problem, ScheduleEvent, ScheduleRow } from "./plan-schema.js";
import type { SceneId } from "./vocabulary.js";

export interface YearPlan {
  fiscalYear: number;
  vision: string;
  sceneGoals: Partial<Record<SceneId, string>>;
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
    })),
    // The activities recur; their dates are next year's to set.
    scheduleRows: plan.scheduleRows.map((r) => ({
      ...r,
      id: newId(),
      actionIds: mapIds(r.actionIds, actionIds),
    })),
    scheduleEvents: [],
    planPeriods: plan.planPeriods
      .filter((p) => p.endFiscalYear >= plan.fiscalYear + 1)
      .map((p) => ({ ...p })),
  };
}

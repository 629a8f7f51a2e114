/**
 * The secretariat's dashboard figures for one fiscal year's plan, as a pure function of the
 * plan's rows: the server computes them from its read model, tests from the documents, and
 * both must agree.
 */
import { fiscalYearOfIsoDate } from "../fiscal-year.js";
import { firstDayOf, lastDayOf } from "./period.js";
import type { Action, ScheduleEvent } from "./plan-schema.js";
import {
  overdueActions,
  problemsByStatus,
  type Rollup,
  rollUpProgress,
  unstartedActions,
} from "./progress.js";
import type { YearPlan } from "./rollover.js";
import { ITEMS, type ProblemStatus, SCENES } from "./vocabulary.js";

export interface RollupRow extends Rollup {
  key: string;
}

export interface ActionSummary {
  id: string;
  title: string;
  status: Action["status"];
  progress: number;
  ownerGroupId: string | null;
  periodEnd: string | null;
}

export interface EventSummary extends ScheduleEvent {
  activity: string;
}

export interface PlanDashboard {
  fiscalYear: number;
  today: string;
  overall: Rollup;
  byScene: RollupRow[];
  byItem: RollupRow[];
  /** Keyed by owner group id; "" for actions without an owner group. */
  byGroup: RollupRow[];
  overdue: ActionSummary[];
  unstarted: ActionSummary[];
  problemsByStatus: Record<ProblemStatus, number>;
  eventsThisMonth: EventSummary[];
  eventsNextMonth: EventSummary[];
  actionCount: number;
  problemCount: number;
}

const summary = (a: Action): ActionSummary => ({
  id: a.id,
  title: a.title,
  status: a.status,
  progress: a.progress,
  ownerGroupId: a.ownerGroupId,
  periodEnd: a.period.end,
});

function rows(map: Map<string, Rollup>, order: readonly string[]): RollupRow[] {
  const known = order.filter((k) => map.has(k));
  const rest = [...map.keys()].filter((k) => !order.includes(k)).sort();
  return [...known, ...rest].map((key) => ({ key, ...(map.get(key) as Rollup) }));
}

/** "2024-01" → "2024-02". */
export function nextMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

function eventsIn(plan: YearPlan, yearMonth: string): EventSummary[] {
  const activity = new Map(plan.scheduleRows.map((r) => [r.id, r.activity]));
  return plan.scheduleEvents
    .filter((e) => firstDayOf(e.when) <= lastDayOf(yearMonth) && lastDayOf(e.when) >= `${yearMonth}-01`)
    .map((e) => ({ ...e, activity: activity.get(e.rowId) ?? "" }))
    .sort((a, b) => a.when.localeCompare(b.when) || a.id.localeCompare(b.id));
}

export function planDashboard(plan: YearPlan, today: string): PlanDashboard {
  const overall = rollUpProgress(plan.actions, () => ["all"]).get("all") ?? {
    progress: Number.NaN,
    weight: 0,
    actions: 0,
    done: 0,
  };
  const thisMonth = today.slice(0, 7);
  return {
    fiscalYear: plan.fiscalYear,
    today,
    overall,
    byScene: rows(
      rollUpProgress(plan.actions, (a) => a.scenes),
      SCENES.map((s) => s.id),
    ),
    byItem: rows(
      rollUpProgress(plan.actions, (a) => a.items),
      ITEMS.map((i) => i.id),
    ),
    byGroup: rows(
      rollUpProgress(plan.actions, (a) => [a.ownerGroupId ?? ""]),
      [],
    ),
    overdue: overdueActions(plan.actions, today).map(summary),
    unstarted: unstartedActions(plan.actions, today).map(summary),
    problemsByStatus: problemsByStatus(plan.problems),
    eventsThisMonth: eventsIn(plan, thisMonth),
    eventsNextMonth: eventsIn(plan, nextMonth(thisMonth)),
    actionCount: plan.actions.length,
    problemCount: plan.problems.length,
  };
}

/** Is `today` inside the plan's 年度? (The dashboard of a past year has no "this month".) */
export function isInFiscalYear(fiscalYear: number, today: string): boolean {
  return fiscalYearOfIsoDate(today) === fiscalYear;
}

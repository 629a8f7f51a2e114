/**
 * The secretariat's figures: weighted progress roll-ups by scene, item or owner group,
 * overdue and unstarted actions, problems by status. Pure functions of the plan's rows, so
 * the dashboard's numbers are exactly what the documents hold.
 */

import { hasPeriodStarted, isPeriodOver } from "./period.js";
import type { Action, Problem } from "./plan-schema.js";
import { PROBLEM_STATUSES, type ProblemStatus } from "./vocabulary.js";

export interface Rollup {
  /** Weighted mean progress, 0–100 (NaN when nothing counts). */
  progress: number;
  /** Sum of the weights that count. */
  weight: number;
  actions: number;
  done: number;
}

/** A done action counts as 100 whatever its progress field says; cancelled ones do not count. */
export function effectiveProgress(action: Action): number | null {
  if (action.status === "cancelled") return null;
  if (action.status === "done") return 100;
  return action.progress;
}

/**
 * Rolls progress up into groups; `keysOf` names the groups an action belongs to (an action
 * tagged with two scenes counts in both).
 */
export function rollUpProgress(
  actions: readonly Action[],
  keysOf: (a: Action) => readonly string[],
): Map<string, Rollup> {
  const sums = new Map<string, { weighted: number; weight: number; actions: number; done: number }>();
  for (const action of actions) {
    const progress = effectiveProgress(action);
    if (progress === null) continue;
    for (const key of new Set(keysOf(action))) {
      const s = sums.get(key) ?? { weighted: 0, weight: 0, actions: 0, done: 0 };
      s.weighted += progress * action.weight;
      s.weight += action.weight;
      s.actions += 1;
      if (action.status === "done") s.done += 1;
      sums.set(key, s);
    }
  }
  const result = new Map<string, Rollup>();
  for (const [key, s] of sums) {
    result.set(key, {
      progress: s.weight === 0 ? Number.NaN : s.weighted / s.weight,
      weight: s.weight,
      actions: s.actions,
      done: s.done,
    });
  }
  return result;
}

/** Not done or cancelled, and the period has ended before `today` (ISO date). */
export function overdueActions(actions: readonly Action[], today: string): Action[] {
  return actions.filter(
    (a) => a.status !== "done" && a.status !== "cancelled" && isPeriodOver(a.period, today),
  );
}

/** Still 未着手 although the period has started. */
export function unstartedActions(actions: readonly Action[], today: string): Action[] {
  return actions.filter((a) => a.status === "notStarted" && hasPeriodStarted(a.period, today));
}

export function problemsByStatus(problems: readonly Problem[]): Record<ProblemStatus, number> {
  const counts = Object.fromEntries(PROBLEM_STATUSES.map((s) => [s.id, 0])) as Record<ProblemStatus, number>;
  for (const p of problems) counts[p.status] += 1;
  return counts;
}

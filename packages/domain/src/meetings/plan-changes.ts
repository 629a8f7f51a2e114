/**
 * "前回の会議からの変更": what changed in the plan between two states of it (the snapshot
 * taken when the previous meeting closed, and now): rows added, changed (with old and new
 * values) and closed (problems solved or proposed, actions done or cancelled), and removed.
 */
import type { Action, Goal, Problem } from "../plan/plan-schema.js";
import type { YearPlan } from "../plan/rollover.js";

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface PlanRowChange {
  table: "goals" | "problems" | "actions";
  id: string;
  title: string;
  kind: "added" | "changed" | "closed" | "removed";
  fields: FieldChange[];
}

const IGNORED = new Set(["id", "order"]);
const CLOSED_PROBLEM = new Set(["resolved", "proposed"]);
const CLOSED_ACTION = new Set(["done", "cancelled"]);

function isClosed(table: PlanRowChange["table"], row: Record<string, unknown>): boolean {
  if (table === "problems") return CLOSED_PROBLEM.has(String(row.status));
  if (table === "actions") return CLOSED_ACTION.has(String(row.status));
  return false;
}

function titleOf(table: PlanRowChange["table"], row: Record<string, unknown>): string {
  return String(table === "goals" ? row.code : row.title);
}

function diffTable(
  table: PlanRowChange["table"],
  before: readonly (Goal | Problem | Action)[],
  after: readonly (Goal | Problem | Action)[],
): PlanRowChange[] {
  const changes: PlanRowChange[] = [];
  const old = new Map(before.map((r) => [r.id, r as unknown as Record<string, unknown>]));
  for (const r of after) {
    const row = r as unknown as Record<string, unknown>;
    const prev = old.get(r.id);
    old.delete(r.id);
    if (!prev) {
      changes.push({ table, id: r.id, title: titleOf(table, row), kind: "added", fields: [] });
      continue;
    }
    const fields = Object.keys(row)
      .filter((k) => !IGNORED.has(k) && JSON.stringify(row[k]) !== JSON.stringify(prev[k]))
      .map((field) => ({ field, before: prev[field], after: row[field] }));
    if (fields.length === 0) continue;
    const kind = isClosed(table, row) && !isClosed(table, prev) ? "closed" : "changed";
    changes.push({ table, id: r.id, title: titleOf(table, row), kind, fields });
  }
  for (const [id, prev] of old)
    changes.push({ table, id, title: titleOf(table, prev), kind: "removed", fields: [] });
  return changes;
}

export function diffPlans(before: YearPlan, after: YearPlan): PlanRowChange[] {
  return [
    ...diffTable("goals", before.goals, after.goals),
    ...diffTable("problems", before.problems, after.problems),
    ...diffTable("actions", before.actions, after.actions),
  ];
}

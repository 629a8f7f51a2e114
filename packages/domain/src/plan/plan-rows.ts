/**
 * New rows of the plan's 課題 and 取組 lists: every field at its empty value, a fresh id and
 * an order key after the last row, with `fields` given on top. One definition for the web
 * (a row added on screen, an imported row), the server (an action made from a meeting's
 * outcome) and the demo plan.
 */
import { newId } from "../wire.js";
import { orderKeyBetween } from "./order-key.js";
import type { Action, Problem } from "./plan-schema.js";

/** An order key after the last of `rows` (rows read from a document may lack a key). */
export function orderAfterLast(rows: readonly { readonly order?: unknown }[]): string {
  let last: string | null = null;
  for (const { order } of rows)
    if (typeof order === "string" && (last === null || order > last)) last = order;
  return orderKeyBetween(last, null);
}

/** A new 課題 after `rows`: raised at a meeting, open, nobody in charge yet. */
export function newProblem(
  rows: readonly { readonly order?: unknown }[],
  fields: Partial<Problem> = {},
): Problem {
  return {
    id: newId(),
    order: orderAfterLast(rows),
    title: "",
    detail: "",
    scenes: [],
    items: [],
    source: "meeting",
    ownerGroupId: null,
    status: "open",
    actionIds: [],
    ...fields,
  };
}

/** A new 取組 after `rows`: not started, no period, budget or evaluation yet. */
export function newAction(
  rows: readonly { readonly order?: unknown }[],
  fields: Partial<Action> = {},
): Action {
  return {
    id: newId(),
    order: orderAfterLast(rows),
    title: "",
    detail: "",
    scenes: [],
    items: [],
    goalCodes: [],
    ownerGroupId: null,
    ownerUserId: null,
    ownerName: "",
    period: { start: null, end: null },
    status: "notStarted",
    progress: 0,
    weight: 1,
    problemIds: [],
    indicatorIds: [],
    evaluation: { grade: null, comment: "" },
    nextStep: "",
    carriedFrom: null,
    budget: null,
    fundingSource: null,
    ...fields,
  };
}

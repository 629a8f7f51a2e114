/** Row builders for the plan's unit tests. */
import { orderKeysAfter } from "./order-key.js";
import { newAction, newProblem } from "./plan-rows.js";
import type { Action, Problem } from "./plan-schema.js";

let counter = 0;
export function testId(): string {
  counter += 1;
  return `row${String(counter).padStart(8, "0")}`;
}

export function action(fields: Partial<Action> = {}): Action {
  return newAction([], {
    id: testId(),
    order: orderKeysAfter(null, 1)[0],
    title: "多職種研修会の開催",
    scenes: ["daily"],
    items: ["f"],
    period: { start: "2023-04", end: "2024-03" },
    status: "inProgress",
    ...fields,
  });
}

export function problem(fields: Partial<Problem> = {}): Problem {
  return newProblem([], {
    id: testId(),
    order: orderKeysAfter(null, 1)[0],
    title: "退院時の連絡が遅れる",
    scenes: ["discharge"],
    items: ["b"],
    ...fields,
  });
}

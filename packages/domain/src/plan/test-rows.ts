/** Row builders for the plan's unit tests. */
import { orderKeysAfter } from "./order-key.js";
import type { Action, Problem } from "./plan-schema.js";

let counter = 0;
export function testId(): string {
  counter += 1;
  return `row${String(counter).padStart(8, "0")}`;
}

export function action(fields: Partial<Action> = {}): Action {
  return {
    id: testId(),
    order: orderKeysAfter(null, 1)[0],
    title: "多職種研修会の開催",
    detail: "",
    scenes: ["daily"],
    items: ["f"],
    goalCodes: [],
    ownerGroupId: null,
    ownerUserId: null,
    ownerName: "",
    period: { start: "2023-04", end: "2024-03" },
    status: "inProgress",
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

export function problem(fields: Partial<Problem> = {}): Problem {
  return {
    id: testId(),
    order: orderKeysAfter(null, 1)[0],
    title: "退院時の連絡が遅れる",
    detail: "",
    scenes: ["discharge"],
    items: ["b"],
    source: "meeting",
    ownerGroupId: null,
    status: "open",
    actionIds: [],
    ...fields,
  };
}

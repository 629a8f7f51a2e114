import { describe, expect, it } from "vitest";
import { isId } from "../documents.js";
import { orderKeysAfter, sortOrdered } from "./order-key.js";
import { newAction, newProblem, orderAfterLast } from "./plan-rows.js";
import { parseAction, parseProblem } from "./plan-schema.js";

describe("new plan rows", () => {
  const keys = orderKeysAfter(null, 3);
  const rows = [
    { id: "b", order: keys[2] },
    { id: "a", order: keys[0] },
    { id: "c", order: keys[1] },
  ];

  it("come after the last row, with a fresh id, every field empty", () => {
    const action = newAction(rows);
    expect(sortOrdered([...rows, action]).at(-1)).toBe(action);
    expect(isId(action.id)).toBe(true);
    expect(newAction(rows).id).not.toBe(action.id);
    expect(action).toMatchObject({ title: "", status: "notStarted", progress: 0, budget: null });
    const problem = newProblem(rows);
    expect(sortOrdered([...rows, problem]).at(-1)).toBe(problem);
    expect(problem).toMatchObject({ title: "", source: "meeting", status: "open", actionIds: [] });
  });

  it("are valid rows of the plan's schema", () => {
    expect(parseAction(newAction([], { title: "研修会" })).ok).toBe(true);
    expect(parseProblem(newProblem([], { title: "連絡が遅れる" })).ok).toBe(true);
  });

  it("take the given fields over the empty ones", () => {
    const action = newAction([], {
      id: "action000001",
      title: "研修会",
      period: { start: "2023-05", end: null },
    });
    expect(action).toMatchObject({
      id: "action000001",
      title: "研修会",
      period: { start: "2023-05", end: null },
    });
  });

  it("skip rows read from a document without an order key", () => {
    const read: Record<string, unknown>[] = [{ id: "x", order: keys[0] }, { id: "y" }, { id: "z", order: 7 }];
    expect(orderAfterLast(read) > keys[0]).toBe(true);
  });
});

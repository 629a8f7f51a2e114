import { describe, expect, it } from "vitest";
import {
  compareGoalCodes,
  goalCodeKey,
  goalResolver,
  sortGoalCodes,
  unresolvedGoalCodes,
} from "./goal-codes.js";
import type { Goal } from "./plan-schema.js";

const goal = (code: string, text: string): Goal => ({
  id: `goal${code}`,
  order: "a0",
  code,
  term: "short",
  scene: null,
  text,
});

describe("goal codes", () => {
  it("match however they were typed: full-width dashes and digits, circled numbers", () => {
    expect(goalCodeKey("3－①")).toBe(goalCodeKey("3-①"));
    expect(goalCodeKey("１ー③")).toBe(goalCodeKey("1-③"));
    expect(goalCodeKey(" 1 - ② ")).toBe(goalCodeKey("1-②"));
    expect(goalCodeKey("1-③")).not.toBe(goalCodeKey("1-②"));
  });

  it("sort by their numbers, once each, keeping the first spelling (seed 003's (ア): 1-③、3-①、2-②)", () => {
    expect(sortGoalCodes(["1-③", "3－①", "2-②", "3-①", "1-①", "10-①", "2"])).toEqual([
      "1-①",
      "1-③",
      "2",
      "2-②",
      "3－①",
      "10-①",
    ]);
    expect(compareGoalCodes("1-⑩", "1-⑨")).toBeGreaterThan(0);
  });

  it("resolve to the goal list's texts and tell which codes the list does not have", () => {
    const goals = [goal("1-③", "相談窓口を知る専門職が増える"), goal("3-①", "急変時に情報が共有される")];
    const resolve = goalResolver(goals);
    expect(resolve("3－①")?.text).toBe("急変時に情報が共有される");
    expect(resolve("2-②")).toBeUndefined();
    expect(unresolvedGoalCodes(goals, ["1-③", "2-②", "3-①", "1-④", "2－②"])).toEqual(["1-④", "2-②"]);
  });
});

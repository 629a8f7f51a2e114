import { describe, expect, it } from "vitest";
import { isUpcomingFor, meetingTodo, myOpenActions } from "./home.js";
import { newAction } from "./plan/plan-rows.js";
import type { Action } from "./plan/plan-schema.js";

const facts = {
  state: "published",
  minutesState: "drafting",
  invited: false,
  canManage: false,
  canFix: false,
} as const;

describe("what a person does next about a meeting", () => {
  it("publish a draft, circulate closed minutes (those who run it), review them (invited), fix them (secretariat)", () => {
    expect(meetingTodo({ ...facts, state: "draft", canManage: true })).toBe("publish");
    expect(meetingTodo({ ...facts, state: "draft" })).toBeNull();
    expect(meetingTodo({ ...facts, state: "published", canManage: true, invited: true })).toBeNull();
    expect(meetingTodo({ ...facts, state: "closed", canManage: true })).toBe("circulate");
    expect(meetingTodo({ ...facts, state: "closed", invited: true })).toBeNull();
    expect(meetingTodo({ ...facts, state: "closed", minutesState: "circulating", invited: true })).toBe(
      "review",
    );
    expect(meetingTodo({ ...facts, state: "closed", minutesState: "circulating" })).toBeNull();
    expect(
      meetingTodo({ ...facts, state: "closed", minutesState: "circulating", canFix: true, canManage: true }),
    ).toBe("fix");
    expect(meetingTodo({ ...facts, state: "closed", minutesState: "fixed", canFix: true })).toBeNull();
  });

  it("lists meetings ahead that are the person's: invited, of their groups, or run by them; drafts only for those", () => {
    const g = { ...facts, groupId: "g1" };
    expect(isUpcomingFor({ ...g, invited: true, groupId: null }, [])).toBe(true);
    expect(isUpcomingFor(g, ["g1"])).toBe(true);
    expect(isUpcomingFor(g, ["g2"])).toBe(false);
    expect(isUpcomingFor({ ...g, state: "draft", invited: true }, ["g1"])).toBe(false);
    expect(isUpcomingFor({ ...g, state: "draft", canManage: true }, [])).toBe(true);
    expect(isUpcomingFor({ ...g, state: "inProgress", canManage: true }, [])).toBe(true);
    expect(isUpcomingFor({ ...g, state: "closed", canManage: true, invited: true }, ["g1"])).toBe(false);
  });
});

function action(id: string, over: Partial<Action>): Action {
  return newAction([], { id, order: id, title: id, status: "inProgress", ...over });
}

describe("the actions in a person's charge", () => {
  it("are theirs or their groups', open, overdue first, then by end of period", () => {
    const actions = [
      action("a", { ownerGroupId: "g1", period: { start: "2023-04", end: "2024-03" } }),
      action("b", { ownerUserId: "u1", period: { start: "2023-04", end: "2023-09" } }),
      action("c", { ownerGroupId: "g2", period: { start: null, end: "2023-05" } }),
      action("d", { ownerGroupId: "g1", status: "done", period: { start: null, end: "2023-05" } }),
      action("e", { ownerGroupId: "g1", status: "cancelled" }),
      action("f", { ownerGroupId: "g1" }),
      action("g", { ownerGroupId: "g1", period: { start: null, end: "2023-06-15" } }),
    ];
    const mine = myOpenActions(actions, { userId: "u1", groupIds: ["g1"] }, "2023-10-01");
    expect(mine.map((a) => [a.id, a.overdue, a.mine])).toEqual([
      ["g", true, false],
      ["b", true, true],
      ["a", false, false],
      ["f", false, false],
    ]);
  });
});

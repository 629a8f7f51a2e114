import { describe, expect, it } from "vitest";
import { canMoveMeeting, canMoveMinutes, nextMeetingNumber } from "./vocabulary.js";

describe("meeting life", () => {
  it("moves forward one step at a time", () => {
    expect(canMoveMeeting("draft", "published")).toBe(true);
    expect(canMoveMeeting("published", "inProgress")).toBe(true);
    expect(canMoveMeeting("inProgress", "closed")).toBe(true);
    expect(canMoveMeeting("draft", "closed")).toBe(false);
    expect(canMoveMeeting("closed", "draft")).toBe(false);
  });

  it("circulates and fixes minutes only after the meeting closed", () => {
    expect(canMoveMinutes("closed", "drafting", "circulating")).toBe(true);
    expect(canMoveMinutes("closed", "circulating", "fixed")).toBe(true);
    expect(canMoveMinutes("inProgress", "drafting", "circulating")).toBe(false);
    expect(canMoveMinutes("closed", "drafting", "fixed")).toBe(false);
    expect(canMoveMinutes("closed", "fixed", "drafting")).toBe(false);
  });

  it("numbers meetings per kind, group and 年度", () => {
    const existing = [
      { kind: "liaison" as const, groupId: null, fiscalYear: 2023, number: 1 },
      { kind: "liaison" as const, groupId: null, fiscalYear: 2023, number: 2 },
      { kind: "team" as const, groupId: "g1", fiscalYear: 2023, number: 1 },
      { kind: "liaison" as const, groupId: null, fiscalYear: 2022, number: 5 },
    ];
    expect(nextMeetingNumber(existing, "liaison", null, 2023)).toBe(3);
    expect(nextMeetingNumber(existing, "team", "g1", 2023)).toBe(2);
    expect(nextMeetingNumber(existing, "team", "g2", 2023)).toBe(1);
    expect(nextMeetingNumber(existing, "liaison", null, 2024)).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { meetingWhen, meetingWhenTyped } from "./meeting-format";

describe("meeting times on screen", () => {
  it("read as on a notice, with the weekday", () => {
    expect(meetingWhen({ startsAt: "2023-07-31T14:00", endsAt: "2023-07-31T16:00" })).toBe(
      "令和5年7月31日（月）14:00〜16:00",
    );
  });

  it("follow what is being typed, and say nothing until the start is a date and time", () => {
    expect(meetingWhenTyped("", "")).toBe("");
    expect(meetingWhenTyped("2026-12-0", "")).toBe("");
    expect(meetingWhenTyped("2026-12-01T14:00", "")).toBe("令和8年12月1日（火）14:00");
    expect(meetingWhenTyped("2026-12-01T14:00", "2026-12-01T16:30")).toBe("令和8年12月1日（火）14:00〜16:30");
  });
});

import { describe, expect, it } from "vitest";
import { noticeDateTime, replyByDate } from "./notice.js";

describe("the meeting notice", () => {
  it("writes the date and time as officials do", () => {
    expect(noticeDateTime("2023-07-31T14:00", "2023-07-31T16:00")).toBe(
      "令和5年7月31日（月）14時00分〜16時00分",
    );
    expect(noticeDateTime("2019-05-01T09:30")).toBe("令和元年5月1日（水）9時30分");
    expect(noticeDateTime("2024-03-31T18:00", "2024-04-01T09:00")).toBe(
      "令和6年3月31日（日）18時00分〜令和6年4月1日（月）9時00分",
    );
  });
  it("asks for answers a week before, on a weekday", () => {
    expect(replyByDate("2023-07-31T14:00")).toBe("2023-07-24");
    // A week before Saturday 2023-07-29 is Saturday 7/22: Friday 7/21.
    expect(replyByDate("2023-07-29T10:00")).toBe("2023-07-21");
    // A week before Sunday 7/30 is Sunday 7/23: Friday 7/21.
    expect(replyByDate("2023-07-30T10:00")).toBe("2023-07-21");
    expect(replyByDate("2024-03-05T10:00")).toBe("2024-02-27");
  });
});

import { ImportLimitError } from "@tsumugi/plan-io";
import { describe, expect, it } from "vitest";
import { importErrorText } from "./import-errors";

describe("importErrorText", () => {
  it("names the limit a file went past, in Japanese", () => {
    expect(importErrorText(new ImportLimitError("sheetTooLarge"))).toContain("5,000行・60列まで");
    expect(importErrorText(new ImportLimitError("fileTooLarge"))).toContain("5MBまで");
    expect(importErrorText(new ImportLimitError("inflatesTooMuch"))).toContain("展開すると大きくなりすぎる");
  });
  it("says unreadable for anything else", () => {
    expect(importErrorText(new Error("boom"))).toBe(importErrorText(null));
  });
});

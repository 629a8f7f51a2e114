import { describe, expect, it } from "vitest";
import { type CalendarEvent, calendarText, foldLine } from "./ical.js";

const event = (fields: Partial<CalendarEvent>): CalendarEvent => ({
  uid: "m1@tsumugi",
  title: "第1回 連携会議",
  startsAt: "2025-05-25T14:00",
  endsAt: "2025-05-25T16:00",
  place: "",
  url: "",
  description: "",
  updatedAt: Date.UTC(2025, 4, 1),
  ...fields,
});

/** The content lines as a calendar reads them: folds undone, split at CRLF only. */
function contentLines(ics: string): string[] {
  expect(ics.endsWith("\r\n")).toBe(true);
  return ics
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n");
}

function property(ics: string, name: string): string[] {
  return contentLines(ics)
    .filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
    .map((l) => l.slice(l.indexOf(":") + 1));
}

describe("iCalendar text values (RFC 5545 3.3.11)", () => {
  it("escapes CR, LF and CRLF as \\n, and backslash, semicolon and comma", () => {
    const ics = calendarText("流山市", [
      event({ title: "会議\rBEGIN:VEVENT", place: "市役所\r\n3階;会議室,A\\B", description: "一\n二" }),
    ]);
    // No line break but CRLF anywhere: a bare CR would end the line for some readers.
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(property(ics, "SUMMARY")).toEqual(["会議\\nBEGIN:VEVENT"]);
    expect(property(ics, "LOCATION")).toEqual(["市役所\\n3階\\;会議室\\,A\\\\B"]);
    expect(property(ics, "DESCRIPTION")).toEqual(["一\\n二"]);
    expect(contentLines(ics).filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  });

  it("drops other control characters, which TEXT cannot hold", () => {
    const ics = calendarText("流山市", [event({ title: "会\u0000議\u0007\u001b\u007f室\tA" })]);
    expect(property(ics, "SUMMARY")).toEqual(["会議室\tA"]);
  });

  it("keeps a URL with a line break from adding properties", () => {
    const ics = calendarText("流山市", [
      event({ url: "https://meet.example.jp/a\r\nATTACH:https://evil.example" }),
    ]);
    expect(contentLines(ics).some((l) => l.startsWith("ATTACH"))).toBe(false);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
});

describe("folding (RFC 5545 3.1)", () => {
  const encoder = new TextEncoder();

  it("folds at 75 octets without splitting a UTF-8 character, and unfolds to the same line", () => {
    for (const text of ["あ".repeat(100), `A${"紡".repeat(60)}`, "😀".repeat(40), "x".repeat(300)]) {
      const line = `SUMMARY:${text}`;
      const folded = foldLine(line);
      const parts = folded.split("\r\n");
      for (const [i, part] of parts.entries()) {
        expect(encoder.encode(part).length).toBeLessThanOrEqual(75);
        if (i > 0) expect(part.startsWith(" ")).toBe(true);
        // Every part is whole characters: decoding it alone gives no replacement character.
        expect(new TextDecoder().decode(encoder.encode(part))).not.toContain("\uFFFD");
      }
      expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
    }
  });

  it("folds every line of a calendar with long Japanese titles and places", () => {
    const ics = calendarText("流山市 在宅医療・介護連携推進会議", [
      event({
        title: "令和7年度 第1回 在宅医療・介護連携推進会議（入退院支援ルールの見直しについて）",
        place: "流山市役所 第2庁舎 3階 302会議室（駐車場は台数に限りがあります）",
      }),
    ]);
    for (const line of ics.slice(0, -2).split("\r\n"))
      expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(property(ics, "SUMMARY")).toEqual([
      "令和7年度 第1回 在宅医療・介護連携推進会議（入退院支援ルールの見直しについて）",
    ]);
  });
});

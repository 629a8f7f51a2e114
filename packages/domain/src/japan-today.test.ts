/**
 * "Today" and the current 年度 in Japan do not depend on the machine's time zone: each case
 * runs in a child process under TZ=Asia/Tokyo, TZ=UTC and a zone behind UTC.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { currentFiscalYear, japanMidnight, todayInJapan } from "./dates.js";

const run = promisify(execFile);
const datesModule = fileURLToPath(new URL("./dates.ts", import.meta.url));

/** Instants around the turn of 年度 2025 → 2026 (midnight, 1 April 2026, Japan time). */
const INSTANTS: [string, string, number][] = [
  ["2026-03-31T15:00:00+09:00", "2026-03-31", 2025],
  ["2026-03-31T23:59:59+09:00", "2026-03-31", 2025],
  ["2026-04-01T00:00:00+09:00", "2026-04-01", 2026],
  ["2026-04-01T08:59:59+09:00", "2026-04-01", 2026],
  ["2025-12-31T23:30:00+09:00", "2025-12-31", 2025],
  ["2026-01-01T00:30:00+09:00", "2026-01-01", 2025],
];

const expected = INSTANTS.map(([, today, fy]) => ({ today, fy }));

describe("todayInJapan and currentFiscalYear", () => {
  it("answer Japan's date and 年度 in this process", () => {
    expect(
      INSTANTS.map(([at]) => ({
        today: todayInJapan(Date.parse(at)),
        fy: currentFiscalYear(Date.parse(at)),
      })),
    ).toEqual(expected);
  });

  it.each(["Asia/Tokyo", "UTC", "America/Los_Angeles"])("answer the same under TZ=%s", async (tz) => {
    const script = `
      const { todayInJapan, currentFiscalYear } = await import(${JSON.stringify(datesModule)});
      const at = ${JSON.stringify(INSTANTS.map(([a]) => a))}.map((s) => Date.parse(s));
      console.log(JSON.stringify({
        offset: new Date(at[0]).getTimezoneOffset(),
        answers: at.map((t) => ({ today: todayInJapan(t), fy: currentFiscalYear(t) })),
      }));`;
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      env: { ...process.env, TZ: tz },
    });
    const { offset, answers } = JSON.parse(stdout);
    // The child really runs in that zone (Tokyo is 9 hours ahead of UTC).
    expect(offset).toBe({ "Asia/Tokyo": -540, UTC: 0 }[tz] ?? 420);
    expect(answers).toEqual(expected);
  });
});

describe("japanMidnight", () => {
  it("is the instant a Japanese day begins", () => {
    expect(japanMidnight("2026-04-01")).toBe(Date.parse("2026-03-31T15:00:00Z"));
    expect(todayInJapan(japanMidnight("2026-04-01") as number)).toBe("2026-04-01");
    expect(todayInJapan((japanMidnight("2026-04-01") as number) - 1)).toBe("2026-03-31");
    expect(japanMidnight("2026-02-30")).toBeNull();
    expect(japanMidnight("2026-4-1")).toBeNull();
  });
});

describe("one way to know today in Japan", () => {
  const root = fileURLToPath(new URL("../../..", import.meta.url));
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === "node_modules" || e.name === "dist" ? [] : sources(path);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
    });
  // Shifting the clock by nine hours and reading local date parts is off by the machine's own
  // offset; so is a local "now" in a browser outside Japan.
  const handMade = [
    /9\s*\*\s*(3_?600_?000|60\s*\*\s*60)/,
    /32_?400_?000/,
    /getTimezoneOffset/,
    /fiscalYearOf\(new Date\((Date\.now\(\))?/,
    /new Date\(\)\.get(FullYear|Month|Date)\(/,
  ];

  it("is todayInJapan / currentFiscalYear everywhere in the apps and packages", () => {
    const offenders = ["apps", "packages"]
      .flatMap((d) => readdirSync(join(root, d)).map((p) => join(root, d, p, "src")))
      .flatMap((dir) => {
        try {
          return sources(dir);
        } catch {
          return [];
        }
      })
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ file: file.slice(root.length), line: i + 1, text: line }))
          .filter(({ text }) => handMade.some((re) => re.test(text))),
      );
    expect(offenders).toEqual([]);
  });
});

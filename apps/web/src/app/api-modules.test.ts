/**
 * The web calls the REST API only through each feature's API module (`<feature>/*-api.ts`,
 * typed from @tsumugi/contract): no view, hook or page writes an `/api/` path of its own, so a
 * path or an answer's type is written once and checked against the contract.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const webSrc = fileURLToPath(new URL("..", import.meta.url));

/** Files that may name an API path although they are not a feature's API module. */
const PLUMBING: Record<string, string> = {
  // Whether the server answers at all (`/api/health`), asked while pages show remembered copies.
  "offline/remembered-answers.ts": "the health probe",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("API paths", () => {
  it("are written only in the features' API modules", () => {
    const files = sourceFiles(webSrc).map((path) => relative(webSrc, path));
    expect(files.filter((f) => f.endsWith("-api.ts")).length).toBeGreaterThan(10);
    const elsewhere = files.filter(
      (f) =>
        !f.endsWith("-api.ts") &&
        !(f in PLUMBING) &&
        /["'`]\/api\//.test(readFileSync(join(webSrc, f), "utf8")),
    );
    expect(elsewhere).toEqual([]);
  });
});

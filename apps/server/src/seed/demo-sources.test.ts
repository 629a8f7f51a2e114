/**
 * The demo is written as the app writes: through the features' repositories and commands,
 * documents through collab. A statement of the seed's own would go around the repositories'
 * mapping (columns, defaults, JSON fields) and could drift from what the app stores.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL(".", import.meta.url));
const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("the demo seed", () => {
  it("has sources to check", () => {
    expect(sources).toContain("demo.ts");
    expect(sources.length).toBeGreaterThan(10);
  });

  it("runs no SQL of its own and reads no document's stored log", () => {
    const own =
      /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql\s*`|from "kysely"|\.db\.(run|all|get|exec)\(|doc_updates|doc_snapshots/;
    expect(sources.filter((f) => own.test(readFileSync(`${dir}${f}`, "utf8")))).toEqual([]);
  });
});

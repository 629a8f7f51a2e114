/**
 * The collab layer is the only writer of a document's update log: the UpdateStore appends
 * and compacts it (update-log-append.ts, update-log-compaction.ts), `storeInitialState` gives a new document its first content. Any other
 * statement on `doc_updates` would bypass persist-before-broadcast and the room's counts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("..", import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );

describe("doc_updates", () => {
  it("is written by the collab layer only (migrations aside)", () => {
    const writes =
      /(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+doc_updates\b|(insertInto|updateTable|deleteFrom)\(\s*["']doc_updates["']/i;
    const writers = sources(src)
      .map((f) => relative(src, f).split("\\").join("/"))
      .filter((f) => !/^storage\/(migrations|postgres)\//.test(f))
      .filter((f) => writes.test(readFileSync(join(src, f), "utf8")));
    expect(writers.sort()).toEqual([
      "collab/initial-state.ts",
      "collab/update-log-append.ts",
      "collab/update-log-compaction.ts",
    ]);
  });
});

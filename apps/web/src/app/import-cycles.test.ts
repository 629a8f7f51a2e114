/**
 * No two web modules import each other, directly or through others: a feature's views read
 * what they share from a module of its own (plan/plan-context.ts, meetings/meeting-context.ts),
 * never from the page that renders them. Every static import and re-export of a relative path
 * counts, type-only ones too; `import()` does not (it is how lazy pages are loaded).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const webSrc = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The relative module specifiers a file imports or re-exports statically. */
function staticImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith("."))
      found.push(specifier.text);
  }
  return found;
}

/** The file a relative specifier names: itself, with .ts/.tsx, or its folder's index. */
function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ""));
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, "index.ts"),
    join(base, "index.tsx"),
  ])
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/**
 * The import cycles of a graph (file → files it imports): one per strongly connected group of
 * files (Tarjan), written as a path that returns to its start, e.g. ["a", "b", "a"].
 */
function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];

  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);

  // One concrete cycle per group: the shortest way from its first file back to itself.
  return groups.map((group) => {
    const members = new Set(group);
    const start = [...group].sort()[0];
    const previous = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    let last: string | null = null;
    search: while (queue.length > 0) {
      const v = queue.shift() as string;
      for (const w of graph.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          last = v;
          break search;
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    const path: string[] = [];
    for (let v: string | null | undefined = last; v; v = previous.get(v)) path.unshift(v);
    return [...path, start];
  });
}

describe("the web modules import one another without cycles", () => {
  const files = sourceFiles(webSrc);
  const name = (path: string) => relative(webSrc, path).split("\\").join("/");
  const graph = new Map(
    files.map((path) => [
      path,
      staticImports(path, readFileSync(path, "utf8"))
        .map((specifier) => resolveImport(path, specifier))
        .filter((target): target is string => target !== null),
    ]),
  );

  it("reads the sources and their imports", () => {
    const page = [...graph.entries()].find(([path]) => name(path) === "meetings/MeetingPage.tsx");
    expect(page?.[1].map(name)).toContain("meetings/AgendaView.tsx");
    expect(page?.[1].map(name)).toContain("meetings/meeting-context.ts");
  });

  it("has no import cycle", () => {
    const cycles = importCycles(graph).map((cycle) => cycle.map(name).join(" → "));
    expect(cycles).toEqual([]);
  });

  it("finds a cycle where there is one, type-only imports and re-exports included", () => {
    const text = [
      'import type { A } from "./a";',
      'import { b, type B } from "../b.js";',
      'export * from "./c";',
      'export { d } from "./d";',
      "import './side-effect.css';",
      'import { React } from "react";',
      'const lazy = () => import("./lazy");',
    ].join("\n");
    expect(staticImports("x.ts", text)).toEqual(["./a", "../b.js", "./c", "./d", "./side-effect.css"]);

    const graph = new Map([
      ["page", ["view", "format"]],
      ["view", ["format", "page"]],
      ["format", []],
      ["self", ["self"]],
    ]);
    expect(importCycles(graph)).toEqual([
      ["page", "view", "page"],
      ["self", "self"],
    ]);
    expect(
      importCycles(
        new Map([
          ["page", ["context"]],
          ["view", ["context"]],
          ["context", []],
        ]),
      ),
    ).toEqual([]);
  });
});

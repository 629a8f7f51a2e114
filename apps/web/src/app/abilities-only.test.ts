/**
 * The web shows a control or a section only when the server's answer allows it (`abilities` of
 * a resource, the workspace's `can`): it never decides by the person's role, nor evaluates the
 * policy on an actor of its own. The server's presenters send what the policy answers
 * (packages/domain/src/policy.ts), so the screens cannot drift from what the server accepts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const webSrc = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * Comparisons with a role that are facts about other people, not about what the reader may do:
 * file → the compared expression.
 */
const ABOUT_OTHERS: Record<string, string[]> = {
  // The desk's coordinators are chosen among the members whose role is 相談員.
  "desk/DeskPanel.tsx": ['m.role === "coordinator"'],
};

const ROLE_NAME = /^["'](secretariat|member|coordinator|observer)["']$/;
const OPERAND = String.raw`[\w.?]+|"[^"]*"|'[^']*'`;
const COMPARISON = new RegExp(`(${OPERAND})\\s*[!=]==?\\s*(${OPERAND})`, "g");

/** `x.role === …`, `role !== …`, `… === "observer"` and the like (not a group's kind). */
function roleComparisons(text: string): string[] {
  const found = new Set<string>();
  for (const [whole, left, right] of text.matchAll(COMPARISON)) {
    const isRole = (side: string) => /(^|\.)role$/.test(side) || ROLE_NAME.test(side);
    if ((isRole(left) || isRole(right)) && !/(^|\.)kind$/.test(left) && !/(^|\.)kind$/.test(right))
      found.add(whole);
  }
  return [...found];
}

/** The policy's functions: a page that imports one is deciding access itself. */
const POLICY = /^(can|can[A-Z]\w*|abilitiesOf|authorize|documentAccess|isActiveMember|regionView)$/;

function policyImports(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["']@tsumugi\/domain["']/g))
    for (const part of m[1].split(",")) {
      const name = part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)[0];
      if (POLICY.test(name)) names.push(name);
    }
  return names;
}

describe("the web app decides nothing by role", () => {
  const files = sourceFiles(webSrc).map((path) => ({
    name: relative(webSrc, path).split("\\").join("/"),
    text: readFileSync(path, "utf8"),
  }));

  it("reads the sources", () => {
    expect(files.some((f) => f.name === "workspace/HomePanel.tsx")).toBe(true);
    expect(files.some((f) => f.name === "events/EventsPanel.tsx")).toBe(true);
  });

  it("shows sections and buttons from the answer's abilities, never from a comparison with a role", () => {
    const offending = files.flatMap((f) =>
      roleComparisons(f.text)
        .filter((c) => !(ABOUT_OTHERS[f.name] ?? []).includes(c))
        .map((c) => `${f.name}: ${c}`),
    );
    expect(offending).toEqual([]);
  });

  it("finds such a comparison where there is one", () => {
    expect(roleComparisons('{data.role !== "observer" && (')).toEqual(['data.role !== "observer"']);
    expect(roleComparisons('data.detail.role === "secretariat" ? [] : x')).toEqual([
      'data.detail.role === "secretariat"',
    ]);
    expect(roleComparisons("if (me?.role === role) return;")).toEqual(["me?.role === role"]);
    expect(roleComparisons('g.kind !== "secretariat"')).toEqual([]);
    expect(roleComparisons("data.abilities.ownActions && (")).toEqual([]);
  });

  it("runs no policy of its own on a made-up actor", () => {
    const offending = files.flatMap((f) => policyImports(f.text).map((n) => `${f.name}: ${n}`));
    expect(offending).toEqual([]);
    expect(policyImports('import { can, fiscalYearLabel } from "@tsumugi/domain";')).toEqual(["can"]);
    expect(policyImports('import { type Actor, canManageMeeting as c } from "@tsumugi/domain";')).toEqual([
      "canManageMeeting",
    ]);
  });
});

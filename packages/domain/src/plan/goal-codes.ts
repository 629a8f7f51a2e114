/**
 * Goal codes as plans write them: "1-③", "3－①", "2". Rows cite goals by code, so codes are
 * compared and matched after normalising the ways people type them (full-width digits and
 * dashes, circled numbers), and sorted by their numbers: 1-① < 1-③ < 2-② < 3-①.
 */
import type { Goal } from "./plan-schema.js";

/** The code with full-width forms, circled numbers and dash variants unified ("3－①" → "3-1"). */
export function goalCodeKey(code: string): string {
  return code
    .normalize("NFKC")
    .replace(/[\s]/g, "")
    .replace(/[‐‑‒–—―−ー－]/g, "-");
}

function parts(code: string): number[] {
  return (goalCodeKey(code).match(/\d+/g) ?? []).map(Number);
}

export function compareGoalCodes(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x !== y) return x - y;
  }
  const ka = goalCodeKey(a);
  const kb = goalCodeKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The codes once each (by their normalised form, first spelling kept), in code order. */
export function sortGoalCodes(codes: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const code of codes) {
    const key = goalCodeKey(code);
    if (key !== "" && !seen.has(key)) seen.set(key, code);
  }
  return [...seen.values()].sort(compareGoalCodes);
}

/** Finds the goal a cited code points at, whichever way either was typed. */
export function goalResolver(goals: readonly Goal[]): (code: string) => Goal | undefined {
  const byKey = new Map(goals.map((g) => [goalCodeKey(g.code), g]));
  return (code) => byKey.get(goalCodeKey(code));
}

/** Codes cited by rows that no goal of the list has: the papers would print them unexplained. */
export function unresolvedGoalCodes(goals: readonly Goal[], cited: Iterable<string>): string[] {
  const resolve = goalResolver(goals);
  return sortGoalCodes([...cited].filter((c) => !resolve(c)));
}

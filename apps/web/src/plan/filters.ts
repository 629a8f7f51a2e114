/** Filtering and sorting of the problem and action lists (pure, so it is unit-tested). */
import { ACTION_STATUSES, type Action, PROBLEM_STATUSES, type Problem } from "@tsumugi/domain";

export interface RowFilter {
  scene: string;
  item: string;
  status: string;
  group: string;
  person: string;
  text: string;
}

export const NO_FILTER: RowFilter = { scene: "", item: "", status: "", group: "", person: "", text: "" };

export type SortKey = "manual" | "status" | "progress" | "period" | "group";

function matchesCommon(
  row: {
    scenes: string[];
    items: string[];
    status: string;
    ownerGroupId: string | null;
    title: string;
    detail: string;
  },
  f: RowFilter,
): boolean {
  if (f.scene && !row.scenes.includes(f.scene)) return false;
  if (f.item && !row.items.includes(f.item)) return false;
  if (f.status && row.status !== f.status) return false;
  if (f.group && (row.ownerGroupId ?? "none") !== f.group) return false;
  const q = f.text.trim();
  if (q && !row.title.includes(q) && !row.detail.includes(q)) return false;
  return true;
}

export function filterProblems(rows: readonly Problem[], f: RowFilter): Problem[] {
  return rows.filter((r) => matchesCommon(r, f));
}

export function filterActions(rows: readonly Action[], f: RowFilter): Action[] {
  return rows.filter(
    (r) =>
      matchesCommon(r, f) &&
      (!f.person || r.ownerUserId === f.person || (f.person === "none" && !r.ownerUserId)),
  );
}

const statusRank = (order: readonly { id: string }[]) => (s: string) => order.findIndex((x) => x.id === s);
const actionRank = statusRank(ACTION_STATUSES);
const problemRank = statusRank(PROBLEM_STATUSES);

/** Sorted copy; ties keep the manual order (the input order), so sorting is stable. */
export function sortActions(
  rows: readonly Action[],
  key: SortKey,
  groupName: (id: string | null) => string,
): Action[] {
  const indexed = rows.map((r, i) => ({ r, i }));
  const cmp: Record<SortKey, (a: Action, b: Action) => number> = {
    manual: () => 0,
    status: (a, b) => actionRank(a.status) - actionRank(b.status),
    progress: (a, b) => a.progress - b.progress,
    period: (a, b) => (a.period.end ?? "9999").localeCompare(b.period.end ?? "9999"),
    group: (a, b) => groupName(a.ownerGroupId).localeCompare(groupName(b.ownerGroupId), "ja"),
  };
  return indexed.sort((x, y) => cmp[key](x.r, y.r) || x.i - y.i).map((x) => x.r);
}

export function sortProblems(
  rows: readonly Problem[],
  key: SortKey,
  groupName: (id: string | null) => string,
): Problem[] {
  const indexed = rows.map((r, i) => ({ r, i }));
  const by = (a: Problem, b: Problem) =>
    key === "status"
      ? problemRank(a.status) - problemRank(b.status)
      : key === "group"
        ? groupName(a.ownerGroupId).localeCompare(groupName(b.ownerGroupId), "ja")
        : 0;
  return indexed.sort((x, y) => by(x.r, y.r) || x.i - y.i).map((x) => x.r);
}

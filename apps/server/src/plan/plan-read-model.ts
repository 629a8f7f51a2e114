/**
 * The plan read model: the validated rows of each plan document, one SQL table per plan
 * table, so the dashboard, searches and other municipalities' views need no Y.Doc.
 *
 * Writing replaces a document's rows in one transaction and, when a previous projection
 * exists, records which rows were added, changed (and which fields) or removed. The SQL is in
 * plan-projection-repository.ts.
 */
import {
  emptyProfile,
  type InvalidRow,
  type Ordered,
  PLAN_TABLES,
  type PlanTable,
  type ScheduleEvent,
  sortEvents,
  sortOrdered,
  type YearPlan,
} from "@tsumugi/domain";
import { userNames } from "../auth/account-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import {
  deleteProjectionHead,
  deleteTableRows,
  findProjectionHead,
  insertChanges,
  insertTableRows,
  latestChanges,
  type PlanRow,
  projectionExists,
  readTableRows,
  saveProjectionHead,
} from "./plan-projection-repository.js";

/** What the change list shows as a row's name. */
const TITLE_FIELD: Record<PlanTable, string> = {
  goals: "code",
  problems: "title",
  actions: "title",
  scheduleRows: "activity",
  scheduleEvents: "label",
  planPeriods: "name",
};

export interface PlanProjectionInfo {
  docName: string;
  workspaceId: string;
  fiscalYear: number;
}

export interface RowChange {
  table: PlanTable;
  rowId: string;
  title: string;
  change: "added" | "changed" | "removed";
  fields: string[];
}

function diffRows(table: PlanTable, before: PlanRow[], after: PlanRow[]): RowChange[] {
  const changes: RowChange[] = [];
  const old = new Map(before.map((r) => [String(r.id), r]));
  const title = (r: PlanRow) => String(r[TITLE_FIELD[table]] ?? "");
  for (const row of after) {
    const id = String(row.id);
    const prev = old.get(id);
    old.delete(id);
    if (!prev) {
      changes.push({ table, rowId: id, title: title(row), change: "added", fields: [] });
      continue;
    }
    const fields = Object.keys(row).filter((k) => JSON.stringify(row[k]) !== JSON.stringify(prev[k]));
    if (fields.length > 0) changes.push({ table, rowId: id, title: title(row), change: "changed", fields });
  }
  for (const [id, prev] of old)
    changes.push({ table, rowId: id, title: title(prev), change: "removed", fields: [] });
  return changes;
}

/**
 * Replaces the projected rows of one plan document, in `trx` (a transaction). Returns the row
 * changes (none on the first projection, which is the document's creation rather than
 * anyone's edit).
 */
export async function writeProjection(
  trx: QueryBuilder,
  info: PlanProjectionInfo,
  plan: YearPlan,
  invalid: readonly InvalidRow[],
  editors: readonly string[],
  now: number,
): Promise<RowChange[]> {
  const existed = await projectionExists(trx, info.docName);
  const changes: RowChange[] = [];
  for (const table of PLAN_TABLES) {
    const rows = plan[table] as unknown as PlanRow[];
    if (existed) changes.push(...diffRows(table, await readTableRows(trx, table, info.docName), rows));
    await deleteTableRows(trx, table, info.docName);
    await insertTableRows(trx, table, info.docName, rows);
  }
  await saveProjectionHead(trx, info, plan, invalid, now);
  await insertChanges(trx, info.docName, now, editors, changes);
  return changes;
}

/**
 * The projected plan of a document, or null when it was never projected. Several reads: give
 * a read-only transaction for a plan as of one committed state.
 */
export async function readProjection(
  q: QueryBuilder,
  docName: string,
): Promise<{ plan: YearPlan; invalid: InvalidRow[]; projectedAt: number } | null> {
  const head = await findProjectionHead(q, docName);
  if (!head) return null;
  const plan = {
    fiscalYear: head.fiscalYear,
    vision: head.vision,
    sceneGoals: head.sceneGoals,
    itemNotes: head.itemNotes,
    profile: { ...emptyProfile(), ...head.profile },
  } as YearPlan;
  for (const table of PLAN_TABLES) {
    const rows = await readTableRows(q, table, docName);
    (plan as unknown as Record<string, unknown[]>)[table] =
      table === "scheduleEvents"
        ? sortEvents(rows as unknown as ScheduleEvent[])
        : sortOrdered(rows as unknown as Ordered[]);
  }
  return { plan, invalid: head.invalid, projectedAt: head.projectedAt };
}

/** Forgets a document's projection (before a rebuild, in its transaction). Changes already recorded stay. */
export async function dropProjection(trx: QueryBuilder, docName: string): Promise<void> {
  for (const table of PLAN_TABLES) await deleteTableRows(trx, table, docName);
  await deleteProjectionHead(trx, docName);
}

/** A recorded row change with who made it (their names as they are now) and when. */
export interface RecordedChange extends RowChange {
  id: number;
  at: number;
  by: string[];
}

/** The latest row changes of a plan document, newest first. */
export async function recentChanges(
  q: QueryBuilder,
  docName: string,
  limit: number,
): Promise<RecordedChange[]> {
  const changes = await latestChanges(q, docName, limit);
  const users = await userNames(q, [...new Set(changes.flatMap((ch) => ch.userIds))]);
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return changes.map(({ userIds, ...ch }) => ({ ...ch, by: userIds.map((id) => nameOf.get(id) ?? "") }));
}

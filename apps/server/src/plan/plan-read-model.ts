/**
 * The plan read model: the validated rows of each plan document, one SQL table per plan
 * table, so the dashboard, searches and other municipalities' views need no Y.Doc.
 *
 * Writing replaces a document's rows in one transaction and, when a previous projection
 * exists, records which rows were added, changed (and which fields) or removed.
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
import type { Queryable } from "../storage/database.js";

type ColumnKind = "value" | "json";
/** [SQL column, field path in the domain row ("period.start"), how it is stored]. */
type Column = readonly [string, string, ColumnKind];

const SPECS: Record<PlanTable, { table: string; columns: readonly Column[] }> = {
  goals: {
    table: "plan_goals",
    columns: [
      ["id", "id", "value"],
      ["ord", "order", "value"],
      ["code", "code", "value"],
      ["term", "term", "value"],
      ["scene", "scene", "value"],
      ["text", "text", "value"],
    ],
  },
  problems: {
    table: "plan_problems",
    columns: [
      ["id", "id", "value"],
      ["ord", "order", "value"],
      ["title", "title", "value"],
      ["detail", "detail", "value"],
      ["scenes", "scenes", "json"],
      ["items", "items", "json"],
      ["source", "source", "value"],
      ["owner_group_id", "ownerGroupId", "value"],
      ["status", "status", "value"],
      ["action_ids", "actionIds", "json"],
    ],
  },
  actions: {
    table: "plan_actions",
    columns: [
      ["id", "id", "value"],
      ["ord", "order", "value"],
      ["title", "title", "value"],
      ["detail", "detail", "value"],
      ["scenes", "scenes", "json"],
      ["items", "items", "json"],
      ["goal_codes", "goalCodes", "json"],
      ["owner_group_id", "ownerGroupId", "value"],
      ["owner_user_id", "ownerUserId", "value"],
      ["owner_name", "ownerName", "value"],
      ["period_start", "period.start", "value"],
      ["period_end", "period.end", "value"],
      ["status", "status", "value"],
      ["progress", "progress", "value"],
      ["weight", "weight", "value"],
      ["problem_ids", "problemIds", "json"],
      ["indicator_ids", "indicatorIds", "json"],
      ["grade", "evaluation.grade", "value"],
      ["evaluation_comment", "evaluation.comment", "value"],
      ["next_step", "nextStep", "value"],
      ["carried_from", "carriedFrom", "json"],
      ["budget", "budget", "value"],
      ["funding_source", "fundingSource", "value"],
    ],
  },
  scheduleRows: {
    table: "plan_schedule_rows",
    columns: [
      ["id", "id", "value"],
      ["ord", "order", "value"],
      ["activity", "activity", "value"],
      ["action_ids", "actionIds", "json"],
    ],
  },
  scheduleEvents: {
    table: "plan_schedule_events",
    columns: [
      ["id", "id", "value"],
      ["row_id", "rowId", "value"],
      ["at_when", "when", "value"],
      ["label", "label", "value"],
    ],
  },
  planPeriods: {
    table: "plan_periods",
    columns: [
      ["id", "id", "value"],
      ["ord", "order", "value"],
      ["name", "name", "value"],
      ["series", "series", "value"],
      ["start_fiscal_year", "startFiscalYear", "value"],
      ["end_fiscal_year", "endFiscalYear", "value"],
      ["milestones", "milestones", "json"],
    ],
  },
};

/** What the change list shows as a row's name. */
const TITLE_FIELD: Record<PlanTable, string> = {
  goals: "code",
  problems: "title",
  actions: "title",
  scheduleRows: "activity",
  scheduleEvents: "label",
  planPeriods: "name",
};

type Row = Record<string, unknown>;

function getPath(row: Row, path: string): unknown {
  const dot = path.indexOf(".");
  if (dot < 0) return row[path];
  return (row[path.slice(0, dot)] as Row | null | undefined)?.[path.slice(dot + 1)];
}

function setPath(row: Row, path: string, value: unknown): void {
  const dot = path.indexOf(".");
  if (dot < 0) {
    row[path] = value;
    return;
  }
  const outer = path.slice(0, dot);
  row[outer] = { ...((row[outer] as Row) ?? {}), [path.slice(dot + 1)]: value };
}

function toColumns(table: PlanTable, row: Row): unknown[] {
  return SPECS[table].columns.map(([, path, kind]) => {
    const v = getPath(row, path) ?? null;
    return kind === "json" ? JSON.stringify(v) : v;
  });
}

function fromColumns(table: PlanTable, sql: Row): Row {
  const row: Row = {};
  for (const [col, path, kind] of SPECS[table].columns) {
    const v = sql[col];
    setPath(row, path, kind === "json" ? JSON.parse(String(v)) : v);
  }
  return row;
}

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

function diffRows(table: PlanTable, before: Row[], after: Row[]): RowChange[] {
  const changes: RowChange[] = [];
  const old = new Map(before.map((r) => [String(r.id), r]));
  const title = (r: Row) => String(r[TITLE_FIELD[table]] ?? "");
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

async function readTableRows(q: Queryable, table: PlanTable, docName: string): Promise<Row[]> {
  const rows = await q.all<Row>(`SELECT * FROM ${SPECS[table].table} WHERE doc_name = ?`, [docName]);
  return rows.map((r) => fromColumns(table, r));
}

/**
 * Replaces the projected rows of one plan document. Returns the row changes (none on the
 * first projection, which is the document's creation rather than anyone's edit).
 */
export async function writeProjection(
  q: Queryable,
  info: PlanProjectionInfo,
  plan: YearPlan,
  invalid: readonly InvalidRow[],
  editors: readonly string[],
  now: number,
): Promise<RowChange[]> {
  const existed = await q.get("SELECT 1 FROM plan_projections WHERE doc_name = ?", [info.docName]);
  const changes: RowChange[] = [];
  for (const table of PLAN_TABLES) {
    const { table: sqlTable, columns } = SPECS[table];
    const rows = plan[table] as unknown as Row[];
    if (existed) changes.push(...diffRows(table, await readTableRows(q, table, info.docName), rows));
    await q.run(`DELETE FROM ${sqlTable} WHERE doc_name = ?`, [info.docName]);
    const placeholders = `(?, ${columns.map(() => "?").join(", ")})`;
    const sql = `INSERT INTO ${sqlTable} (doc_name, ${columns.map((c) => c[0]).join(", ")}) VALUES ${placeholders}`;
    for (const row of rows) await q.run(sql, [info.docName, ...toColumns(table, row)] as never[]);
  }
  await q.run(
    `INSERT INTO plan_projections (doc_name, workspace_id, fiscal_year, vision, scene_goals, item_notes, profile, invalid_rows, projected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (doc_name) DO UPDATE SET vision = excluded.vision, scene_goals = excluded.scene_goals,
       item_notes = excluded.item_notes, profile = excluded.profile,
       invalid_rows = excluded.invalid_rows, projected_at = excluded.projected_at`,
    [
      info.docName,
      info.workspaceId,
      info.fiscalYear,
      plan.vision,
      JSON.stringify(plan.sceneGoals),
      JSON.stringify(plan.itemNotes),
      JSON.stringify(plan.profile),
      JSON.stringify(invalid),
      now,
    ],
  );
  for (const c of changes) {
    await q.run(
      "INSERT INTO plan_changes (doc_name, at, user_ids, tbl, row_id, row_title, change, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      [
        info.docName,
        now,
        JSON.stringify(editors),
        c.table,
        c.rowId,
        c.title,
        c.change,
        JSON.stringify(c.fields),
      ],
    );
  }
  return changes;
}

/** The projected plan of a document, or null when it was never projected. */
export async function readProjection(
  q: Queryable,
  docName: string,
): Promise<{ plan: YearPlan; invalid: InvalidRow[]; projectedAt: number } | null> {
  const head = await q.get<{
    fiscal_year: number;
    vision: string;
    scene_goals: string;
    item_notes: string;
    profile: string;
    invalid_rows: string;
    projected_at: number;
  }>("SELECT * FROM plan_projections WHERE doc_name = ?", [docName]);
  if (!head) return null;
  const plan = {
    fiscalYear: head.fiscal_year,
    vision: head.vision,
    sceneGoals: JSON.parse(head.scene_goals),
    itemNotes: JSON.parse(head.item_notes),
    profile: { ...emptyProfile(), ...JSON.parse(head.profile) },
  } as YearPlan;
  for (const table of PLAN_TABLES) {
    const rows = await readTableRows(q, table, docName);
    (plan as unknown as Record<string, unknown[]>)[table] =
      table === "scheduleEvents"
        ? sortEvents(rows as unknown as ScheduleEvent[])
        : sortOrdered(rows as unknown as Ordered[]);
  }
  return { plan, invalid: JSON.parse(head.invalid_rows), projectedAt: head.projected_at };
}

/** Forgets a document's projection (before a rebuild). Changes already recorded stay. */
export async function dropProjection(q: Queryable, docName: string): Promise<void> {
  for (const table of PLAN_TABLES)
    await q.run(`DELETE FROM ${SPECS[table].table} WHERE doc_name = ?`, [docName]);
  await q.run("DELETE FROM plan_projections WHERE doc_name = ?", [docName]);
}

/** A recorded row change with who made it (their names as they are now) and when. */
export interface RecordedChange extends RowChange {
  id: number;
  at: number;
  by: string[];
}

/** The latest row changes of a plan document, newest first. */
export async function recentChanges(q: Queryable, docName: string, limit: number): Promise<RecordedChange[]> {
  const rows = await q.all<{
    id: number;
    at: number;
    user_ids: string;
    tbl: PlanTable;
    row_id: string;
    row_title: string;
    change: RowChange["change"];
    fields: string;
  }>(
    "SELECT id, at, user_ids, tbl, row_id, row_title, change, fields FROM plan_changes WHERE doc_name = ? ORDER BY id DESC LIMIT ?",
    [docName, limit],
  );
  const userIds = [...new Set(rows.flatMap((ch) => JSON.parse(ch.user_ids) as string[]))];
  const users = userIds.length
    ? await q.all<{ id: string; name: string }>(
        `SELECT id, name FROM users WHERE id IN (${userIds.map(() => "?").join(", ")})`,
        userIds,
      )
    : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((ch) => ({
    id: Number(ch.id),
    at: Number(ch.at),
    by: (JSON.parse(ch.user_ids) as string[]).map((id) => nameOf.get(id) ?? ""),
    table: ch.tbl,
    rowId: ch.row_id,
    title: ch.row_title,
    change: ch.change,
    fields: JSON.parse(ch.fields),
  }));
}

/**
 * The SQL of the plan read model (plan-read-model.ts): one table per plan table holding a
 * document's rows, the projection's head (`plan_projections`) and the recorded row changes
 * (`plan_changes`). Rows go in and come out as domain rows; the column mapping lives here.
 */
import type { InvalidRow, PlanTable, YearPlan } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { PlanProjectionInfo, RowChange } from "./plan-read-model.js";

/** A domain row of a plan table, as the read model handles it. */
export type PlanRow = Record<string, unknown>;

/** A field of a domain row, or a field of one of its objects ("period.start"). */
type FieldOf<R> = {
  [K in keyof R & string]: K | `${K}.${keyof NonNullable<R[K]> & string}`;
}[keyof R & string];

/** [SQL column, field of the domain row, stored as JSON text]. */
type Column = readonly [string, string, boolean];

/** Columns not named after their field. */
const RENAMED: Record<string, string> = { order: "ord", when: "at_when", "evaluation.grade": "grade" };
/** Fields stored as JSON text, in whichever table they are. */
const JSON_FIELDS = new Set(
  "scenes items goalCodes actionIds problemIds indicatorIds carriedFrom milestones".split(" "),
);

/**
 * The columns of the fields a plan table projects: a field's column is its name in snake_case
 * (`ownerGroupId` → `owner_group_id`, `period.start` → `period_start`) unless RENAMED.
 */
function columns<T extends PlanTable>(fields: readonly FieldOf<YearPlan[T][number]>[]): readonly Column[] {
  return fields.map((field) => [
    RENAMED[field] ?? field.replace(".", "_").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    field,
    JSON_FIELDS.has(field),
  ]);
}

/** The fields a problem and an action begin with. */
const ROW_HEAD = ["id", "order", "title", "detail", "scenes", "items"] as const;

const COLUMNS: Record<PlanTable, readonly Column[]> = {
  goals: columns<"goals">(["id", "order", "code", "term", "scene", "text"]),
  problems: columns<"problems">([...ROW_HEAD, "source", "ownerGroupId", "status", "actionIds"]),
  actions: columns<"actions">([
    ...ROW_HEAD,
    "goalCodes",
    "ownerGroupId",
    "ownerUserId",
    "ownerName",
    "period.start",
    "period.end",
    "status",
    "progress",
    "weight",
    "problemIds",
    "indicatorIds",
    "evaluation.grade",
    "evaluation.comment",
    "nextStep",
    "carriedFrom",
    "budget",
    "fundingSource",
  ]),
  scheduleRows: columns<"scheduleRows">(["id", "order", "activity", "actionIds"]),
  scheduleEvents: columns<"scheduleEvents">(["id", "rowId", "when", "label"]),
  planPeriods: columns<"planPeriods">([
    "id",
    "order",
    "name",
    "series",
    "startFiscalYear",
    "endFiscalYear",
    "milestones",
  ]),
};

const SQL_TABLES = {
  goals: "plan_goals",
  problems: "plan_problems",
  actions: "plan_actions",
  scheduleRows: "plan_schedule_rows",
  scheduleEvents: "plan_schedule_events",
  planPeriods: "plan_periods",
} as const satisfies Record<PlanTable, string>;

type SqlTable = (typeof SQL_TABLES)[PlanTable];

function getPath(row: PlanRow, path: string): unknown {
  const dot = path.indexOf(".");
  if (dot < 0) return row[path];
  return (row[path.slice(0, dot)] as PlanRow | null | undefined)?.[path.slice(dot + 1)];
}

function setPath(row: PlanRow, path: string, value: unknown): void {
  const dot = path.indexOf(".");
  if (dot < 0) {
    row[path] = value;
    return;
  }
  const outer = path.slice(0, dot);
  row[outer] = { ...((row[outer] as PlanRow) ?? {}), [path.slice(dot + 1)]: value };
}

function toColumns(table: PlanTable, docName: string, row: PlanRow): PlanRow {
  const sql: PlanRow = { doc_name: docName };
  for (const [column, path, json] of COLUMNS[table]) {
    const v = getPath(row, path) ?? null;
    sql[column] = json ? JSON.stringify(v) : v;
  }
  return sql;
}

function fromColumns(table: PlanTable, sql: PlanRow): PlanRow {
  const row: PlanRow = {};
  for (const [column, path, json] of COLUMNS[table]) {
    const v = sql[column];
    setPath(row, path, json ? JSON.parse(String(v)) : v);
  }
  return row;
}

/** The projected rows of one plan table of a document, in storage order. */
export async function readTableRows(q: QueryBuilder, table: PlanTable, docName: string): Promise<PlanRow[]> {
  const sqlTable: SqlTable = SQL_TABLES[table];
  const rows: PlanRow[] = await q.selectFrom(sqlTable).selectAll().where("doc_name", "=", docName).execute();
  return rows.map((r) => fromColumns(table, r));
}

/** Rows a statement: the widest table (plan_actions) then binds 24 × 200 values, below both engines' limits. */
const ROWS_PER_INSERT = 200;

export async function insertTableRows(
  q: QueryBuilder,
  table: PlanTable,
  docName: string,
  rows: readonly PlanRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((row) => toColumns(table, docName, row));
    // The columns are the table's own (COLUMNS, checked against the domain rows by `columns`).
    await q
      .insertInto(SQL_TABLES[table])
      .values(values as never)
      .execute();
  }
}

export async function deleteTableRows(q: QueryBuilder, table: PlanTable, docName: string): Promise<void> {
  await q.deleteFrom(SQL_TABLES[table]).where("doc_name", "=", docName).execute();
}

/** Whether the document has a projection. */
export async function projectionExists(q: QueryBuilder, docName: string): Promise<boolean> {
  const row = await q
    .selectFrom("plan_projections")
    .select("doc_name")
    .where("doc_name", "=", docName)
    .executeTakeFirst();
  return row !== undefined;
}

/** The projection's head: the plan's fields that are not table rows, and when it was projected. */
export interface ProjectionHead {
  fiscalYear: number;
  vision: string;
  sceneGoals: YearPlan["sceneGoals"];
  itemNotes: YearPlan["itemNotes"];
  /** As stored; the read model completes it with the profile's defaults. */
  profile: Partial<YearPlan["profile"]>;
  invalid: InvalidRow[];
  projectedAt: number;
}

/** Inserts or replaces the head of a document's projection. */
export async function saveProjectionHead(
  q: QueryBuilder,
  info: PlanProjectionInfo,
  plan: YearPlan,
  invalid: readonly InvalidRow[],
  now: number,
): Promise<void> {
  const head = {
    vision: plan.vision,
    scene_goals: JSON.stringify(plan.sceneGoals),
    item_notes: JSON.stringify(plan.itemNotes),
    profile: JSON.stringify(plan.profile),
    invalid_rows: JSON.stringify(invalid),
    projected_at: now,
  };
  await q
    .insertInto("plan_projections")
    .values({ doc_name: info.docName, workspace_id: info.workspaceId, fiscal_year: info.fiscalYear, ...head })
    .onConflict((oc) => oc.column("doc_name").doUpdateSet(head))
    .execute();
}

/** The head of a document's projection, or null when it was never projected. */
export async function findProjectionHead(q: QueryBuilder, docName: string): Promise<ProjectionHead | null> {
  const head = await q
    .selectFrom("plan_projections")
    .selectAll()
    .where("doc_name", "=", docName)
    .executeTakeFirst();
  if (!head) return null;
  return {
    fiscalYear: head.fiscal_year,
    vision: head.vision,
    sceneGoals: JSON.parse(head.scene_goals),
    itemNotes: JSON.parse(head.item_notes),
    profile: JSON.parse(head.profile),
    invalid: JSON.parse(head.invalid_rows),
    projectedAt: head.projected_at,
  };
}

export async function deleteProjectionHead(q: QueryBuilder, docName: string): Promise<void> {
  await q.deleteFrom("plan_projections").where("doc_name", "=", docName).execute();
}

/** Records row changes of a document, made by `editors` at `at`. */
export async function insertChanges(
  q: QueryBuilder,
  docName: string,
  at: number,
  editors: readonly string[],
  changes: readonly RowChange[],
): Promise<void> {
  for (let i = 0; i < changes.length; i += ROWS_PER_INSERT) {
    await q
      .insertInto("plan_changes")
      .values(
        changes.slice(i, i + ROWS_PER_INSERT).map((c) => ({
          doc_name: docName,
          at,
          user_ids: JSON.stringify(editors),
          tbl: c.table,
          row_id: c.rowId,
          row_title: c.title,
          change: c.change,
          fields: JSON.stringify(c.fields),
        })),
      )
      .execute();
  }
}

/** A recorded row change with the ids of who made it. */
export interface StoredChange extends RowChange {
  id: number;
  at: number;
  userIds: string[];
}

/** The latest `limit` recorded row changes of a document, newest first. */
export async function latestChanges(
  q: QueryBuilder,
  docName: string,
  limit: number,
): Promise<StoredChange[]> {
  const rows = await q
    .selectFrom("plan_changes")
    .select(["id", "at", "user_ids", "tbl", "row_id", "row_title", "change", "fields"])
    .where("doc_name", "=", docName)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((ch) => ({
    id: Number(ch.id),
    at: Number(ch.at),
    userIds: JSON.parse(ch.user_ids),
    table: ch.tbl as PlanTable,
    rowId: ch.row_id,
    title: ch.row_title,
    change: ch.change as RowChange["change"],
    fields: JSON.parse(ch.fields),
  }));
}

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
import type { QueryBuilder } from "../storage/query-builder.js";

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

function toColumns(table: PlanTable, docName: string, row: Row): Row {
  const sql: Row = { doc_name: docName };
  for (const [column, path, json] of COLUMNS[table]) {
    const v = getPath(row, path) ?? null;
    sql[column] = json ? JSON.stringify(v) : v;
  }
  return sql;
}

function fromColumns(table: PlanTable, sql: Row): Row {
  const row: Row = {};
  for (const [column, path, json] of COLUMNS[table]) {
    const v = sql[column];
    setPath(row, path, json ? JSON.parse(String(v)) : v);
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

async function readTableRows(q: QueryBuilder, table: PlanTable, docName: string): Promise<Row[]> {
  const sqlTable: SqlTable = SQL_TABLES[table];
  const rows: Row[] = await q.selectFrom(sqlTable).selectAll().where("doc_name", "=", docName).execute();
  return rows.map((r) => fromColumns(table, r));
}

/** Rows a statement: the widest table (plan_actions) then binds 24 × 200 values, below both engines' limits. */
const ROWS_PER_INSERT = 200;

async function insertRows(q: QueryBuilder, table: PlanTable, docName: string, rows: readonly Row[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((row) => toColumns(table, docName, row));
    // The columns are the table's own (COLUMNS, checked against the domain rows by FIELDS).
    await q
      .insertInto(SQL_TABLES[table])
      .values(values as never)
      .execute();
  }
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
  const existed = await trx
    .selectFrom("plan_projections")
    .select("doc_name")
    .where("doc_name", "=", info.docName)
    .executeTakeFirst();
  const changes: RowChange[] = [];
  for (const table of PLAN_TABLES) {
    const rows = plan[table] as unknown as Row[];
    if (existed) changes.push(...diffRows(table, await readTableRows(trx, table, info.docName), rows));
    await trx.deleteFrom(SQL_TABLES[table]).where("doc_name", "=", info.docName).execute();
    await insertRows(trx, table, info.docName, rows);
  }
  const head = {
    vision: plan.vision,
    scene_goals: JSON.stringify(plan.sceneGoals),
    item_notes: JSON.stringify(plan.itemNotes),
    profile: JSON.stringify(plan.profile),
    invalid_rows: JSON.stringify(invalid),
    projected_at: now,
  };
  await trx
    .insertInto("plan_projections")
    .values({ doc_name: info.docName, workspace_id: info.workspaceId, fiscal_year: info.fiscalYear, ...head })
    .onConflict((oc) => oc.column("doc_name").doUpdateSet(head))
    .execute();
  for (let i = 0; i < changes.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto("plan_changes")
      .values(
        changes.slice(i, i + ROWS_PER_INSERT).map((c) => ({
          doc_name: info.docName,
          at: now,
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
  const head = await q
    .selectFrom("plan_projections")
    .selectAll()
    .where("doc_name", "=", docName)
    .executeTakeFirst();
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

/** Forgets a document's projection (before a rebuild, in its transaction). Changes already recorded stay. */
export async function dropProjection(trx: QueryBuilder, docName: string): Promise<void> {
  for (const table of PLAN_TABLES)
    await trx.deleteFrom(SQL_TABLES[table]).where("doc_name", "=", docName).execute();
  await trx.deleteFrom("plan_projections").where("doc_name", "=", docName).execute();
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
  const rows = await q
    .selectFrom("plan_changes")
    .select(["id", "at", "user_ids", "tbl", "row_id", "row_title", "change", "fields"])
    .where("doc_name", "=", docName)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  const editors = rows.map((ch) => JSON.parse(ch.user_ids) as string[]);
  const userIds = [...new Set(editors.flat())];
  const users = userIds.length
    ? await q.selectFrom("users").select(["id", "name"]).where("id", "in", userIds).execute()
    : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((ch, i) => ({
    id: Number(ch.id),
    at: Number(ch.at),
    by: editors[i].map((id) => nameOf.get(id) ?? ""),
    table: ch.tbl as PlanTable,
    rowId: ch.row_id,
    title: ch.row_title,
    change: ch.change as RowChange["change"],
    fields: JSON.parse(ch.fields),
  }));
}

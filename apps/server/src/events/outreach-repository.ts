/** All SQL on `outreach_distributions`: printed materials handed out (配布物). */
import type { MaterialKind } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface DistributionRecord {
  id: string;
  workspaceId: string;
  fiscalYear: number;
  kind: MaterialKind;
  title: string;
  quantity: number;
  place: string;
  /** YYYY-MM-DD, or YYYY-MM when only the month is known. */
  distributedOn: string;
  eventId: string | null;
  /** The linked event's title (null without one). */
  eventTitle: string | null;
  note: string;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export type NewDistribution = Omit<DistributionRecord, "eventTitle">;

function baseQuery(q: QueryBuilder) {
  return q
    .selectFrom("outreach_distributions as d")
    .leftJoin("events as e", "e.id", "d.event_id")
    .select([
      "d.id",
      "d.workspace_id",
      "d.fiscal_year",
      "d.kind",
      "d.title",
      "d.quantity",
      "d.place",
      "d.distributed_on",
      "d.event_id",
      "e.title as event_title",
      "d.note",
      "d.created_by",
      "d.created_at",
      "d.updated_at",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

function recordOf(r: Row): DistributionRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    fiscalYear: r.fiscal_year,
    kind: r.kind as MaterialKind,
    title: r.title,
    quantity: r.quantity,
    place: r.place,
    distributedOn: r.distributed_on,
    eventId: r.event_id,
    eventTitle: r.event_title ?? null,
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The records of one 年度, by date (a month alone sorts before the days of that month). */
export async function listDistributions(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYear: number,
): Promise<DistributionRecord[]> {
  const rows = await baseQuery(q)
    .where("d.workspace_id", "=", workspaceId)
    .where("d.fiscal_year", "=", fiscalYear)
    .orderBy("d.distributed_on")
    .orderBy("d.created_at")
    .orderBy("d.id")
    .execute();
  return rows.map(recordOf);
}

export async function findDistribution(
  q: QueryBuilder,
  workspaceId: string,
  id: string,
): Promise<DistributionRecord | undefined> {
  const r = await baseQuery(q)
    .where("d.workspace_id", "=", workspaceId)
    .where("d.id", "=", id)
    .executeTakeFirst();
  return r && recordOf(r);
}

type EditableFields = Pick<
  DistributionRecord,
  "fiscalYear" | "kind" | "title" | "quantity" | "place" | "distributedOn" | "eventId" | "note" | "updatedAt"
>;

/** The columns the form sets, shared by insert and update. */
const editableColumns = (d: EditableFields) => ({
  fiscal_year: d.fiscalYear,
  kind: d.kind,
  title: d.title,
  quantity: d.quantity,
  place: d.place,
  distributed_on: d.distributedOn,
  event_id: d.eventId,
  note: d.note,
  updated_at: d.updatedAt,
});

export async function insertDistribution(q: QueryBuilder, d: NewDistribution): Promise<void> {
  await q
    .insertInto("outreach_distributions")
    .values({
      ...editableColumns(d),
      id: d.id,
      workspace_id: d.workspaceId,
      created_by: d.createdBy,
      created_at: d.createdAt,
    })
    .execute();
}

export async function updateDistribution(
  q: QueryBuilder,
  d: EditableFields & Pick<DistributionRecord, "id" | "workspaceId">,
): Promise<void> {
  await q
    .updateTable("outreach_distributions")
    .set(editableColumns(d))
    .where("workspace_id", "=", d.workspaceId)
    .where("id", "=", d.id)
    .execute();
}

export async function deleteDistribution(q: QueryBuilder, workspaceId: string, id: string): Promise<void> {
  await q
    .deleteFrom("outreach_distributions")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .execute();
}

/** Copies handed out per 年度 (all kinds): what the indicator 啓発資材 配布部数 counts. */
export async function distributedByYear(
  q: QueryBuilder,
  workspaceId: string,
): Promise<{ fiscalYear: number; quantity: number; entries: number }[]> {
  const rows = await q
    .selectFrom("outreach_distributions")
    .select((eb) => [
      "fiscal_year",
      eb.fn.sum<number>("quantity").as("quantity"),
      eb.fn.countAll<number>().as("entries"),
    ])
    .where("workspace_id", "=", workspaceId)
    .groupBy("fiscal_year")
    .orderBy("fiscal_year")
    .execute();
  return rows.map((r) => ({
    fiscalYear: r.fiscal_year,
    quantity: Number(r.quantity),
    entries: Number(r.entries),
  }));
}

/** Whether the event belongs to the workspace (a record links only its own events). */
export async function eventOfWorkspace(
  q: QueryBuilder,
  workspaceId: string,
  eventId: string,
): Promise<{ id: string; title: string } | undefined> {
  return q
    .selectFrom("events")
    .select(["id", "title"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", eventId)
    .executeTakeFirst();
}

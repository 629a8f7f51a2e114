/** All SQL on `event_series`: a municipality's series of events (e.g. つむぐ会, 出前講座). */
import type { EventKind } from "@tsumugi/domain";
import { sql } from "kysely";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface SeriesRecord {
  id: string;
  workspaceId: string;
  name: string;
  kind: EventKind;
  description: string;
  createdAt: number;
  events: number;
  /** Made up by the demo (「デモ用の例」). */
  demo: boolean;
}

export async function listSeries(q: QueryBuilder, workspaceId: string): Promise<SeriesRecord[]> {
  const rows = await q
    .selectFrom("event_series as s")
    .leftJoin("events as e", "e.series_id", "s.id")
    .select([
      "s.id",
      "s.workspace_id",
      "s.name",
      "s.kind",
      "s.description",
      "s.created_at",
      "s.demo",
      sql<number>`COUNT(e.id)`.as("events"),
    ])
    .where("s.workspace_id", "=", workspaceId)
    .groupBy(["s.id", "s.workspace_id", "s.name", "s.kind", "s.description", "s.created_at", "s.demo"])
    .orderBy("s.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    kind: r.kind as EventKind,
    description: r.description,
    createdAt: r.created_at,
    events: Number(r.events),
    demo: r.demo === 1,
  }));
}

export async function findSeries(
  q: QueryBuilder,
  workspaceId: string,
  seriesId: string,
): Promise<SeriesRecord | undefined> {
  return (await listSeries(q, workspaceId)).find((s) => s.id === seriesId);
}

/** Inserts the series; false when the workspace already has one of that name. */
export async function insertSeries(
  q: QueryBuilder,
  s: Omit<SeriesRecord, "events" | "demo"> & { demo?: boolean },
): Promise<boolean> {
  const result = await q
    .insertInto("event_series")
    .values({
      id: s.id,
      workspace_id: s.workspaceId,
      name: s.name,
      kind: s.kind,
      description: s.description,
      created_at: s.createdAt,
      demo: s.demo ? 1 : 0,
    })
    .onConflict((oc) => oc.columns(["workspace_id", "name"]).doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

export async function updateSeries(
  q: QueryBuilder,
  seriesId: string,
  fields: { name: string; kind: EventKind; description: string },
): Promise<void> {
  await q.updateTable("event_series").set(fields).where("id", "=", seriesId).execute();
}

/**
 * All SQL on `indicators`: each workspace's definitions, the starter catalogue added on first
 * use. Values and their history are in `value-repository.ts`, population bases in
 * `population-repository.ts`, the figures Tsumugi counts itself in `derived-values.ts`.
 */
import { type IndicatorDefinition, newId, STARTER_CATALOGUE } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface IndicatorRecord extends IndicatorDefinition {
  id: string;
}

const indicatorColumns = [
  "id",
  "code",
  "name",
  "type",
  "unit",
  "kind",
  "normalisation",
  "direction",
  "source",
  "notes",
  "scenes",
  "items",
  "monthly",
  "derived",
] as const;

function toIndicator(r: {
  id: string;
  code: string;
  name: string;
  type: string;
  unit: string;
  kind: string;
  normalisation: string;
  direction: string;
  source: string;
  notes: string;
  scenes: string;
  items: string;
  monthly: number;
  derived: string | null;
}): IndicatorRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    type: r.type as IndicatorRecord["type"],
    unit: r.unit,
    kind: r.kind as IndicatorRecord["kind"],
    normalisation: r.normalisation as IndicatorRecord["normalisation"],
    direction: r.direction as IndicatorRecord["direction"],
    source: r.source,
    notes: r.notes,
    scenes: JSON.parse(r.scenes),
    items: JSON.parse(r.items),
    monthly: Number(r.monthly) === 1,
    derived: r.derived as IndicatorRecord["derived"],
  };
}

function indicatorRow(workspaceId: string, d: IndicatorDefinition, id: string, now: number) {
  return {
    id,
    workspace_id: workspaceId,
    code: d.code,
    name: d.name,
    type: d.type,
    unit: d.unit,
    kind: d.kind,
    normalisation: d.normalisation,
    direction: d.direction,
    source: d.source,
    notes: d.notes,
    scenes: JSON.stringify(d.scenes),
    items: JSON.stringify(d.items),
    monthly: d.monthly ? 1 : 0,
    derived: d.derived,
    created_at: now,
  };
}

/** Adds a definition; null when the workspace already has one with this code. */
export async function insertIndicator(
  q: QueryBuilder,
  workspaceId: string,
  d: IndicatorDefinition,
): Promise<IndicatorRecord | null> {
  const id = newId();
  const res = await q
    .insertInto("indicators")
    .values(indicatorRow(workspaceId, d, id, Date.now()))
    .onConflict((oc) => oc.columns(["workspace_id", "code"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1 ? { ...d, id } : null;
}

/** The workspace's definitions by code (none before the catalogue is added). */
export async function listIndicators(q: QueryBuilder, workspaceId: string): Promise<IndicatorRecord[]> {
  const rows = await q
    .selectFrom("indicators")
    .select(indicatorColumns)
    .where("workspace_id", "=", workspaceId)
    .orderBy("code")
    .execute();
  return rows.map(toIndicator);
}

export async function findIndicator(
  q: QueryBuilder,
  workspaceId: string,
  indicatorId: string,
): Promise<IndicatorRecord | undefined> {
  const row = await q
    .selectFrom("indicators")
    .select(indicatorColumns)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", indicatorId)
    .executeTakeFirst();
  return row ? toIndicator(row) : undefined;
}

/**
 * The workspace's definitions, the starter catalogue added first when it has none (two first
 * visitors at once add it once: the codes are unique). Not inside a read transaction.
 */
export async function catalogueOf(q: QueryBuilder, workspaceId: string): Promise<IndicatorRecord[]> {
  const list = await listIndicators(q, workspaceId);
  if (list.length > 0) return list;
  const now = Date.now();
  await q
    .insertInto("indicators")
    .values(STARTER_CATALOGUE.map((d) => indicatorRow(workspaceId, d, newId(), now)))
    .onConflict((oc) => oc.columns(["workspace_id", "code"]).doNothing())
    .execute();
  return listIndicators(q, workspaceId);
}

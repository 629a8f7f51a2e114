/**
 * All SQL on `areas` (日常生活圏域): one list per workspace, named by consultation cases, desks
 * (their default area) and directory entries. Other features read areas through these
 * functions.
 */
import type { QueryBuilder } from "../storage/query-builder.js";

export interface AreaRecord {
  id: string;
  name: string;
  towns: string[];
  position: number;
}

export interface AreaUsageRecord {
  cases: number;
  desks: number;
  resources: number;
}

function towns(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

/** The workspace's areas in their order. */
export async function listAreas(q: QueryBuilder, workspaceId: string): Promise<AreaRecord[]> {
  const rows = await q
    .selectFrom("areas")
    .select(["id", "name", "towns", "position"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("position")
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, towns: towns(r.towns), position: r.position }));
}

export async function findArea(
  q: QueryBuilder,
  workspaceId: string,
  areaId: string,
): Promise<AreaRecord | undefined> {
  const r = await q
    .selectFrom("areas")
    .select(["id", "name", "towns", "position"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", areaId)
    .executeTakeFirst();
  return r && { id: r.id, name: r.name, towns: towns(r.towns), position: r.position };
}

export async function areaExists(q: QueryBuilder, workspaceId: string, areaId: string): Promise<boolean> {
  return (await findArea(q, workspaceId, areaId)) !== undefined;
}

/** Adds an area at the end of the list. */
export async function insertArea(
  q: QueryBuilder,
  workspaceId: string,
  area: { id: string; name: string; towns: readonly string[] },
): Promise<void> {
  const last = await q
    .selectFrom("areas")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  const position = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
  await q
    .insertInto("areas")
    .values({
      id: area.id,
      workspace_id: workspaceId,
      name: area.name,
      towns: JSON.stringify(area.towns),
      position,
    })
    .execute();
}

export async function updateArea(
  q: QueryBuilder,
  workspaceId: string,
  areaId: string,
  change: { name?: string; towns?: readonly string[] },
): Promise<void> {
  const set: { name?: string; towns?: string } = {};
  if (change.name !== undefined) set.name = change.name;
  if (change.towns !== undefined) set.towns = JSON.stringify(change.towns);
  if (Object.keys(set).length === 0) return;
  await q
    .updateTable("areas")
    .set(set)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", areaId)
    .execute();
}

/** Numbers the workspace's areas 0, 1, 2… in the order of `ids` (every area of the workspace). */
export async function setOrder(q: QueryBuilder, workspaceId: string, ids: readonly string[]): Promise<void> {
  for (const [position, id] of ids.entries())
    await q
      .updateTable("areas")
      .set({ position })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .execute();
}

/** How many cases, desks and directory entries name each of the workspace's areas. */
export async function areaUsage(q: QueryBuilder, workspaceId: string): Promise<Map<string, AreaUsageRecord>> {
  const [cases, desks, resources] = await Promise.all([
    q
      .selectFrom("consultation_cases")
      .select(["area_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("workspace_id", "=", workspaceId)
      .where("area_id", "is not", null)
      .groupBy("area_id")
      .execute(),
    q
      .selectFrom("desks")
      .select(["default_area_id as area_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("workspace_id", "=", workspaceId)
      .where("default_area_id", "is not", null)
      .groupBy("default_area_id")
      .execute(),
    q
      .selectFrom("resources")
      .select(["area_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("workspace_id", "=", workspaceId)
      .where("area_id", "is not", null)
      .groupBy("area_id")
      .execute(),
  ]);
  const usage = new Map<string, AreaUsageRecord>();
  const entry = (id: string) => {
    let u = usage.get(id);
    if (!u) {
      u = { cases: 0, desks: 0, resources: 0 };
      usage.set(id, u);
    }
    return u;
  };
  for (const r of cases) entry(r.area_id as string).cases = Number(r.n);
  for (const r of desks) entry(r.area_id as string).desks = Number(r.n);
  for (const r of resources) entry(r.area_id as string).resources = Number(r.n);
  return usage;
}

/** Every case, desk and directory entry of `fromId` now names `toId` (both of the workspace). */
export async function moveAreaReferences(
  q: QueryBuilder,
  workspaceId: string,
  fromId: string,
  toId: string,
): Promise<void> {
  await q
    .updateTable("consultation_cases")
    .set({ area_id: toId })
    .where("workspace_id", "=", workspaceId)
    .where("area_id", "=", fromId)
    .execute();
  await q
    .updateTable("desks")
    .set({ default_area_id: toId })
    .where("workspace_id", "=", workspaceId)
    .where("default_area_id", "=", fromId)
    .execute();
  await q
    .updateTable("resources")
    .set({ area_id: toId })
    .where("workspace_id", "=", workspaceId)
    .where("area_id", "=", fromId)
    .execute();
}

export async function deleteArea(q: QueryBuilder, workspaceId: string, areaId: string): Promise<void> {
  await q.deleteFrom("areas").where("workspace_id", "=", workspaceId).where("id", "=", areaId).execute();
}

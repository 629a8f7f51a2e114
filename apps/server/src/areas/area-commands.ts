/**
 * Changes to the 日常生活圏域 list. Each command checks what only the database can tell (a
 * name in use, what still names an area), writes in one transaction, then records the audit
 * entry. Deleting an area that cases, desks or directory entries name needs another area to
 * take them over (two areas merged into one); the statistics then count them there.
 */

import type { CreateArea, UpdateArea } from "@tsumugi/contract";
import { newId } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import * as areas from "./area-repository.js";

export const areaNotFound = () => new ApiError(404, "area.notFound", "日常生活圏域が見つかりません。");
const nameTaken = () => new ApiError(409, "area.nameTaken", "同じ名前の日常生活圏域が既にあります。");
const areaInUse = (u: areas.AreaUsageRecord) =>
  new ApiError(
    409,
    "area.inUse",
    `この日常生活圏域は使われています（相談記録${u.cases}件、相談窓口${u.desks}か所、医療・介護資源${u.resources}件）。引き継ぐ圏域を選んでください。`,
  );

function usageOf(usage: Map<string, areas.AreaUsageRecord>, id: string): areas.AreaUsageRecord {
  return usage.get(id) ?? { cases: 0, desks: 0, resources: 0 };
}

export async function createArea(
  app: AppContext,
  caller: Caller,
  input: CreateArea,
): Promise<areas.AreaRecord> {
  const id = newId();
  const area = await app.kysely
    .transaction()
    .execute(async (trx) => {
      await areas.insertArea(trx, caller.workspaceId, { id, name: input.name, towns: input.towns });
      return areas.findArea(trx, caller.workspaceId, id);
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
  if (!area) throw areaNotFound();
  await app.audit.byCaller(caller, "area.created", id, { name: input.name });
  return area;
}

/** Renames an area, changes its town names, or moves it in the list. */
export async function updateArea(
  app: AppContext,
  caller: Caller,
  area: areas.AreaRecord,
  input: UpdateArea,
): Promise<areas.AreaRecord> {
  const wid = caller.workspaceId;
  const next = await app.kysely
    .transaction()
    .execute(async (trx) => {
      await areas.updateArea(trx, wid, area.id, { name: input.name, towns: input.towns });
      if (input.position !== undefined) {
        const ids = (await areas.listAreas(trx, wid)).map((a) => a.id).filter((id) => id !== area.id);
        ids.splice(Math.min(input.position, ids.length), 0, area.id);
        await areas.setOrder(trx, wid, ids);
      }
      return areas.findArea(trx, wid, area.id);
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
  if (!next) throw areaNotFound();
  const detail: Record<string, unknown> = { name: next.name };
  if (input.name !== undefined && input.name !== area.name) detail.before = area.name;
  if (input.towns !== undefined) detail.towns = next.towns.length;
  if (input.position !== undefined) detail.position = input.position;
  await app.audit.byCaller(caller, "area.updated", area.id, detail);
  return next;
}

/**
 * Deletes an area. What names it moves to `moveTo` (another area of the workspace); without
 * one, an area still named by a case, a desk or an entry is refused with what names it.
 */
export async function deleteArea(
  app: AppContext,
  caller: Caller,
  area: areas.AreaRecord,
  moveTo: string | undefined,
): Promise<void> {
  const wid = caller.workspaceId;
  const moved = await app.kysely.transaction().execute(async (trx) => {
    const usage = usageOf(await areas.areaUsage(trx, wid), area.id);
    const used = usage.cases + usage.desks + usage.resources > 0;
    let target: areas.AreaRecord | undefined;
    if (moveTo !== undefined) {
      target = moveTo === area.id ? undefined : await areas.findArea(trx, wid, moveTo);
      if (!target) throw invalid({ moveTo: "unknown" });
      await areas.moveAreaReferences(trx, wid, area.id, target.id);
    } else if (used) {
      throw areaInUse(usage);
    }
    await areas.deleteArea(trx, wid, area.id);
    const rest = (await areas.listAreas(trx, wid)).map((a) => a.id);
    await areas.setOrder(trx, wid, rest);
    return { usage, target };
  });
  await app.audit.byCaller(caller, "area.deleted", area.id, {
    name: area.name,
    ...(moved.target ? { movedTo: moved.target.name, ...moved.usage } : {}),
  });
}

/**
 * Makes sure areas of these names exist (added at the end when missing) and sets their town
 * names when given: the demo and tests set up a municipality's list with it.
 */
export async function ensureAreas(
  app: AppContext,
  caller: Caller,
  wanted: readonly { name: string; towns?: readonly string[] }[],
): Promise<areas.AreaRecord[]> {
  const current = await areas.listAreas(app.kysely, caller.workspaceId);
  for (const w of wanted) {
    const found = current.find((a) => a.name === w.name);
    if (!found) await createArea(app, caller, { name: w.name, towns: [...(w.towns ?? [])] });
    else if (w.towns !== undefined) await updateArea(app, caller, found, { towns: [...w.towns] });
  }
  return areas.listAreas(app.kysely, caller.workspaceId);
}

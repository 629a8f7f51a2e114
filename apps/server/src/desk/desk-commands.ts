/**
 * Changes to desks. Each command checks what only the database can
 * tell (a name in use, a desk's coordinators being coordinators, its default area being one
 * of the workspace's), writes in one transaction, then records the audit entry.
 */
import type { CreateDesk, UpdateDesk } from "@tsumugi/contract";
import { newId } from "@tsumugi/domain";
import { areaExists } from "../areas/area-repository.js";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import { findMembership } from "../members/member-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import * as desks from "./desk-repository.js";

export const deskNotFound = () => new ApiError(404, "desk.notFound", "相談窓口が見つかりません。");
const nameTaken = () => new ApiError(409, "desk.nameTaken", "同じ名前の相談窓口が既にあります。");
const deskInUse = () =>
  new ApiError(409, "desk.inUse", "この相談窓口には相談記録か公開事例があるため削除できません。");

/** Every id must be an active coordinator of the workspace (the secretariat sees every desk anyway). */
async function checkStaff(q: QueryBuilder, workspaceId: string, staffIds: readonly string[]): Promise<void> {
  for (const id of staffIds) {
    const m = await findMembership(q, workspaceId, id);
    if (!m || m.role !== "coordinator" || m.disabledAt !== null)
      throw invalid({ staffIds: "notCoordinator" });
  }
}

async function checkArea(q: QueryBuilder, workspaceId: string, areaId: string | null, field: string) {
  if (areaId !== null && !(await areaExists(q, workspaceId, areaId))) throw invalid({ [field]: "unknown" });
}

export async function createDesk(
  app: AppContext,
  caller: Caller,
  input: CreateDesk,
): Promise<desks.DeskWithStaff> {
  const now = Date.now();
  const desk = await app.kysely.transaction().execute(async (trx) => {
    await checkStaff(trx, caller.workspaceId, input.staffIds);
    await checkArea(trx, caller.workspaceId, input.defaultAreaId, "defaultAreaId");
    const record: desks.DeskWithStaff = {
      id: newId(),
      workspaceId: caller.workspaceId,
      name: input.name,
      hours: input.hours,
      phone: input.phone,
      email: input.email,
      address: input.address,
      howToConsult: input.howToConsult,
      defaultMethod: input.defaultMethod,
      defaultAreaId: input.defaultAreaId,
      public: input.public,
      position: await desks.nextDeskPosition(trx, caller.workspaceId),
      demo: false,
      createdAt: now,
      updatedAt: now,
      staffIds: [...new Set(input.staffIds)].sort(),
    };
    if (!(await desks.insertDesk(trx, record))) throw nameTaken();
    return record;
  });
  await app.audit.byCaller(caller, "desk.created", desk.id, { name: desk.name, staffIds: desk.staffIds });
  return desk;
}

/**
 * Changes a desk. The route has authorized `update`, and `manageStaff` when the coordinators
 * change (the secretariat only); the desk's own coordinators keep its hours, contact and
 * defaults current.
 */
export async function updateDesk(
  app: AppContext,
  caller: Caller,
  desk: desks.DeskWithStaff,
  input: UpdateDesk,
): Promise<desks.DeskWithStaff> {
  const updated = await app.kysely
    .transaction()
    .execute(async (trx) => {
      const next: desks.DeskWithStaff = {
        ...desk,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        staffIds: input.staffIds ? [...new Set(input.staffIds)].sort() : desk.staffIds,
        updatedAt: Date.now(),
      };
      if (await desks.deskNameTaken(trx, caller.workspaceId, next.name, desk.id)) throw nameTaken();
      if (input.defaultAreaId !== undefined)
        await checkArea(trx, caller.workspaceId, next.defaultAreaId, "defaultAreaId");
      await desks.updateDesk(trx, next);
      if (input.staffIds !== undefined) {
        await checkStaff(trx, caller.workspaceId, next.staffIds);
        await desks.setDeskStaff(trx, desk.id, next.staffIds);
      }
      return next;
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken() : err;
    });
  await app.audit.byCaller(caller, "desk.updated", desk.id, {
    name: updated.name,
    fields: Object.keys(input).filter((k) => input[k as keyof UpdateDesk] !== undefined),
    ...(input.staffIds ? { staffIds: updated.staffIds } : {}),
  });
  if (input.staffIds) {
    for (const userId of new Set([...desk.staffIds, ...updated.staffIds]))
      app.events.emit({ type: "user-access-changed", userId, workspaceId: caller.workspaceId });
  }
  return updated;
}

/** A desk with records or examples is kept: the records and the statistics name it. */
export async function deleteDesk(app: AppContext, caller: Caller, desk: desks.DeskWithStaff): Promise<void> {
  await app.kysely.transaction().execute(async (trx) => {
    if (await desks.deskInUse(trx, desk.id)) throw deskInUse();
    await desks.deleteDesk(trx, desk.id);
  });
  await app.audit.byCaller(caller, "desk.deleted", desk.id, { name: desk.name });
}

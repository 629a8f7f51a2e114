/**
 * All SQL on `desks` and `desk_staff` (the 日常生活圏域 are areas/area-repository.ts). Other features read desks through these
 * functions. Each takes a QueryBuilder: the server's, or a transaction of it.
 */
import type { ConsultationMethod } from "@tsumugi/domain";
import { namesAmong } from "../storage/names-among.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface DeskRecord {
  id: string;
  workspaceId: string;
  name: string;
  hours: string;
  phone: string;
  email: string;
  address: string;
  howToConsult: string;
  defaultMethod: ConsultationMethod;
  defaultAreaId: string | null;
  public: boolean;
  position: number;
  demo: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A desk with the user ids of its coordinators. */
export interface DeskWithStaff extends DeskRecord {
  staffIds: string[];
}

const columns = [
  "id",
  "workspace_id",
  "name",
  "hours",
  "phone",
  "email",
  "address",
  "how_to_consult",
  "default_method",
  "default_area_id",
  "on_public_page",
  "sort_order",
  "demo",
  "created_at",
  "updated_at",
] as const;

function toRecord(r: {
  id: string;
  workspace_id: string;
  name: string;
  hours: string;
  phone: string;
  email: string;
  address: string;
  how_to_consult: string;
  default_method: string;
  default_area_id: string | null;
  on_public_page: number;
  sort_order: number;
  demo: number;
  created_at: number;
  updated_at: number;
}): DeskRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    hours: r.hours,
    phone: r.phone,
    email: r.email,
    address: r.address,
    howToConsult: r.how_to_consult,
    defaultMethod: r.default_method as ConsultationMethod,
    defaultAreaId: r.default_area_id,
    public: r.on_public_page === 1,
    position: r.sort_order,
    demo: r.demo === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function staffOf(q: QueryBuilder, deskIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(deskIds.map((id) => [id, []]));
  if (deskIds.length === 0) return out;
  const rows = await q
    .selectFrom("desk_staff")
    .select(["desk_id", "user_id"])
    .where("desk_id", "in", [...deskIds])
    .orderBy("user_id")
    .execute();
  for (const r of rows) out.get(r.desk_id)?.push(r.user_id);
  return out;
}

/** The coordinators of one desk. */
export async function deskStaff(q: QueryBuilder, deskId: string): Promise<string[]> {
  const rows = await q.selectFrom("desk_staff").select("user_id").where("desk_id", "=", deskId).execute();
  return rows.map((r) => r.user_id);
}

/** The workspace's desks in their order, each with its coordinators. */
export async function listDesks(q: QueryBuilder, workspaceId: string): Promise<DeskWithStaff[]> {
  const rows = await q
    .selectFrom("desks")
    .select(columns)
    .where("workspace_id", "=", workspaceId)
    .orderBy("sort_order")
    .orderBy("created_at")
    .orderBy("name")
    .execute();
  const staff = await staffOf(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...toRecord(r), staffIds: staff.get(r.id) ?? [] }));
}

export async function findDesk(
  q: QueryBuilder,
  workspaceId: string,
  deskId: string,
): Promise<DeskWithStaff | undefined> {
  const row = await q
    .selectFrom("desks")
    .select(columns)
    .where("id", "=", deskId)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) return undefined;
  const staff = await staffOf(q, [row.id]);
  return { ...toRecord(row), staffIds: staff.get(row.id) ?? [] };
}

/** The columns of a desk that a change rewrites. */
function deskChanges(desk: DeskRecord) {
  return {
    name: desk.name,
    hours: desk.hours,
    phone: desk.phone,
    email: desk.email,
    address: desk.address,
    how_to_consult: desk.howToConsult,
    default_method: desk.defaultMethod,
    default_area_id: desk.defaultAreaId,
    on_public_page: desk.public ? 1 : 0,
    updated_at: desk.updatedAt,
  };
}

/** Inserts the desk and its staff; false when the workspace has a desk of that name. */
export async function insertDesk(q: QueryBuilder, desk: DeskWithStaff): Promise<boolean> {
  const result = await q
    .insertInto("desks")
    .values({
      id: desk.id,
      workspace_id: desk.workspaceId,
      ...deskChanges(desk),
      sort_order: desk.position,
      demo: desk.demo ? 1 : 0,
      created_at: desk.createdAt,
    })
    .onConflict((oc) => oc.columns(["workspace_id", "name"]).doNothing())
    .executeTakeFirst();
  if (result.numInsertedOrUpdatedRows !== 1n) return false;
  await setDeskStaff(q, desk.id, desk.staffIds);
  return true;
}

export async function nextDeskPosition(q: QueryBuilder, workspaceId: string): Promise<number> {
  const row = await q
    .selectFrom("desks")
    .select((eb) => eb.fn.max("sort_order").as("p"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return (row?.p ?? -1) + 1;
}

export async function deskNameTaken(
  q: QueryBuilder,
  workspaceId: string,
  name: string,
  exceptId: string,
): Promise<boolean> {
  const row = await q
    .selectFrom("desks")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name)
    .where("id", "!=", exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateDesk(q: QueryBuilder, desk: DeskRecord): Promise<void> {
  await q.updateTable("desks").set(deskChanges(desk)).where("id", "=", desk.id).execute();
}

/** Makes `userIds` the desk's coordinators. */
export async function setDeskStaff(
  q: QueryBuilder,
  deskId: string,
  userIds: readonly string[],
): Promise<void> {
  await q.deleteFrom("desk_staff").where("desk_id", "=", deskId).execute();
  if (userIds.length === 0) return;
  await q
    .insertInto("desk_staff")
    .values([...new Set(userIds)].map((user_id) => ({ desk_id: deskId, user_id })))
    .execute();
}

export async function deleteDesk(q: QueryBuilder, deskId: string): Promise<void> {
  await q.deleteFrom("desks").where("id", "=", deskId).execute();
}

/** Does any case or example belong to the desk (then it is kept, for the records and statistics)? */
export async function deskInUse(q: QueryBuilder, deskId: string): Promise<boolean> {
  const c = await q
    .selectFrom("consultation_cases")
    .select("id")
    .where("desk_id", "=", deskId)
    .limit(1)
    .executeTakeFirst();
  if (c) return true;
  const e = await q
    .selectFrom("consultation_examples")
    .select("id")
    .where("desk_id", "=", deskId)
    .limit(1)
    .executeTakeFirst();
  return e !== undefined;
}

/** The ids of the desks `userId` is a coordinator of, in the workspace. */
export async function desksStaffedBy(
  q: QueryBuilder,
  workspaceId: string,
  userId: string,
): Promise<string[]> {
  const rows = await q
    .selectFrom("desk_staff as s")
    .innerJoin("desks as d", "d.id", "s.desk_id")
    .select("d.id")
    .where("d.workspace_id", "=", workspaceId)
    .where("s.user_id", "=", userId)
    .execute();
  return rows.map((r) => r.id);
}

/** Names of the workspace's desks among `ids` (audit entries). */
export const deskNames = (q: QueryBuilder, workspaceId: string, ids: readonly string[]) =>
  namesAmong(q, "desks", workspaceId, ids);

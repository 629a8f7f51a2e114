/** All SQL on consultation cases (their coded fields, sealed text and numbers). */
import type { QueryBuilder } from "../storage/query-builder.js";
import { type CaseRecord, type CaseWithStaff, origin, toCase } from "./consultation-rows.js";
import { deskStaff } from "./desk-repository.js";

export async function findCase(
  q: QueryBuilder,
  workspaceId: string,
  caseId: string,
): Promise<CaseWithStaff | undefined> {
  const row = await q
    .selectFrom("consultation_cases as c")
    .selectAll("c")
    .where("c.id", "=", caseId)
    .where("c.workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toCase(row), deskStaffIds: await deskStaff(q, row.desk_id) };
}

/** The next case number of the workspace (1, 2, …). */
export async function nextCaseNo(q: QueryBuilder, workspaceId: string): Promise<number> {
  const row = await q
    .selectFrom("consultation_cases")
    .select((eb) => eb.fn.max("case_no").as("n"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return (row?.n ?? 0) + 1;
}

/** The columns of a case that a change rewrites. */
function caseChanges(c: CaseRecord) {
  return {
    desk_id: c.deskId,
    age_band: c.ageBand,
    sex: c.sex,
    care_level: c.careLevel,
    living: c.living,
    main_condition: c.condition,
    area_id: c.areaId,
    personal: c.personal,
    key_id: c.keyId,
    updated_at: c.updatedAt,
  };
}

export async function insertCase(q: QueryBuilder, c: CaseRecord): Promise<void> {
  await q
    .insertInto("consultation_cases")
    .values({
      id: c.id,
      workspace_id: c.workspaceId,
      case_no: c.caseNo,
      ...caseChanges(c),
      last_contact_at: c.lastContactAt,
      ...origin(c),
    })
    .execute();
}

export async function updateCase(q: QueryBuilder, c: CaseRecord): Promise<void> {
  await q.updateTable("consultation_cases").set(caseChanges(c)).where("id", "=", c.id).execute();
}

/** The case's last contact, from its contacts. */
export async function refreshLastContact(q: QueryBuilder, caseId: string): Promise<void> {
  const row = await q
    .selectFrom("consultations")
    .select((eb) => eb.fn.max("received_at").as("last"))
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  if (row?.last) {
    await q
      .updateTable("consultation_cases")
      .set({ last_contact_at: row.last })
      .where("id", "=", caseId)
      .execute();
  }
}

/**
 * The workspace's cases among `ids` by their number only (audit entries): nothing of the
 * person is in the audit log, nor shown from it.
 */
export async function caseNumbers(
  q: QueryBuilder,
  workspaceId: string,
  ids: readonly string[],
): Promise<{ id: string; caseNo: number }[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom("consultation_cases")
    .select(["id", "case_no"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", ids)
    .execute();
  return rows.map((r) => ({ id: r.id, caseNo: r.case_no }));
}

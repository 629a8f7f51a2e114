/** Anonymising cases after the retention period: their sealed text and name index dropped. */
import type { QueryBuilder } from "../storage/query-builder.js";
import { type CaseRecord, toCase } from "./consultation-rows.js";

/** Cases not yet anonymised whose last contact is before `cutoff` (YYYY-MM-DD). */
export async function casesToAnonymise(
  q: QueryBuilder,
  cutoff: string,
  limit: number,
): Promise<CaseRecord[]> {
  const rows = await q
    .selectFrom("consultation_cases as c")
    .selectAll("c")
    .where("c.anonymised_at", "is", null)
    .where("c.last_contact_at", "<", cutoff)
    .orderBy("c.last_contact_at")
    .limit(limit)
    .execute();
  return rows.map(toCase);
}

/**
 * Drops every identifying field of the case and its contacts (the sealed text, the name
 * index, the consulter and free text) and marks them anonymised; coded fields stay for the
 * statistics. Only if the case has had no contact since `cutoff` (checked in the statement).
 */
export async function anonymiseCase(
  q: QueryBuilder,
  caseId: string,
  cutoff: string,
  at: number,
): Promise<boolean> {
  const r = await q
    .updateTable("consultation_cases")
    .set({ personal: null, key_id: null, anonymised_at: at, updated_at: at })
    .where("id", "=", caseId)
    .where("anonymised_at", "is", null)
    .where("last_contact_at", "<", cutoff)
    .executeTakeFirst();
  if (r.numUpdatedRows !== 1n) return false;
  await q.deleteFrom("consultation_name_index").where("case_id", "=", caseId).execute();
  await q
    .updateTable("consultations")
    .set({ personal: null, key_id: null, anonymised_at: at, updated_at: at })
    .where("case_id", "=", caseId)
    .execute();
  return true;
}

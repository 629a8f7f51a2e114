/**
 * The exact-name search's index: keyed hashes of each case's name and kana
 * (`consultation_name_index`), never the name itself.
 */
import type { AgeBand, Sex } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

/** Replaces the case's name index with `hashes` (of its name and kana). */
export async function setNameIndex(
  q: QueryBuilder,
  caseId: string,
  hashes: readonly { hash: string; keyId: string }[],
): Promise<void> {
  await q.deleteFrom("consultation_name_index").where("case_id", "=", caseId).execute();
  const unique = [...new Map(hashes.map((h) => [h.hash, h])).values()];
  if (unique.length === 0) return;
  await q
    .insertInto("consultation_name_index")
    .values(unique.map((h) => ({ case_id: caseId, hash: h.hash, key_id: h.keyId })))
    .execute();
}

export interface CaseSummaryRow {
  id: string;
  caseNo: number;
  deskId: string;
  ageBand: AgeBand;
  sex: Sex;
  lastContactAt: string;
  contacts: number;
  demo: boolean;
}

/** Cases of the given desks whose name or kana hashes to one of `hashes`, newest contact first. */
export async function casesByNameHash(
  q: QueryBuilder,
  workspaceId: string,
  deskIds: readonly string[],
  hashes: readonly string[],
): Promise<CaseSummaryRow[]> {
  if (deskIds.length === 0 || hashes.length === 0) return [];
  const rows = await q
    .selectFrom("consultation_cases as c")
    .select(["c.id", "c.case_no", "c.desk_id", "c.age_band", "c.sex", "c.last_contact_at", "c.demo"])
    .select((eb) =>
      eb
        .selectFrom("consultations as k")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("k.case_id", "=", "c.id")
        .as("contacts"),
    )
    .where("c.workspace_id", "=", workspaceId)
    .where("c.desk_id", "in", [...deskIds])
    .where("c.anonymised_at", "is", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("consultation_name_index as n")
          .select("n.case_id")
          .whereRef("n.case_id", "=", "c.id")
          .where("n.hash", "in", [...hashes]),
      ),
    )
    .orderBy("c.last_contact_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseNo: r.case_no,
    deskId: r.desk_id,
    ageBand: r.age_band as AgeBand,
    sex: r.sex as Sex,
    lastContactAt: r.last_contact_at,
    contacts: Number(r.contacts ?? 0),
    demo: r.demo === 1,
  }));
}

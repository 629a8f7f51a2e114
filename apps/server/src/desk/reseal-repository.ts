/**
 * The rows holding sealed identifying fields by the key that seals them: which keys stored
 * data needs (start-up, `npm run keys`), and re-sealing with the current key after a change.
 */
import type { QueryBuilder } from "../storage/query-builder.js";

/** The two tables holding sealed identifying fields (`personal`, `key_id`). */
type SealedTable = "consultation_cases" | "consultations";
const SEALED_TABLES: readonly SealedTable[] = ["consultation_cases", "consultations"];

/** The ids of every key that stored personal data is sealed with. */
export async function storedKeyIds(q: QueryBuilder): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const table of SEALED_TABLES) {
    const rows = await q
      .selectFrom(table)
      .select("key_id")
      .distinct()
      .where("key_id", "is not", null)
      .execute();
    for (const r of rows) ids.add(r.key_id as string);
  }
  const index = await q.selectFrom("consultation_name_index").select("key_id").distinct().execute();
  for (const r of index) ids.add(r.key_id);
  return ids;
}

/** Rows of `table` sealed with another key than `currentKeyId`, a batch at a time (re-encryption). */
async function sealedWithOtherKeys(
  q: QueryBuilder,
  table: SealedTable,
  currentKeyId: string,
  limit: number,
): Promise<{ id: string; personal: string; keyId: string }[]> {
  const rows = await q
    .selectFrom(table)
    .select(["id", "personal", "key_id"])
    .where("key_id", "is not", null)
    .where("key_id", "!=", currentKeyId)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, personal: r.personal as string, keyId: r.key_id as string }));
}

export const casesSealedWithOtherKeys = (q: QueryBuilder, currentKeyId: string, limit: number) =>
  sealedWithOtherKeys(q, "consultation_cases", currentKeyId, limit);

export const contactsSealedWithOtherKeys = (q: QueryBuilder, currentKeyId: string, limit: number) =>
  sealedWithOtherKeys(q, "consultations", currentKeyId, limit);

/** Cases indexed under another key whose own text is already sealed with the current one. */
export async function casesIndexedWithOtherKeys(
  q: QueryBuilder,
  currentKeyId: string,
  limit: number,
): Promise<{ id: string; personal: string }[]> {
  const rows = await q
    .selectFrom("consultation_cases as c")
    .select(["c.id", "c.personal"])
    .where("c.key_id", "=", currentKeyId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("consultation_name_index as n")
          .select("n.case_id")
          .whereRef("n.case_id", "=", "c.id")
          .where("n.key_id", "!=", currentKeyId),
      ),
    )
    .orderBy("c.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, personal: r.personal as string }));
}

/** Re-seals a row of `table` only if it still holds `expected` (so a change made meanwhile is kept). */
async function reseal(
  q: QueryBuilder,
  table: SealedTable,
  id: string,
  expected: string,
  sealed: { text: string; keyId: string },
): Promise<boolean> {
  const r = await q
    .updateTable(table)
    .set({ personal: sealed.text, key_id: sealed.keyId })
    .where("id", "=", id)
    .where("personal", "=", expected)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export const resealCase = (
  q: QueryBuilder,
  id: string,
  expected: string,
  sealed: { text: string; keyId: string },
) => reseal(q, "consultation_cases", id, expected, sealed);

export const resealContact = (
  q: QueryBuilder,
  id: string,
  expected: string,
  sealed: { text: string; keyId: string },
) => reseal(q, "consultations", id, expected, sealed);

/** How many rows each key seals (for `npm run keys -- status`). */
export async function rowsPerKey(q: QueryBuilder): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of SEALED_TABLES) {
    const rows = await q
      .selectFrom(table)
      .select(["key_id"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("key_id", "is not", null)
      .groupBy("key_id")
      .execute();
    for (const r of rows) out[r.key_id as string] = (out[r.key_id as string] ?? 0) + Number(r.n);
  }
  return out;
}

/** All SQL on consultation contacts, their topics and responses, and the records list. */
import { CONSULTATION_RESPONSES, CONSULTATION_TOPICS } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";
import { findCase } from "./case-repository.js";
import {
  type Codes,
  type ContactRecord,
  type ContactRow,
  type ContactWithCase,
  caseCodesOf,
  origin,
  toContact,
} from "./consultation-rows.js";

export async function contactsOfCase(q: QueryBuilder, caseId: string): Promise<ContactRecord[]> {
  const rows = await q
    .selectFrom("consultations as k")
    .selectAll("k")
    .where("k.case_id", "=", caseId)
    .orderBy("k.seq")
    .execute();
  const codes = await codesOf(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toContact(r, codes));
}

export async function findContact(
  q: QueryBuilder,
  workspaceId: string,
  contactId: string,
): Promise<ContactWithCase | undefined> {
  const row = await q
    .selectFrom("consultations as k")
    .selectAll("k")
    .where("k.id", "=", contactId)
    .where("k.workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) return undefined;
  const c = await findCase(q, workspaceId, row.case_id);
  if (!c) return undefined;
  return { ...toContact(row, await codesOf(q, [row.id])), case: c };
}

export async function nextSeq(q: QueryBuilder, caseId: string): Promise<number> {
  const row = await q
    .selectFrom("consultations")
    .select((eb) => eb.fn.max("seq").as("n"))
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return (row?.n ?? 0) + 1;
}

async function writeCodes(
  q: QueryBuilder,
  id: string,
  topics: readonly string[],
  responses: readonly string[],
): Promise<void> {
  await q.deleteFrom("consultation_topics").where("consultation_id", "=", id).execute();
  await q.deleteFrom("consultation_responses").where("consultation_id", "=", id).execute();
  const t = [...new Set(topics)];
  const s = [...new Set(responses)];
  if (t.length)
    await q
      .insertInto("consultation_topics")
      .values(t.map((topic) => ({ consultation_id: id, topic })))
      .execute();
  if (s.length)
    await q
      .insertInto("consultation_responses")
      .values(s.map((response) => ({ consultation_id: id, response })))
      .execute();
}

/** The columns of a contact that a change rewrites. */
function contactChanges(k: ContactRecord) {
  return {
    received_at: k.receivedAt,
    fiscal_year: k.fiscalYear,
    month: k.month,
    method: k.method,
    consulter_type: k.consulterType,
    minutes: k.minutes,
    follow_up_due: k.followUpDue,
    follow_up_status: k.followUpStatus,
    referral_resource_id: k.referralResourceId,
    referral_organisation: k.referralOrganisation,
    personal: k.personal,
    key_id: k.keyId,
    updated_at: k.updatedAt,
  };
}

export async function insertContact(q: QueryBuilder, k: ContactRecord): Promise<void> {
  await q
    .insertInto("consultations")
    .values({
      id: k.id,
      workspace_id: k.workspaceId,
      case_id: k.caseId,
      seq: k.seq,
      ...contactChanges(k),
      staff_user_id: k.staffUserId,
      ...origin(k),
    })
    .execute();
  await writeCodes(q, k.id, k.topics, k.responses);
}

export async function updateContact(q: QueryBuilder, k: ContactRecord): Promise<void> {
  await q.updateTable("consultations").set(contactChanges(k)).where("id", "=", k.id).execute();
  await writeCodes(q, k.id, k.topics, k.responses);
}

export interface ContactFilter {
  /** The desks the reader may see: always applied (none → nothing). */
  deskIds: readonly string[];
  fiscalYear?: number;
  month?: number;
  deskId?: string;
  areaId?: string;
  method?: string;
  consulterType?: string;
  topic?: string;
  followUp?: "open" | "overdue" | "done" | "none";
  caseId?: string;
  /** Today (Japan), for "overdue". */
  today: string;
}

/** One page of contacts, newest first, with the number of all that match. */
export async function listContacts(
  q: QueryBuilder,
  workspaceId: string,
  f: ContactFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: ContactRow[]; total: number }> {
  if (f.deskIds.length === 0) return { rows: [], total: 0 };
  let query = q
    .selectFrom("consultations as k")
    .innerJoin("consultation_cases as c", "c.id", "k.case_id")
    .where("k.workspace_id", "=", workspaceId)
    .where("c.desk_id", "in", [...f.deskIds]);
  if (f.fiscalYear !== undefined) query = query.where("k.fiscal_year", "=", f.fiscalYear);
  if (f.month !== undefined) query = query.where("k.month", "=", f.month);
  if (f.deskId !== undefined) query = query.where("c.desk_id", "=", f.deskId);
  if (f.areaId !== undefined) query = query.where("c.area_id", "=", f.areaId);
  if (f.method !== undefined) query = query.where("k.method", "=", f.method);
  if (f.consulterType !== undefined) query = query.where("k.consulter_type", "=", f.consulterType);
  if (f.caseId !== undefined) query = query.where("k.case_id", "=", f.caseId);
  if (f.topic !== undefined) {
    const topic = f.topic;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("consultation_topics as t")
          .select("t.consultation_id")
          .whereRef("t.consultation_id", "=", "k.id")
          .where("t.topic", "=", topic),
      ),
    );
  }
  if (f.followUp === "overdue")
    query = query.where("k.follow_up_status", "=", "open").where("k.follow_up_due", "<", f.today);
  else if (f.followUp !== undefined) query = query.where("k.follow_up_status", "=", f.followUp);

  const count = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  const rows = await query
    .selectAll("k")
    .select([
      "c.case_no",
      "c.desk_id",
      "c.age_band",
      "c.sex",
      "c.care_level",
      "c.living",
      "c.main_condition",
      "c.area_id",
    ])
    .orderBy("k.received_at", "desc")
    .orderBy("k.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const codes = await codesOf(
    q,
    rows.map((r) => r.id),
  );
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({ ...toContact(r, codes), ...caseCodesOf(r) })),
  };
}

const CHUNK = 400;
const TOPIC_ORDER = CONSULTATION_TOPICS.map((t) => t.id as string);
const RESPONSE_ORDER = CONSULTATION_RESPONSES.map((t) => t.id as string);
const byOrder = (order: string[]) => (a: string, b: string) => order.indexOf(a) - order.indexOf(b);

/** Topics and responses of the given contacts. */
export async function codesOf(q: QueryBuilder, ids: readonly string[]): Promise<Codes> {
  const topics = new Map<string, string[]>();
  const responses = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const t = await q
      .selectFrom("consultation_topics")
      .select(["consultation_id", "topic"])
      .where("consultation_id", "in", chunk)
      .execute();
    for (const r of t) topics.set(r.consultation_id, [...(topics.get(r.consultation_id) ?? []), r.topic]);
    const s = await q
      .selectFrom("consultation_responses")
      .select(["consultation_id", "response"])
      .where("consultation_id", "in", chunk)
      .execute();
    for (const r of s)
      responses.set(r.consultation_id, [...(responses.get(r.consultation_id) ?? []), r.response]);
  }
  // In the vocabulary's order, as forms and tables list them.
  for (const list of topics.values()) list.sort(byOrder(TOPIC_ORDER));
  for (const list of responses.values()) list.sort(byOrder(RESPONSE_ORDER));
  return { topics, responses };
}

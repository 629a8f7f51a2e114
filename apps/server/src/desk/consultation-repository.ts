/**
 * All SQL on consultation cases, their contacts, topics, responses and the name index. The
 * identifying fields are stored only as sealed text (`personal`, personal-data/vault.ts): this
 * file never sees them in the clear. Other features read consultations through these
 * functions (the indicators through `consultationMonthCounts`).
 */
import {
  type AgeBand,
  type CareLevel,
  CONSULTATION_RESPONSES,
  CONSULTATION_TOPICS,
  type ConsultationFact,
  type ConsultationMethod,
  type ConsultationResponse,
  type ConsultationTopic,
  type ConsulterType,
  type FollowUpStatus,
  type LivingSituation,
  type MainCondition,
  type MonthCount,
  type Sex,
} from "@tsumugi/domain";
import type { Selectable } from "kysely";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { ConsultationCasesTable, ConsultationsTable } from "../storage/schema.js";

/** What cases and contacts alike keep beside their own fields. */
export interface SealedRecord {
  /** Sealed identifying fields; null once anonymised. */
  personal: string | null;
  keyId: string | null;
  demo: boolean;
  anonymisedAt: number | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CaseRecord extends SealedRecord {
  id: string;
  workspaceId: string;
  deskId: string;
  caseNo: number;
  ageBand: AgeBand;
  sex: Sex;
  careLevel: CareLevel;
  living: LivingSituation;
  condition: MainCondition;
  areaId: string | null;
  lastContactAt: string;
}

/** A case with the coordinators of its desk (what the policy decides on). */
export interface CaseWithStaff extends CaseRecord {
  deskStaffIds: string[];
}

export interface ContactRecord extends SealedRecord {
  id: string;
  workspaceId: string;
  caseId: string;
  seq: number;
  receivedAt: string;
  fiscalYear: number;
  month: number;
  method: ConsultationMethod;
  consulterType: ConsulterType;
  minutes: number | null;
  followUpDue: string | null;
  followUpStatus: FollowUpStatus;
  referralResourceId: string | null;
  referralOrganisation: string | null;
  staffUserId: string | null;
  topics: ConsultationTopic[];
  responses: ConsultationResponse[];
}

/** The coded fields of a case that lists show with each of its contacts. */
export type CaseCodes = Pick<
  CaseRecord,
  "caseNo" | "deskId" | "ageBand" | "sex" | "careLevel" | "living" | "condition" | "areaId"
>;

export function caseCodes(c: CaseRecord): CaseCodes {
  return {
    caseNo: c.caseNo,
    deskId: c.deskId,
    ageBand: c.ageBand,
    sex: c.sex,
    careLevel: c.careLevel,
    living: c.living,
    condition: c.condition,
    areaId: c.areaId,
  };
}

/** A contact with the coded fields of its case, as lists show it. */
export interface ContactRow extends ContactRecord, CaseCodes {}

/** A contact with its case and the case desk's coordinators (what the policy decides on). */
export interface ContactWithCase extends ContactRecord {
  case: CaseWithStaff;
}

type SealedRow = Pick<
  Selectable<ConsultationsTable>,
  "personal" | "key_id" | "demo" | "anonymised_at" | "created_by" | "created_at" | "updated_at"
>;

function sealedFields(r: SealedRow): SealedRecord {
  return {
    personal: r.personal,
    keyId: r.key_id,
    demo: r.demo === 1,
    anonymisedAt: r.anonymised_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The columns of a new case or contact that no change rewrites afterwards. */
function origin(x: SealedRecord) {
  return {
    demo: x.demo ? 1 : 0,
    anonymised_at: x.anonymisedAt,
    created_by: x.createdBy,
    created_at: x.createdAt,
  };
}

type CaseRow = Selectable<ConsultationCasesTable>;

/** A case row's coded fields (also read with each contact of a list). */
function caseCodesOf(
  r: Pick<
    CaseRow,
    "case_no" | "desk_id" | "age_band" | "sex" | "care_level" | "living" | "main_condition" | "area_id"
  >,
): CaseCodes {
  return {
    caseNo: r.case_no,
    deskId: r.desk_id,
    ageBand: r.age_band as AgeBand,
    sex: r.sex as Sex,
    careLevel: r.care_level as CareLevel,
    living: r.living as LivingSituation,
    condition: r.main_condition as MainCondition,
    areaId: r.area_id,
  };
}

function toCase(r: CaseRow): CaseRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    ...caseCodesOf(r),
    lastContactAt: r.last_contact_at,
    ...sealedFields(r),
  };
}

type ContactDbRow = Selectable<ConsultationsTable>;

function toContact(r: ContactDbRow, codes: Codes): ContactRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    caseId: r.case_id,
    seq: r.seq,
    receivedAt: r.received_at,
    fiscalYear: r.fiscal_year,
    month: r.month,
    method: r.method as ConsultationMethod,
    consulterType: r.consulter_type as ConsulterType,
    minutes: r.minutes,
    followUpDue: r.follow_up_due,
    followUpStatus: r.follow_up_status as FollowUpStatus,
    referralResourceId: r.referral_resource_id,
    referralOrganisation: r.referral_organisation,
    staffUserId: r.staff_user_id,
    ...sealedFields(r),
    topics: (codes.topics.get(r.id) ?? []) as ConsultationTopic[],
    responses: (codes.responses.get(r.id) ?? []) as ConsultationResponse[],
  };
}

interface Codes {
  topics: Map<string, string[]>;
  responses: Map<string, string[]>;
}

const CHUNK = 400;
const TOPIC_ORDER = CONSULTATION_TOPICS.map((t) => t.id as string);
const RESPONSE_ORDER = CONSULTATION_RESPONSES.map((t) => t.id as string);
const byOrder = (order: string[]) => (a: string, b: string) => order.indexOf(a) - order.indexOf(b);

/** Topics and responses of the given contacts. */
async function codesOf(q: QueryBuilder, ids: readonly string[]): Promise<Codes> {
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

async function deskStaff(q: QueryBuilder, deskId: string): Promise<string[]> {
  const rows = await q.selectFrom("desk_staff").select("user_id").where("desk_id", "=", deskId).execute();
  return rows.map((r) => r.user_id);
}

// ---------------------------------------------------------------- cases

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

// ---------------------------------------------------------------- contacts

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

/** Coded facts of every contact in the given 年度 (for statistics; nothing identifying). */
export async function consultationFacts(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYears: readonly number[],
  deskIds?: readonly string[],
): Promise<(ConsultationFact & { id: string })[]> {
  if (fiscalYears.length === 0) return [];
  let query = q
    .selectFrom("consultations as k")
    .innerJoin("consultation_cases as c", "c.id", "k.case_id")
    .select(["k.id", "k.fiscal_year", "k.month", "k.method", "k.consulter_type", "c.desk_id", "c.area_id"])
    .where("k.workspace_id", "=", workspaceId)
    .where("k.fiscal_year", "in", [...fiscalYears]);
  if (deskIds) {
    if (deskIds.length === 0) return [];
    query = query.where("c.desk_id", "in", [...deskIds]);
  }
  const rows = await query.execute();
  const codes = await codesOf(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    fiscalYear: r.fiscal_year,
    month: r.month,
    deskId: r.desk_id,
    areaId: r.area_id,
    method: r.method,
    consulterType: r.consulter_type,
    topics: codes.topics.get(r.id) ?? [],
    responses: codes.responses.get(r.id) ?? [],
  }));
}

/** The 年度 that have consultations, oldest first. */
export async function consultationYears(q: QueryBuilder, workspaceId: string): Promise<number[]> {
  const rows = await q
    .selectFrom("consultations")
    .select("fiscal_year")
    .distinct()
    .where("workspace_id", "=", workspaceId)
    .orderBy("fiscal_year")
    .execute();
  return rows.map((r) => r.fiscal_year);
}

/** Consultations per 年度 and month, for the indicator 相談件数. */
export async function consultationMonthCounts(q: QueryBuilder, workspaceId: string): Promise<MonthCount[]> {
  const rows = await q
    .selectFrom("consultations")
    .select(["fiscal_year", "month", (eb) => eb.fn.countAll().as("n")])
    .where("workspace_id", "=", workspaceId)
    .groupBy(["fiscal_year", "month"])
    .orderBy("fiscal_year")
    .orderBy("month")
    .execute();
  return rows.map((r) => ({ fiscalYear: r.fiscal_year, month: r.month, count: Number(r.n) }));
}

// ---------------------------------------------------------------- keys and retention

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

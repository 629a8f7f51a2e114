/** All SQL on `consultation_examples` (主な相談内容と対応, anonymised summaries for the public). */
import type { ConsultationTopic, ConsulterType, ExampleStatus } from "@tsumugi/domain";
import { namesAmong } from "../storage/names-among.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface ExampleRecord {
  id: string;
  workspaceId: string;
  deskId: string;
  consultationId: string | null;
  fiscalYear: number;
  consulterType: ConsulterType;
  topics: ConsultationTopic[];
  title: string;
  question: string;
  answer: string;
  status: ExampleStatus;
  note: string;
  demo: boolean;
  draftedBy: string | null;
  decidedBy: string | null;
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ExampleWithStaff extends ExampleRecord {
  deskStaffIds: string[];
}

const columns = [
  "id",
  "workspace_id",
  "desk_id",
  "consultation_id",
  "fiscal_year",
  "consulter_type",
  "topics",
  "title",
  "question",
  "answer",
  "status",
  "note",
  "demo",
  "drafted_by",
  "decided_by",
  "published_at",
  "created_at",
  "updated_at",
] as const;

function toRecord(r: {
  id: string;
  workspace_id: string;
  desk_id: string;
  consultation_id: string | null;
  fiscal_year: number;
  consulter_type: string;
  topics: string;
  title: string;
  question: string;
  answer: string;
  status: string;
  note: string;
  demo: number;
  drafted_by: string | null;
  decided_by: string | null;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}): ExampleRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    deskId: r.desk_id,
    consultationId: r.consultation_id,
    fiscalYear: r.fiscal_year,
    consulterType: r.consulter_type as ConsulterType,
    topics: JSON.parse(r.topics) as ConsultationTopic[],
    title: r.title,
    question: r.question,
    answer: r.answer,
    status: r.status as ExampleStatus,
    note: r.note,
    demo: r.demo === 1,
    draftedBy: r.drafted_by,
    decidedBy: r.decided_by,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function withStaff(q: QueryBuilder, examples: ExampleRecord[]): Promise<ExampleWithStaff[]> {
  const deskIds = [...new Set(examples.map((e) => e.deskId))];
  const staff = new Map<string, string[]>(deskIds.map((d) => [d, []]));
  if (deskIds.length > 0) {
    const rows = await q
      .selectFrom("desk_staff")
      .select(["desk_id", "user_id"])
      .where("desk_id", "in", deskIds)
      .execute();
    for (const r of rows) staff.get(r.desk_id)?.push(r.user_id);
  }
  return examples.map((e) => ({ ...e, deskStaffIds: staff.get(e.deskId) ?? [] }));
}

/** The workspace's examples, the newest change first. */
export async function listExamples(q: QueryBuilder, workspaceId: string): Promise<ExampleWithStaff[]> {
  const rows = await q
    .selectFrom("consultation_examples")
    .select(columns)
    .where("workspace_id", "=", workspaceId)
    .orderBy("updated_at", "desc")
    .execute();
  return withStaff(q, rows.map(toRecord));
}

export async function findExample(
  q: QueryBuilder,
  workspaceId: string,
  id: string,
): Promise<ExampleWithStaff | undefined> {
  const row = await q
    .selectFrom("consultation_examples")
    .select(columns)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [e] = await withStaff(q, [toRecord(row)]);
  return e;
}

/** Published examples of a workspace, for its public page: newest 年度 first. */
export async function publishedExamples(q: QueryBuilder, workspaceId: string): Promise<ExampleRecord[]> {
  const rows = await q
    .selectFrom("consultation_examples")
    .select(columns)
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "published")
    .orderBy("fiscal_year", "desc")
    .orderBy("published_at", "desc")
    .execute();
  return rows.map(toRecord);
}

export async function insertExample(q: QueryBuilder, e: ExampleRecord): Promise<void> {
  await q
    .insertInto("consultation_examples")
    .values({
      id: e.id,
      workspace_id: e.workspaceId,
      desk_id: e.deskId,
      consultation_id: e.consultationId,
      fiscal_year: e.fiscalYear,
      consulter_type: e.consulterType,
      topics: JSON.stringify(e.topics),
      title: e.title,
      question: e.question,
      answer: e.answer,
      status: e.status,
      note: e.note,
      demo: e.demo ? 1 : 0,
      drafted_by: e.draftedBy,
      decided_by: e.decidedBy,
      published_at: e.publishedAt,
      created_at: e.createdAt,
      updated_at: e.updatedAt,
    })
    .execute();
}

/** Writes the example if its status is still `expected` (two decisions at once: one wins). */
export async function updateExample(
  q: QueryBuilder,
  e: ExampleRecord,
  expected: ExampleStatus,
): Promise<boolean> {
  const r = await q
    .updateTable("consultation_examples")
    .set({
      title: e.title,
      question: e.question,
      answer: e.answer,
      status: e.status,
      note: e.note,
      decided_by: e.decidedBy,
      published_at: e.publishedAt,
      updated_at: e.updatedAt,
    })
    .where("id", "=", e.id)
    .where("status", "=", expected)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function deleteExample(q: QueryBuilder, id: string): Promise<void> {
  await q.deleteFrom("consultation_examples").where("id", "=", id).execute();
}

/** Titles of the workspace's published-example drafts among `ids` (audit entries). */
export const exampleTitles = (q: QueryBuilder, workspaceId: string, ids: readonly string[]) =>
  namesAmong(q, "consultation_examples", workspaceId, ids);

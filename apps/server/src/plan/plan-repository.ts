/** Plan documents (one per workspace and 年度) in the `documents` table, and their creation. */
import { docNameOf, newId, writeYearPlan, type YearPlan } from "@tsumugi/domain";
import { storeInitialState } from "../collab/initial-state.js";
import { type DocumentRecord, insertDocument, toDocumentRecord } from "../documents/document-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export async function listPlanDocuments(q: QueryBuilder, workspaceId: string): Promise<DocumentRecord[]> {
  const rows = await q
    .selectFrom("documents")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("kind", "=", "plan")
    .orderBy("fiscal_year", "desc")
    .execute();
  return rows.map(toDocumentRecord);
}

export async function findPlanDocument(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYear: number,
): Promise<DocumentRecord | null> {
  const row = await q
    .selectFrom("documents")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("kind", "=", "plan")
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
  return row ? toDocumentRecord(row) : null;
}

/** The plan's title as officials write it, e.g. 令和5年度 在宅医療・介護連携推進事業計画. */
export function planTitle(fiscalYearLabel: string): string {
  return `${fiscalYearLabel} 在宅医療・介護連携推進事業計画`;
}

/**
 * Creates the plan document of a 年度 with its initial content, stored as the document's
 * first update, in `trx` (a transaction). Answers the document and that first update.
 * Throws a unique violation (isUniqueViolation) when the year already has a plan.
 */
export async function createPlanDocument(
  trx: QueryBuilder,
  input: {
    workspaceId: string;
    fiscalYear: number;
    title: string;
    createdBy: string | null;
    plan: YearPlan;
  },
): Promise<{ document: DocumentRecord; initialState: Uint8Array }> {
  const id = newId();
  const now = Date.now();
  const document: DocumentRecord = {
    id,
    workspaceId: input.workspaceId,
    groupId: null,
    kind: "plan",
    title: input.title,
    docName: docNameOf(input.workspaceId, id),
    fiscalYear: input.fiscalYear,
    locked: false,
    reviewing: false,
    draftStatus: null,
    publicId: null,
    createdBy: input.createdBy,
    createdAt: now,
    updatedAt: now,
    demo: false,
  };
  await insertDocument(trx, document);
  const initialState = await storeInitialState(trx, document.docName, (doc) =>
    writeYearPlan(doc, { ...input.plan, fiscalYear: input.fiscalYear }),
  );
  return { document, initialState };
}

/** Plan documents that have no read model yet (new, or its tables were cleared). */
export async function unprojectedPlans(q: QueryBuilder): Promise<string[]> {
  const rows = await q
    .selectFrom("documents")
    .select("doc_name")
    .where("kind", "=", "plan")
    .where("doc_name", "not in", (eb) => eb.selectFrom("plan_projections").select("doc_name"))
    .execute();
  return rows.map((r) => r.doc_name);
}

/** The workspace and 年度 of a plan document; null when `docName` is not a plan. */
export async function planOfDocument(
  q: QueryBuilder,
  docName: string,
): Promise<{ docName: string; workspaceId: string; fiscalYear: number } | null> {
  const row = await q
    .selectFrom("documents")
    .select(["workspace_id", "fiscal_year"])
    .where("doc_name", "=", docName)
    .where("kind", "=", "plan")
    .where("fiscal_year", "is not", null)
    .$narrowType<{ fiscal_year: number }>()
    .executeTakeFirst();
  return row ? { docName, workspaceId: row.workspace_id, fiscalYear: row.fiscal_year } : null;
}

/** Titles of the workspace's plan actions among `ids` (from the read model). */
export async function actionTitles(
  q: QueryBuilder,
  workspaceId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return q
    .selectFrom("plan_actions as a")
    .innerJoin("documents as d", "d.doc_name", "a.doc_name")
    .select(["a.id", "a.title as name"])
    .where("d.workspace_id", "=", workspaceId)
    .where("a.id", "in", ids)
    .execute();
}

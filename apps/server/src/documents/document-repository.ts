/** All SQL on `documents` (plans: plan/plan-repository.ts); the collab endpoint reads through it too. */
import type { DocumentKind, DraftStatus } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface DocumentRecord {
  id: string;
  workspaceId: string;
  groupId: string | null;
  kind: DocumentKind;
  title: string;
  docName: string;
  /** The 年度 of a plan document; null for other kinds. */
  fiscalYear: number | null;
  /** Fixed minutes, approved drafts: read-only for everyone. */
  locked: boolean;
  /** Minutes circulated for review: only the secretariat edits them. */
  reviewing: boolean;
  /** A working-group draft's status; null for other kinds. */
  draftStatus: DraftStatus | null;
  /** Set while a draft is on its public page (/p/<publicId>). */
  publicId: string | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  /** Made up for the demo: shown 「デモ用の例」. */
  demo: boolean;
}

interface DocumentRow {
  id: string;
  workspace_id: string;
  group_id: string | null;
  kind: string;
  title: string;
  doc_name: string;
  fiscal_year: number | null;
  locked_at?: number | null;
  review_at?: number | null;
  draft_status?: string | null;
  public_id?: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  demo?: number;
}

export function toDocumentRecord(r: DocumentRow): DocumentRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    groupId: r.group_id,
    kind: r.kind as DocumentKind,
    title: r.title,
    docName: r.doc_name,
    fiscalYear: r.fiscal_year ?? null,
    locked: r.locked_at != null,
    reviewing: r.review_at != null,
    draftStatus: (r.draft_status ?? null) as DraftStatus | null,
    publicId: r.public_id ?? null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    demo: r.demo === 1,
  };
}

export async function findDocumentByName(q: QueryBuilder, docName: string): Promise<DocumentRecord | null> {
  const row = await q.selectFrom("documents").selectAll().where("doc_name", "=", docName).executeTakeFirst();
  return row ? toDocumentRecord(row) : null;
}

/** The published draft on the public page /p/<publicId>, if it is still published. */
export async function findPublishedDraft(q: QueryBuilder, publicId: string): Promise<DocumentRecord | null> {
  const row = await q
    .selectFrom("documents")
    .selectAll()
    .where("public_id", "=", publicId)
    .where("draft_status", "=", "published")
    .executeTakeFirst();
  return row ? toDocumentRecord(row) : null;
}

export async function listDocuments(q: QueryBuilder, workspaceId: string): Promise<DocumentRecord[]> {
  const rows = await q
    .selectFrom("documents")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    // Plans and meetings have their own screens and routes, so their documents are not listed here.
    .where("kind", "!=", "plan")
    .where("id", "not in", (eb) => eb.selectFrom("meetings").select("document_id"))
    .orderBy("updated_at", "desc")
    .execute();
  return rows.map(toDocumentRecord);
}

export async function findDocument(
  q: QueryBuilder,
  workspaceId: string,
  documentId: string,
): Promise<DocumentRecord | null> {
  const row = await q
    .selectFrom("documents")
    .selectAll()
    .where("id", "=", documentId)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return row ? toDocumentRecord(row) : null;
}

/**
 * A new document (a plan through plan/plan-repository.ts, which gives its 年度), editable
 * (locking and review come later: setDraftStatus, setMinutesAccess).
 */
export async function insertDocument(q: QueryBuilder, d: DocumentRecord): Promise<void> {
  await q
    .insertInto("documents")
    .values({
      id: d.id,
      workspace_id: d.workspaceId,
      group_id: d.groupId,
      kind: d.kind,
      title: d.title,
      doc_name: d.docName,
      fiscal_year: d.fiscalYear,
      draft_status: d.draftStatus,
      created_by: d.createdBy,
      created_at: d.createdAt,
      updated_at: d.updatedAt,
      demo: d.demo ? 1 : 0,
    })
    .execute();
}

/**
 * Moves a draft: its status, locked from `lockedAt` (null: editable), before the plenary
 * from `reviewAt` (null: not under review), its public page.
 */
export async function setDraftStatus(
  q: QueryBuilder,
  documentId: string,
  change: {
    status: DraftStatus;
    lockedAt: number | null;
    reviewAt: number | null;
    publicId: string | null;
    at: number;
  },
): Promise<void> {
  await q
    .updateTable("documents")
    .set({
      draft_status: change.status,
      locked_at: change.lockedAt,
      review_at: change.reviewAt,
      public_id: change.publicId,
      updated_at: change.at,
    })
    .where("id", "=", documentId)
    .execute();
}

/**
 * Meeting minutes circulated for review from `reviewAt` (null: not under review), locked
 * (fixed, the official record) from `lockedAt` when given.
 */
export async function setMinutesAccess(
  q: QueryBuilder,
  documentId: string,
  change: { reviewAt: number | null; lockedAt?: number },
  at: number,
): Promise<void> {
  await q
    .updateTable("documents")
    .set({
      review_at: change.reviewAt,
      ...(change.lockedAt === undefined ? {} : { locked_at: change.lockedAt }),
      updated_at: at,
    })
    .where("id", "=", documentId)
    .execute();
}

/** The document's content changed at `at` (its collaborative document's name). */
export async function touchDocument(q: QueryBuilder, docName: string, at: number): Promise<void> {
  await q.updateTable("documents").set({ updated_at: at }).where("doc_name", "=", docName).execute();
}

/** Does the group own any document? (A group that does cannot be deleted.) */
export async function groupOwnsDocuments(q: QueryBuilder, groupId: string): Promise<boolean> {
  const row = await q
    .selectFrom("documents")
    .select("id")
    .where("group_id", "=", groupId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Titles of the workspace's documents among `docNames`, as `{id: docName, name: title}`. */
export async function documentTitles(
  q: QueryBuilder,
  workspaceId: string,
  docNames: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (docNames.length === 0) return [];
  return q
    .selectFrom("documents")
    .select(["doc_name as id", "title as name"])
    .where("workspace_id", "=", workspaceId)
    .where("doc_name", "in", docNames)
    .execute();
}

/** Reads of the `documents` table shared by the REST routes and the collab endpoint. */
import type { DocumentKind, DraftStatus } from "@tsumugi/domain";
import type { Queryable } from "../storage/database.js";
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
}

interface DocumentRow {
  id: string;
  workspace_id: string;
  group_id: string | null;
  kind: DocumentKind;
  title: string;
  doc_name: string;
  fiscal_year: number | null;
  locked_at?: number | null;
  review_at?: number | null;
  draft_status?: DraftStatus | null;
  public_id?: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export function toDocumentRecord(r: DocumentRow): DocumentRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    groupId: r.group_id,
    kind: r.kind,
    title: r.title,
    docName: r.doc_name,
    fiscalYear: r.fiscal_year ?? null,
    locked: r.locked_at != null,
    reviewing: r.review_at != null,
    draftStatus: r.draft_status ?? null,
    publicId: r.public_id ?? null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findDocumentByName(db: Queryable, docName: string): Promise<DocumentRecord | null> {
  const row = await db.get<DocumentRow>("SELECT * FROM documents WHERE doc_name = ?", [docName]);
  return row ? toDocumentRecord(row) : null;
}

export async function listDocuments(db: Queryable, workspaceId: string): Promise<DocumentRecord[]> {
  const rows = await db.all<DocumentRow>(
    // Plans and meetings have their own screens and routes, so their documents are not listed here.
    `SELECT * FROM documents WHERE workspace_id = ? AND kind != 'plan'
       AND id NOT IN (SELECT document_id FROM meetings) ORDER BY updated_at DESC`,
    [workspaceId],
  );
  return rows.map(toDocumentRecord);
}

export async function findDocument(
  db: Queryable,
  workspaceId: string,
  documentId: string,
): Promise<DocumentRecord | null> {
  const row = await db.get<DocumentRow>("SELECT * FROM documents WHERE id = ? AND workspace_id = ?", [
    documentId,
    workspaceId,
  ]);
  return row ? toDocumentRecord(row) : null;
}

/** The document as the API shows it, with the caller's access. */
export function toDocumentView(d: DocumentRecord, access: "write" | "read" | "none") {
  return {
    id: d.id,
    title: d.title,
    kind: d.kind,
    groupId: d.groupId,
    docName: d.docName,
    locked: d.locked,
    draftStatus: d.draftStatus,
    publicId: d.publicId,
    access,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
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

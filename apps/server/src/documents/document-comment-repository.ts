/** All SQL on `document_comments`: comments on a passage of a document (drafts, notes). */
import type { QueryBuilder } from "../storage/query-builder.js";

export interface DocumentCommentRecord {
  id: string;
  authorName: string;
  quote: string;
  body: string;
  createdAt: number;
  resolvedAt: number | null;
}

/** The document's comments, oldest first, with their authors' names. */
export async function listDocumentComments(
  q: QueryBuilder,
  documentId: string,
): Promise<DocumentCommentRecord[]> {
  const rows = await q
    .selectFrom("document_comments as dc")
    .innerJoin("users as u", "u.id", "dc.author_id")
    .select(["dc.id", "u.name", "dc.quote", "dc.body", "dc.created_at", "dc.resolved_at"])
    .where("dc.document_id", "=", documentId)
    .orderBy("dc.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    authorName: r.name,
    quote: r.quote,
    body: r.body,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
  }));
}

export async function insertDocumentComment(
  q: QueryBuilder,
  comment: {
    id: string;
    documentId: string;
    authorId: string;
    quote: string;
    body: string;
    createdAt: number;
  },
): Promise<void> {
  await q
    .insertInto("document_comments")
    .values({
      id: comment.id,
      document_id: comment.documentId,
      author_id: comment.authorId,
      quote: comment.quote,
      body: comment.body,
      created_at: comment.createdAt,
    })
    .execute();
}

/** Marks an open comment of the document resolved; false when there is no such open comment. */
export async function resolveDocumentComment(
  q: QueryBuilder,
  documentId: string,
  commentId: string,
  by: string,
  at: number,
): Promise<boolean> {
  const res = await q
    .updateTable("document_comments")
    .set({ resolved_at: at, resolved_by: by })
    .where("id", "=", commentId)
    .where("document_id", "=", documentId)
    .where("resolved_at", "is", null)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/**
 * All SQL on comments: `plan_comments` with their `mentions` (rows of a plan), `minutes_comments`
 * (circulated minutes) and `document_comments` (passages of a document). The three places keep
 * their tables; a thread names its place and the row it hangs on, and every function reads and
 * writes the right table for it.
 */
import type { PlanCommentTable } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

/** Where a thread is: the minutes of a meeting, a document, or a row of a plan. */
export type ThreadKey =
  | { on: "minutes"; meetingId: string }
  | { on: "document"; documentId: string }
  | { on: "planRow"; docName: string };

export interface CommentRecord {
  id: string;
  authorId: string;
  authorName: string;
  quote: string;
  body: string;
  suggestion: string | null;
  createdAt: number;
  resolvedAt: number | null;
}

export interface PlanCommentRecord extends CommentRecord {
  table: PlanCommentTable;
  rowId: string;
  mentions: { userId: string; name: string }[];
}

export interface NewComment {
  id: string;
  authorId: string;
  quote: string;
  body: string;
  suggestion: string | null;
  createdAt: number;
}

export interface NewPlanComment extends NewComment {
  table: PlanCommentTable;
  rowId: string;
  /** The row's title as it was when commented on (mentions show it before the read model has it). */
  rowTitle: string;
  mentionIds: readonly string[];
}

/** The thread's comments, oldest first, with their authors' names (a plan's: of one row, or all). */
export async function listComments(q: QueryBuilder, key: ThreadKey): Promise<CommentRecord[]> {
  if (key.on === "planRow") return listPlanComments(q, key.docName);
  if (key.on === "document") {
    const rows = await q
      .selectFrom("document_comments as c")
      .innerJoin("users as u", "u.id", "c.author_id")
      .select(["c.id", "c.author_id", "u.name", "c.quote", "c.body", "c.created_at", "c.resolved_at"])
      .where("c.document_id", "=", key.documentId)
      .orderBy("c.created_at")
      .orderBy("c.id")
      .execute();
    return rows.map((r) => commentRecord({ ...r, suggestion: null }));
  }
  const rows = await q
    .selectFrom("minutes_comments as c")
    .innerJoin("users as u", "u.id", "c.author_id")
    .select([
      "c.id",
      "c.author_id",
      "u.name",
      "c.quote",
      "c.body",
      "c.suggestion",
      "c.created_at",
      "c.resolved_at",
    ])
    .where("c.meeting_id", "=", key.meetingId)
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
  return rows.map(commentRecord);
}

function commentRecord(r: {
  id: string;
  author_id: string;
  name: string;
  quote: string;
  body: string;
  suggestion: string | null;
  created_at: number;
  resolved_at: number | null;
}): CommentRecord {
  return {
    id: r.id,
    authorId: r.author_id,
    authorName: r.name,
    quote: r.quote,
    body: r.body,
    suggestion: r.suggestion,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
  };
}

/** A plan's comments, oldest first, of one row or of every row, with the people they mention. */
export async function listPlanComments(
  q: QueryBuilder,
  docName: string,
  row?: { table: PlanCommentTable; rowId: string },
): Promise<PlanCommentRecord[]> {
  let query = q
    .selectFrom("plan_comments as c")
    .innerJoin("users as u", "u.id", "c.author_id")
    .select(["c.id", "c.tbl", "c.row_id", "c.author_id", "u.name", "c.body", "c.created_at"])
    .where("c.doc_name", "=", docName);
  if (row) query = query.where("c.tbl", "=", row.table).where("c.row_id", "=", row.rowId);
  const rows = await query.orderBy("c.created_at").orderBy("c.id").execute();
  const mentions = rows.length
    ? await q
        .selectFrom("mentions as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["m.comment_id", "m.user_id", "u.name"])
        .where(
          "m.comment_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("u.name")
        .execute()
    : [];
  return rows.map((r) => ({
    ...commentRecord({ ...r, quote: "", suggestion: null, resolved_at: null }),
    table: r.tbl as PlanCommentTable,
    rowId: r.row_id,
    mentions: mentions.filter((m) => m.comment_id === r.id).map((m) => ({ userId: m.user_id, name: m.name })),
  }));
}

export async function insertComment(
  q: QueryBuilder,
  key: Exclude<ThreadKey, { on: "planRow" }>,
  c: NewComment,
): Promise<void> {
  const common = { id: c.id, author_id: c.authorId, quote: c.quote, body: c.body, created_at: c.createdAt };
  if (key.on === "minutes")
    await q
      .insertInto("minutes_comments")
      .values({ ...common, meeting_id: key.meetingId, suggestion: c.suggestion })
      .execute();
  else
    await q
      .insertInto("document_comments")
      .values({ ...common, document_id: key.documentId })
      .execute();
}

/** A comment on a plan row and its mentions (call inside a transaction). */
export async function insertPlanComment(q: QueryBuilder, docName: string, c: NewPlanComment): Promise<void> {
  await q
    .insertInto("plan_comments")
    .values({
      id: c.id,
      doc_name: docName,
      tbl: c.table,
      row_id: c.rowId,
      row_title: c.rowTitle,
      author_id: c.authorId,
      body: c.body,
      created_at: c.createdAt,
    })
    .execute();
  if (c.mentionIds.length > 0)
    await q
      .insertInto("mentions")
      .values(c.mentionIds.map((userId) => ({ comment_id: c.id, user_id: userId })))
      .execute();
}

/** Marks an open comment of the thread resolved; false when the thread has no such open comment. */
export async function resolveComment(
  q: QueryBuilder,
  key: Exclude<ThreadKey, { on: "planRow" }>,
  commentId: string,
  by: string,
  at: number,
): Promise<boolean> {
  const res =
    key.on === "minutes"
      ? await q
          .updateTable("minutes_comments")
          .set({ resolved_at: at, resolved_by: by })
          .where("id", "=", commentId)
          .where("meeting_id", "=", key.meetingId)
          .where("resolved_at", "is", null)
          .executeTakeFirst()
      : await q
          .updateTable("document_comments")
          .set({ resolved_at: at, resolved_by: by })
          .where("id", "=", commentId)
          .where("document_id", "=", key.documentId)
          .where("resolved_at", "is", null)
          .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface MentionRecord {
  commentId: string;
  readAt: number | null;
  body: string;
  createdAt: number;
  table: PlanCommentTable;
  rowId: string;
  rowTitle: string;
  authorName: string;
  fiscalYear: number;
}

/**
 * The person's mentions in the workspace, newest first: the row's title from the read model,
 * or as it was when commented on while the read model has not got the row.
 */
export async function listMentions(
  q: QueryBuilder,
  workspaceId: string,
  userId: string,
  opts: { unreadOnly?: boolean; limit?: number } = {},
): Promise<MentionRecord[]> {
  let query = q
    .selectFrom("mentions as m")
    .innerJoin("plan_comments as c", "c.id", "m.comment_id")
    .innerJoin("documents as d", "d.doc_name", "c.doc_name")
    .innerJoin("users as u", "u.id", "c.author_id")
    .leftJoin("plan_actions as pa", (j) =>
      j.on("c.tbl", "=", "actions").onRef("pa.doc_name", "=", "c.doc_name").onRef("pa.id", "=", "c.row_id"),
    )
    .leftJoin("plan_problems as pp", (j) =>
      j.on("c.tbl", "=", "problems").onRef("pp.doc_name", "=", "c.doc_name").onRef("pp.id", "=", "c.row_id"),
    )
    .select(["m.comment_id", "m.read_at", "c.body", "c.created_at", "c.tbl", "c.row_id", "c.row_title"])
    .select([
      "u.name as author_name",
      "d.fiscal_year",
      "pa.title as action_title",
      "pp.title as problem_title",
    ])
    .where("m.user_id", "=", userId)
    .where("d.workspace_id", "=", workspaceId);
  if (opts.unreadOnly) query = query.where("m.read_at", "is", null);
  query = query.orderBy("c.created_at", "desc").orderBy("c.id", "desc");
  if (opts.limit !== undefined) query = query.limit(opts.limit);
  const rows = await query.execute();
  return rows.map((r) => ({
    commentId: r.comment_id,
    readAt: r.read_at,
    body: r.body,
    createdAt: r.created_at,
    table: r.tbl as PlanCommentTable,
    rowId: r.row_id,
    rowTitle: r.action_title ?? r.problem_title ?? r.row_title,
    authorName: r.author_name,
    fiscalYear: r.fiscal_year ?? 0,
  }));
}

/** Marks the person's mentions in these comments read (those already read keep their time). */
export async function markMentionsRead(
  q: QueryBuilder,
  userId: string,
  commentIds: readonly string[],
  at: number,
): Promise<void> {
  if (commentIds.length === 0) return;
  await q
    .updateTable("mentions")
    .set({ read_at: at })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .where("comment_id", "in", commentIds)
    .execute();
}

/**
 * Changes to comments, wherever they hang: posting on a thread (checked against the state of
 * what it is about, e.g. minutes take comments only while 確認依頼中), posting on a plan row
 * with @mentions, resolving, and marking one's mentions read. The server stamps author and
 * time: comments are authored messages, not co-edited text.
 */
import type { CreateComment, CreatePlanComment } from "@tsumugi/contract";
import {
  type CommentThreadResource,
  newId,
  PLAN_COMMENT_TABLES,
  type PlanCommentTable,
  type PlanTable,
  rowText,
} from "@tsumugi/domain";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import { activeMemberIds } from "../meetings/invitee-repository.js";
import * as comments from "./comment-repository.js";

export const commentNotFound = () => new ApiError(404, "comment.notFound", "コメントが見つかりません。");

/** A thread as the routes load it: where its comments are, and what the policy sees. */
export interface Thread<K extends comments.ThreadKey = comments.ThreadKey> {
  key: K;
  resource: CommentThreadResource;
  /** Why it takes no comments now (minutes not circulating), or null when it does. */
  closed: (() => ApiError) | null;
}
export type PassageThread = Thread<Exclude<comments.ThreadKey, { on: "planRow" }>>;

/** The text field that names a row of each commentable table. */
const TITLE_FIELD: Record<PlanCommentTable, string> = {
  problems: "title",
  actions: "title",
  goals: "text",
  scheduleRows: "activity",
};
const ROW_TITLE_MAX = 500;

/** A comment on a passage (or on the whole text), with a suggested wording on minutes. */
export async function addComment(
  app: AppContext,
  caller: Caller,
  thread: PassageThread,
  input: CreateComment,
): Promise<comments.CommentRecord> {
  if (thread.closed) throw thread.closed();
  const comment: comments.NewComment = {
    id: newId(),
    authorId: caller.actor.userId,
    quote: input.quote ?? "",
    body: input.body,
    // Only minutes keep a suggested wording.
    suggestion: (thread.key.on === "minutes" && input.suggestion) || null,
    createdAt: Date.now(),
  };
  await comments.insertComment(app.kysely, thread.key, comment);
  return stored(await comments.listComments(app.kysely, thread.key), comment.id);
}

/**
 * A comment on a row of the plan, mentioning active members of the workspace. The row must be
 * in the plan as stored now, and its title is kept with the comment: the read model may not
 * have a fresh row yet, and the people mentioned see the title at once.
 */
export async function addPlanComment(
  app: AppContext,
  collab: CollabServer,
  caller: Caller,
  thread: Thread<{ on: "planRow"; docName: string }>,
  input: CreatePlanComment,
): Promise<comments.PlanCommentRecord> {
  const table = input.table as PlanCommentTable;
  await collab.flush();
  const doc = await collab.readDocument(thread.key.docName);
  const exists = PLAN_COMMENT_TABLES.includes(table) && doc.getMap(table).has(input.rowId);
  const rowTitle = exists
    ? (rowText(doc, table as PlanTable, input.rowId, TITLE_FIELD[table])?.toString() ?? "")
    : "";
  doc.destroy();
  if (!exists) throw invalid({ rowId: "unknown" });
  const mentionIds = [...new Set(input.mentions ?? [])];
  if ((await activeMemberIds(app.kysely, caller.workspaceId, mentionIds)).length !== mentionIds.length)
    throw invalid({ mentions: "unknown" });
  const comment: comments.NewPlanComment = {
    id: newId(),
    authorId: caller.actor.userId,
    quote: "",
    body: input.body,
    suggestion: null,
    createdAt: Date.now(),
    table,
    rowId: input.rowId,
    rowTitle: rowTitle.slice(0, ROW_TITLE_MAX),
    mentionIds,
  };
  await app.kysely
    .transaction()
    .execute((trx) => comments.insertPlanComment(trx, thread.key.docName, comment));
  return stored(
    await comments.listPlanComments(app.kysely, thread.key.docName, { table, rowId: input.rowId }),
    comment.id,
  );
}

/** The comment just written, as the thread lists it (with the author's name). */
function stored<C extends { id: string }>(list: C[], id: string): C {
  const found = list.find((c) => c.id === id);
  if (!found) throw new Error(`comment ${id} not stored`);
  return found;
}

export async function resolveComment(
  app: AppContext,
  caller: Caller,
  thread: PassageThread,
  commentId: string,
): Promise<void> {
  if (!(await comments.resolveComment(app.kysely, thread.key, commentId, caller.actor.userId, Date.now())))
    throw commentNotFound();
}

/** Marks the caller's mentions in these comments read; nobody else's are touched. */
export async function markMentionsRead(
  app: AppContext,
  caller: Caller,
  commentIds: readonly string[],
): Promise<void> {
  await comments.markMentionsRead(app.kysely, caller.actor.userId, commentIds, Date.now());
}

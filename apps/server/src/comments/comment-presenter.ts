/** Comments as the API answers them (contract: comments.ts), with what the caller may do. */
import type { Comment, CommentThread, Mention, PlanComment, PlanCommentThread } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type CommentThreadResource, type MentionsResource } from "@tsumugi/domain";
import type { Thread } from "./comment-commands.js";
import type { CommentRecord, MentionRecord, PlanCommentRecord } from "./comment-repository.js";

/** The caller's own mentions, as the policy sees them. */
export const mentionsResource = (userId: string): MentionsResource => ({ kind: "mentions", userId });

export function presentComment(actor: Actor, thread: CommentThreadResource, c: CommentRecord): Comment {
  const resolved = c.resolvedAt !== null;
  return {
    id: c.id,
    authorId: c.authorId,
    authorName: c.authorName,
    quote: c.quote,
    body: c.body,
    suggestion: c.suggestion,
    createdAt: c.createdAt,
    resolved,
    abilities: abilitiesOf(actor, { kind: "comment", thread, resolved }),
  };
}

export function presentPlanComment(
  actor: Actor,
  thread: CommentThreadResource,
  c: PlanCommentRecord,
): PlanComment {
  return { ...presentComment(actor, thread, c), table: c.table, rowId: c.rowId, mentions: c.mentions };
}

function threadFields(actor: Actor, thread: Thread) {
  return { open: thread.closed === null, abilities: abilitiesOf(actor, thread.resource) };
}

export function presentThread(actor: Actor, thread: Thread, list: CommentRecord[]): CommentThread {
  return {
    comments: list.map((c) => presentComment(actor, thread.resource, c)),
    ...threadFields(actor, thread),
  };
}

export function presentPlanThread(
  actor: Actor,
  thread: Thread,
  list: PlanCommentRecord[],
): PlanCommentThread {
  return {
    comments: list.map((c) => presentPlanComment(actor, thread.resource, c)),
    ...threadFields(actor, thread),
  };
}

export function presentMention(m: MentionRecord): Mention {
  return {
    commentId: m.commentId,
    read: m.readAt !== null,
    body: m.body,
    createdAt: m.createdAt,
    table: m.table,
    rowId: m.rowId,
    rowTitle: m.rowTitle,
    authorName: m.authorName,
    fiscalYear: m.fiscalYear,
  };
}

/**
 * Comments, one shape wherever people comment: on a row of the plan
 * (/api/workspaces/{wid}/plans/{fy}/comments, with @mentions listed at /mentions), on circulated
 * minutes (/meetings/{mid}/comments, with a suggested wording) and on a passage of a document
 * (/documents/{did}/comments). Each place answers a thread: its comments, whether it takes
 * comments now, and what the caller may do with it.
 */
import {
  COMMENT_BODY_MAX,
  COMMENT_QUOTE_MAX,
  COMMENT_THREAD_VERBS,
  COMMENT_VERBS,
  PLAN_COMMENT_TABLES,
} from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Id, oneOf, optionalText, requiredText, Timestamp } from "./fields.js";

/** At most this many people mentioned in one comment. */
export const COMMENT_MENTIONS_MAX = 20;
/** At most this many mentions marked read at once. */
export const MENTIONS_READ_MAX = 100;

export const Comment = z
  .object({
    id: Id,
    authorId: Id,
    authorName: z.string(),
    quote: z.string().meta({ description: "The passage commented on; empty for the whole thing" }),
    body: z.string(),
    suggestion: z
      .string()
      .nullable()
      .meta({ description: "The wording suggested instead (minutes), or null" }),
    createdAt: Timestamp,
    resolved: z.boolean(),
    abilities: abilities(COMMENT_VERBS, "What the caller may do with this comment"),
  })
  .meta({ id: "Comment" });
export type Comment = z.infer<typeof Comment>;

export const MentionedPerson = z.object({ userId: Id, name: z.string() });

export const PlanComment = Comment.extend({
  table: z.enum(PLAN_COMMENT_TABLES),
  rowId: z.string(),
  mentions: z.array(MentionedPerson).meta({ description: "The people mentioned" }),
}).meta({ id: "PlanComment" });
export type PlanComment = z.infer<typeof PlanComment>;

const threadFields = {
  open: z.boolean().meta({
    description: "The thread takes comments now (minutes: only while 確認依頼中)",
  }),
  abilities: abilities(COMMENT_THREAD_VERBS, "What the caller may do with this thread"),
};

export const CommentThread = z
  .object({ comments: z.array(Comment).meta({ description: "Oldest first" }), ...threadFields })
  .meta({ id: "CommentThread" });
export type CommentThread = z.infer<typeof CommentThread>;

export const PlanCommentThread = z
  .object({ comments: z.array(PlanComment).meta({ description: "Oldest first" }), ...threadFields })
  .meta({ id: "PlanCommentThread" });
export type PlanCommentThread = z.infer<typeof PlanCommentThread>;

export const CreateComment = z.object({
  body: requiredText(COMMENT_BODY_MAX),
  quote: optionalText(COMMENT_QUOTE_MAX).optional(),
  suggestion: optionalText(COMMENT_BODY_MAX)
    .optional()
    .meta({ description: "A wording suggested instead; kept on minutes only" }),
});
export type CreateComment = z.input<typeof CreateComment>;

export const CreatePlanComment = z.object({
  body: requiredText(COMMENT_BODY_MAX),
  table: oneOf(PLAN_COMMENT_TABLES),
  /** A malformed row id is "unknown", like a row the plan does not have. */
  rowId: z.string({ error: "unknown" }).regex(/^[a-z0-9]{8,40}$/, { error: "unknown" }),
  mentions: z
    .array(z.string().regex(/^[a-z0-9]{8,40}$/, { error: "invalid" }), { error: "invalid" })
    .max(COMMENT_MENTIONS_MAX, { error: "invalid" })
    .optional()
    .meta({ description: "User ids of active members to mention" }),
});
export type CreatePlanComment = z.input<typeof CreatePlanComment>;

/** Which row's thread: both, or neither for every comment of the plan. */
export const PlanCommentQuery = z.object({
  table: oneOf(PLAN_COMMENT_TABLES).optional(),
  rowId: z.string().optional(),
});

export const CommentCreated = z.object({ id: Id, comment: Comment });
export type CommentCreated = z.infer<typeof CommentCreated>;

export const PlanCommentCreated = z.object({ id: Id, comment: PlanComment });
export type PlanCommentCreated = z.infer<typeof PlanCommentCreated>;

export const CommentResolved = z.object({ ok: z.literal(true) });
export type CommentResolved = z.infer<typeof CommentResolved>;

export const Mention = z
  .object({
    commentId: Id,
    read: z.boolean(),
    body: z.string(),
    createdAt: Timestamp,
    table: z.enum(PLAN_COMMENT_TABLES),
    rowId: z.string(),
    rowTitle: z.string().meta({ description: "The row's title now, or as it was when commented on" }),
    authorName: z.string(),
    fiscalYear: z.number().int(),
  })
  .meta({ id: "Mention" });
export type Mention = z.infer<typeof Mention>;

export const MentionList = z.object({
  mentions: z.array(Mention).meta({ description: "Newest first, the last 100" }),
  unread: z.number().int(),
});
export type MentionList = z.infer<typeof MentionList>;

export const MarkMentionsRead = z.object({
  commentIds: z.array(Id, { error: "invalid" }).max(MENTIONS_READ_MAX, { error: "invalid" }),
});
export type MarkMentionsRead = z.infer<typeof MarkMentionsRead>;

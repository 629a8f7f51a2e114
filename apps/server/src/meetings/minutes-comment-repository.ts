/** All SQL on `minutes_comments`: corrections to circulated minutes. */
import type { MinutesComment } from "@tsumugi/contract";
import type { QueryBuilder } from "../storage/query-builder.js";

/** The meeting's comments, oldest first, with their authors' names. */
export async function listMinutesComments(q: QueryBuilder, meetingId: string): Promise<MinutesComment[]> {
  const rows = await q
    .selectFrom("minutes_comments as mc")
    .innerJoin("users as u", "u.id", "mc.author_id")
    .select(["mc.id", "u.name", "mc.quote", "mc.body", "mc.suggestion", "mc.created_at", "mc.resolved_at"])
    .where("mc.meeting_id", "=", meetingId)
    .orderBy("mc.created_at")
    .execute();
  return rows.map((x) => ({
    id: x.id,
    authorName: x.name,
    quote: x.quote,
    body: x.body,
    suggestion: x.suggestion,
    createdAt: x.created_at,
    resolved: x.resolved_at !== null,
  }));
}

export async function insertMinutesComment(
  q: QueryBuilder,
  c: {
    id: string;
    meetingId: string;
    authorId: string;
    quote: string;
    body: string;
    suggestion: string | null;
  },
  now: number,
): Promise<void> {
  await q
    .insertInto("minutes_comments")
    .values({
      id: c.id,
      meeting_id: c.meetingId,
      author_id: c.authorId,
      quote: c.quote,
      body: c.body,
      suggestion: c.suggestion,
      created_at: now,
    })
    .execute();
}

/** Marks an open comment of the meeting resolved; false when there is none. */
export async function resolveMinutesComment(
  q: QueryBuilder,
  meetingId: string,
  commentId: string,
  userId: string,
  now: number,
): Promise<boolean> {
  const res = await q
    .updateTable("minutes_comments")
    .set({ resolved_at: now, resolved_by: userId })
    .where("id", "=", commentId)
    .where("meeting_id", "=", meetingId)
    .where("resolved_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

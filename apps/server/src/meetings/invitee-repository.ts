/**
 * All SQL on `meeting_invitees`: who is invited to a meeting (active members only), and the
 * meetings a person is invited to or may see in their calendar.
 */
import type { QueryBuilder } from "../storage/query-builder.js";

/** The people invited to the meeting. */
export async function invitees(q: QueryBuilder, meetingId: string): Promise<string[]> {
  const rows = await q
    .selectFrom("meeting_invitees")
    .select("user_id")
    .where("meeting_id", "=", meetingId)
    .orderBy("user_id")
    .execute();
  return rows.map((r) => r.user_id);
}

/** The workspace's meetings `userId` is invited to. */
export async function meetingsInvitedTo(
  q: QueryBuilder,
  workspaceId: string,
  userId: string,
): Promise<Set<string>> {
  const rows = await q
    .selectFrom("meeting_invitees as i")
    .innerJoin("meetings as m", "m.id", "i.meeting_id")
    .select("i.meeting_id")
    .where("m.workspace_id", "=", workspaceId)
    .where("i.user_id", "=", userId)
    .execute();
  return new Set(rows.map((r) => r.meeting_id));
}

/** Replaces the meeting's invitees. */
export async function setInvitees(
  q: QueryBuilder,
  meetingId: string,
  userIds: readonly string[],
): Promise<void> {
  await q.deleteFrom("meeting_invitees").where("meeting_id", "=", meetingId).execute();
  if (userIds.length > 0)
    await q
      .insertInto("meeting_invitees")
      .values(userIds.map((userId) => ({ meeting_id: meetingId, user_id: userId })))
      .execute();
}

/** Those of `userIds` who are active members of the workspace (neither membership nor account disabled). */
export async function activeMemberIds(
  q: QueryBuilder,
  workspaceId: string,
  userIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await q
    .selectFrom("memberships as ms")
    .innerJoin("users as u", "u.id", "ms.user_id")
    .select("ms.user_id")
    .where("ms.workspace_id", "=", workspaceId)
    .where("ms.disabled_at", "is", null)
    .where("u.disabled_at", "is", null)
    .where("ms.user_id", "in", userIds)
    .execute();
  return rows.map((r) => r.user_id);
}

/** A meeting as a calendar shows it. */
export interface CalendarMeeting {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  onlineUrl: string;
  updatedAt: number;
}

/**
 * The meetings of a person's calendar, by start: announced (not drafts), and either invited
 * to, of one of their groups, or of the whole committee.
 */
export async function calendarMeetings(
  q: QueryBuilder,
  workspaceId: string,
  person: { userId: string; groupIds: readonly string[] },
): Promise<CalendarMeeting[]> {
  return q
    .selectFrom("meetings as m")
    .leftJoin("meeting_invitees as i", (join) =>
      join.onRef("i.meeting_id", "=", "m.id").on("i.user_id", "=", person.userId),
    )
    .select([
      "m.id",
      "m.title",
      "m.starts_at as startsAt",
      "m.ends_at as endsAt",
      "m.place",
      "m.online_url as onlineUrl",
      "m.updated_at as updatedAt",
    ])
    .distinct()
    .where("m.workspace_id", "=", workspaceId)
    .where("m.state", "!=", "draft")
    .where((eb) =>
      eb.or([
        eb("i.user_id", "is not", null),
        eb("m.group_id", "is", null),
        ...(person.groupIds.length > 0 ? [eb("m.group_id", "in", person.groupIds)] : []),
      ]),
    )
    .orderBy("m.starts_at")
    .execute();
}

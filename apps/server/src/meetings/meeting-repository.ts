/** Meetings in SQL: their details, invitees, and what was recorded when they closed. */
import type { MeetingKind, MeetingState, MinutesState } from "@tsumugi/domain";
import type { Queryable } from "../storage/database.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface MeetingRecord {
  id: string;
  workspaceId: string;
  groupId: string | null;
  kind: MeetingKind;
  fiscalYear: number;
  number: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  onlineUrl: string;
  state: MeetingState;
  minutesState: MinutesState;
  documentId: string;
  docName: string;
  locked: boolean;
  /** The minutes are circulated for review (documents.review_at). */
  reviewing: boolean;
  minutesVersionId: number | null;
  planVersionId: number | null;
  createdAt: number;
  closedAt: number | null;
  /** Made up by the demo: screens mark it 「デモ用の例」. */
  demo: boolean;
}

interface MeetingRow {
  id: string;
  workspace_id: string;
  group_id: string | null;
  kind: MeetingKind;
  fiscal_year: number;
  number: number;
  title: string;
  starts_at: string;
  ends_at: string | null;
  place: string;
  online_url: string;
  state: MeetingState;
  minutes_state: MinutesState;
  document_id: string;
  doc_name: string;
  locked_at: number | null;
  review_at: number | null;
  minutes_version_id: number | null;
  plan_version_id: number | null;
  created_at: number;
  closed_at: number | null;
  demo: number;
}

const SELECT = `SELECT m.*, d.doc_name, d.locked_at, d.review_at FROM meetings m JOIN documents d ON d.id = m.document_id`;

function toRecord(r: MeetingRow): MeetingRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    groupId: r.group_id,
    kind: r.kind,
    fiscalYear: r.fiscal_year,
    number: r.number,
    title: r.title,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    onlineUrl: r.online_url,
    state: r.state,
    minutesState: r.minutes_state,
    documentId: r.document_id,
    docName: r.doc_name,
    locked: r.locked_at !== null,
    reviewing: r.review_at !== null,
    minutesVersionId: r.minutes_version_id,
    planVersionId: r.plan_version_id,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    demo: r.demo === 1,
  };
}

export async function listMeetings(
  q: Queryable,
  workspaceId: string,
  fiscalYear?: number,
): Promise<MeetingRecord[]> {
  const rows = await q.all<MeetingRow>(
    `${SELECT} WHERE m.workspace_id = ?${fiscalYear ? " AND m.fiscal_year = ?" : ""} ORDER BY m.starts_at DESC`,
    fiscalYear ? [workspaceId, fiscalYear] : [workspaceId],
  );
  return rows.map(toRecord);
}

/**
 * Closed meetings per 年度 and kind, and the attendances at them: the one count the meeting
 * statistics and the indicators (協議会・部会 開催回数, 参加者数) read.
 */
export async function closedMeetingCounts(
  q: QueryBuilder,
  workspaceId: string,
): Promise<{ fiscalYear: number; kind: MeetingKind; held: number; attended: number }[]> {
  const rows = await q
    .selectFrom("meetings as m")
    .leftJoin("meeting_attendance as a", (join) =>
      join.onRef("a.meeting_id", "=", "m.id").on("a.status", "=", "attended"),
    )
    .select((eb) => [
      "m.fiscal_year",
      "m.kind",
      eb.fn.count("m.id").distinct().as("held"),
      eb.fn.count("a.meeting_id").as("attended"),
    ])
    .where("m.workspace_id", "=", workspaceId)
    .where("m.state", "=", "closed")
    .groupBy(["m.fiscal_year", "m.kind"])
    .orderBy("m.fiscal_year")
    .orderBy("m.kind")
    .execute();
  return rows.map((r) => ({
    fiscalYear: r.fiscal_year,
    kind: r.kind as MeetingKind,
    held: Number(r.held),
    attended: Number(r.attended),
  }));
}

export async function findMeeting(
  q: Queryable,
  workspaceId: string,
  id: string,
): Promise<MeetingRecord | null> {
  const row = await q.get<MeetingRow>(`${SELECT} WHERE m.id = ? AND m.workspace_id = ?`, [id, workspaceId]);
  return row ? toRecord(row) : null;
}

export async function invitees(q: Queryable, meetingId: string): Promise<string[]> {
  const rows = await q.all<{ user_id: string }>("SELECT user_id FROM meeting_invitees WHERE meeting_id = ?", [
    meetingId,
  ]);
  return rows.map((r) => r.user_id);
}

export async function setInvitees(
  q: Queryable,
  meetingId: string,
  userIds: readonly string[],
): Promise<void> {
  await q.run("DELETE FROM meeting_invitees WHERE meeting_id = ?", [meetingId]);
  for (const userId of userIds) {
    await q.run("INSERT INTO meeting_invitees (meeting_id, user_id) VALUES (?, ?)", [meetingId, userId]);
  }
}

/** The meeting of the same kind and group held before this one (the last one closed). */
export async function previousMeeting(q: Queryable, m: MeetingRecord): Promise<MeetingRecord | null> {
  const row = await q.get<MeetingRow>(
    `${SELECT} WHERE m.workspace_id = ? AND m.kind = ? AND COALESCE(m.group_id, '') = ? AND m.state = 'closed'
       AND m.starts_at < ? AND m.id != ? ORDER BY m.starts_at DESC LIMIT 1`,
    [m.workspaceId, m.kind, m.groupId ?? "", m.startsAt, m.id],
  );
  return row ? toRecord(row) : null;
}

export async function activeMemberIds(
  q: Queryable,
  workspaceId: string,
  userIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await q.all<{ user_id: string }>(
    `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.workspace_id = ? AND m.disabled_at IS NULL AND u.disabled_at IS NULL
        AND m.user_id IN (${userIds.map(() => "?").join(", ")})`,
    [workspaceId, ...userIds],
  );
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

/** Titles of the workspace's meetings among `ids`. */
export async function meetingTitles(
  q: QueryBuilder,
  workspaceId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return q
    .selectFrom("meetings")
    .select(["id", "title as name"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", ids)
    .execute();
}

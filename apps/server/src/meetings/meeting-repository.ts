/** Meetings in SQL: their details, invitees, and what was recorded when they closed. */
import type { MeetingKind, MeetingState, MinutesState } from "@tsumugi/domain";
import { namesAmong } from "../storage/names-among.js";
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

/** The meeting with its minutes' document (name, lock, review): what every read of a meeting selects. */
function selectMeetings(q: QueryBuilder) {
  return q
    .selectFrom("meetings as m")
    .innerJoin("documents as d", "d.id", "m.document_id")
    .selectAll("m")
    .select(["d.doc_name", "d.locked_at", "d.review_at"]);
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof selectMeetings>["executeTakeFirstOrThrow"]>>;

function toRecord(r: MeetingRow): MeetingRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    groupId: r.group_id,
    kind: r.kind as MeetingKind,
    fiscalYear: r.fiscal_year,
    number: r.number,
    title: r.title,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    onlineUrl: r.online_url,
    state: r.state as MeetingState,
    minutesState: r.minutes_state as MinutesState,
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

/** The workspace's meetings (of one 年度 when given), latest first. */
export async function listMeetings(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYear?: number,
): Promise<MeetingRecord[]> {
  let query = selectMeetings(q).where("m.workspace_id", "=", workspaceId);
  if (fiscalYear !== undefined) query = query.where("m.fiscal_year", "=", fiscalYear);
  const rows = await query.orderBy("m.starts_at", "desc").orderBy("m.id").execute();
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
  q: QueryBuilder,
  workspaceId: string,
  id: string,
): Promise<MeetingRecord | null> {
  const row = await selectMeetings(q)
    .where("m.id", "=", id)
    .where("m.workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

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

/** The numbers the workspace's meetings of a 年度 took (to number the next one). */
export async function meetingNumbers(
  q: QueryBuilder,
  workspaceId: string,
  fiscalYear: number,
): Promise<{ kind: MeetingKind; groupId: string | null; fiscalYear: number; number: number }[]> {
  const rows = await q
    .selectFrom("meetings")
    .select(["kind", "group_id", "fiscal_year", "number"])
    .where("workspace_id", "=", workspaceId)
    .where("fiscal_year", "=", fiscalYear)
    .execute();
  return rows.map((r) => ({
    kind: r.kind as MeetingKind,
    groupId: r.group_id,
    fiscalYear: r.fiscal_year,
    number: r.number,
  }));
}

/** What a new meeting is made of. */
export type NewMeeting = Pick<
  MeetingRecord,
  | "id"
  | "workspaceId"
  | "groupId"
  | "kind"
  | "fiscalYear"
  | "number"
  | "title"
  | "startsAt"
  | "endsAt"
  | "place"
  | "onlineUrl"
  | "documentId"
> & { createdBy: string; demo?: boolean };

/**
 * A new meeting (its minutes' document is inserted first), a draft until announced; `demo`
 * marks one made up by the demo seed. Throws a unique violation when its number is taken.
 */
export async function insertMeeting(q: QueryBuilder, m: NewMeeting, now: number): Promise<void> {
  await q
    .insertInto("meetings")
    .values({
      id: m.id,
      workspace_id: m.workspaceId,
      group_id: m.groupId,
      kind: m.kind,
      fiscal_year: m.fiscalYear,
      number: m.number,
      title: m.title,
      starts_at: m.startsAt,
      ends_at: m.endsAt,
      place: m.place,
      online_url: m.onlineUrl,
      document_id: m.documentId,
      created_by: m.createdBy,
      created_at: now,
      updated_at: now,
      demo: m.demo ? 1 : 0,
    })
    .execute();
}

export async function updateMeetingDetails(
  q: QueryBuilder,
  id: string,
  d: { title: string; startsAt: string; endsAt: string | null; place: string; onlineUrl: string },
  now: number,
): Promise<void> {
  await q
    .updateTable("meetings")
    .set({
      title: d.title,
      starts_at: d.startsAt,
      ends_at: d.endsAt,
      place: d.place,
      online_url: d.onlineUrl,
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}

export async function setMeetingState(
  q: QueryBuilder,
  id: string,
  state: MeetingState,
  now: number,
): Promise<void> {
  await q.updateTable("meetings").set({ state, updated_at: now }).where("id", "=", id).execute();
}

export async function setMinutesState(
  q: QueryBuilder,
  id: string,
  minutesState: MinutesState,
  now: number,
): Promise<void> {
  await q
    .updateTable("meetings")
    .set({ minutes_state: minutesState, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/**
 * What closing records: the state, the snapshots' versions, and the attendance (of people who
 * still have an account) and outcomes read from the minutes, for the indicators and decisions.
 */
export async function recordClose(
  q: QueryBuilder,
  meetingId: string,
  close: {
    at: number;
    /** Null only for the demo's made-up meetings, recorded without a snapshot. */
    minutesVersionId: number | null;
    planVersionId: number | null;
    attendance: ReadonlyMap<string, string>;
    outcomes: readonly { id: string; order: string; type: string; text: string; actionId: string | null }[];
  },
): Promise<void> {
  await q
    .updateTable("meetings")
    .set({
      state: "closed",
      closed_at: close.at,
      updated_at: close.at,
      minutes_version_id: close.minutesVersionId,
      plan_version_id: close.planVersionId,
    })
    .where("id", "=", meetingId)
    .execute();
  await q.deleteFrom("meeting_attendance").where("meeting_id", "=", meetingId).execute();
  const userIds = [...close.attendance.keys()];
  const known = new Set(
    userIds.length === 0
      ? []
      : (await q.selectFrom("users").select("id").where("id", "in", userIds).execute()).map((u) => u.id),
  );
  const attendance = userIds.filter((id) => known.has(id));
  if (attendance.length > 0)
    await q
      .insertInto("meeting_attendance")
      .values(
        attendance.map((userId) => ({
          meeting_id: meetingId,
          user_id: userId,
          status: close.attendance.get(userId) as string,
        })),
      )
      .execute();
  await q.deleteFrom("meeting_outcomes").where("meeting_id", "=", meetingId).execute();
  if (close.outcomes.length > 0)
    await q
      .insertInto("meeting_outcomes")
      .values(
        close.outcomes.map((o) => ({
          meeting_id: meetingId,
          id: o.id,
          ord: o.order,
          type: o.type,
          text: o.text,
          action_id: o.actionId,
        })),
      )
      .execute();
}

/** The workspace's decisions, newest meeting first; `text` narrows them to those containing it. */
export async function decisions(
  q: QueryBuilder,
  workspaceId: string,
  text: string,
): Promise<{ meetingId: string; id: string; text: string; meetingTitle: string; startsAt: string }[]> {
  let query = q
    .selectFrom("meeting_outcomes as o")
    .innerJoin("meetings as m", "m.id", "o.meeting_id")
    .select([
      "o.meeting_id as meetingId",
      "o.id",
      "o.text",
      "m.title as meetingTitle",
      "m.starts_at as startsAt",
    ])
    .where("m.workspace_id", "=", workspaceId)
    .where("o.type", "=", "decision");
  if (text !== "") query = query.where("o.text", "like", `%${text}%`);
  return query.orderBy("m.starts_at", "desc").orderBy("o.ord").execute();
}

/** The meeting of the same kind and group held before this one (the last one closed). */
export async function previousMeeting(q: QueryBuilder, m: MeetingRecord): Promise<MeetingRecord | null> {
  const row = await selectMeetings(q)
    .where("m.workspace_id", "=", m.workspaceId)
    .where("m.kind", "=", m.kind)
    .where("m.group_id", m.groupId === null ? "is" : "=", m.groupId)
    .where("m.state", "=", "closed")
    .where("m.starts_at", "<", m.startsAt)
    .where("m.id", "!=", m.id)
    .orderBy("m.starts_at", "desc")
    .orderBy("m.id")
    .limit(1)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
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

/** Titles of the workspace's meetings among `ids`. */
export const meetingTitles = (q: QueryBuilder, workspaceId: string, ids: readonly string[]) =>
  namesAmong(q, "meetings", workspaceId, ids);

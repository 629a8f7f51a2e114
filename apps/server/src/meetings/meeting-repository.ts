/**
 * All SQL on `meetings`: their details and states, read with their minutes' document. Who is
 * invited is in `invitee-repository.ts`, what a closed meeting recorded (attendance,
 * outcomes) in `closed-meeting-repository.ts`.
 */
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

/** Titles of the workspace's meetings among `ids`. */
export const meetingTitles = (q: QueryBuilder, workspaceId: string, ids: readonly string[]) =>
  namesAmong(q, "meetings", workspaceId, ids);

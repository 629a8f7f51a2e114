/**
 * What a closed meeting recorded, in `meeting_attendance` and `meeting_outcomes`: the close
 * itself, the counts the statistics and indicators read, and the decisions taken.
 */
import type { MeetingKind } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

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

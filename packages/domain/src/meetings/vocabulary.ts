/**
 * Meetings of the committee and its groups: kinds, the meeting's life (下書き → 公開 → 開催中 →
 * 終了), the minutes' approval (作成中 → 確認依頼中 → 確定), attendance and outcome types.
 */

export const MEETING_KINDS = [
  { id: "liaison", label: "連携会議" },
  { id: "plenary", label: "全体会" },
  { id: "division", label: "部会" },
  { id: "team", label: "班" },
  { id: "training", label: "研修" },
  { id: "other", label: "その他" },
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number]["id"];

export const MEETING_STATES = [
  { id: "draft", label: "下書き" },
  { id: "published", label: "公開" },
  { id: "inProgress", label: "開催中" },
  { id: "closed", label: "終了" },
] as const;
export type MeetingState = (typeof MEETING_STATES)[number]["id"];

export const MINUTES_STATES = [
  { id: "drafting", label: "作成中" },
  { id: "circulating", label: "確認依頼中" },
  { id: "fixed", label: "確定" },
] as const;
export type MinutesState = (typeof MINUTES_STATES)[number]["id"];

export const ATTENDANCE = [
  { id: "invited", label: "招集" },
  { id: "attended", label: "出席" },
  { id: "absent", label: "欠席" },
] as const;
export type Attendance = (typeof ATTENDANCE)[number]["id"];

export const OUTCOME_TYPES = [
  { id: "report", label: "報告" },
  { id: "decision", label: "決定" },
  { id: "action", label: "取組" },
] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number]["id"];

export const AGENDA_STATES = [
  { id: "pending", label: "未了" },
  { id: "done", label: "済" },
  { id: "deferred", label: "次回へ" },
] as const;
export type AgendaState = (typeof AGENDA_STATES)[number]["id"];

const ids = (list: readonly { id: string }[]) => new Set(list.map((x) => x.id));
const KIND_IDS = ids(MEETING_KINDS);
const STATE_IDS = ids(MEETING_STATES);
const MINUTES_STATE_IDS = ids(MINUTES_STATES);
const ATTENDANCE_IDS = ids(ATTENDANCE);
const OUTCOME_IDS = ids(OUTCOME_TYPES);
const AGENDA_STATE_IDS = ids(AGENDA_STATES);

export const isMeetingKind = (v: unknown): v is MeetingKind => typeof v === "string" && KIND_IDS.has(v);
export const isMeetingState = (v: unknown): v is MeetingState => typeof v === "string" && STATE_IDS.has(v);
export const isMinutesState = (v: unknown): v is MinutesState =>
  typeof v === "string" && MINUTES_STATE_IDS.has(v);
export const isAttendance = (v: unknown): v is Attendance => typeof v === "string" && ATTENDANCE_IDS.has(v);
export const isOutcomeType = (v: unknown): v is OutcomeType => typeof v === "string" && OUTCOME_IDS.has(v);
export const isAgendaState = (v: unknown): v is AgendaState =>
  typeof v === "string" && AGENDA_STATE_IDS.has(v);

/** The meeting's life moves forward one step at a time. */
const NEXT_STATE: Record<MeetingState, MeetingState | null> = {
  draft: "published",
  published: "inProgress",
  inProgress: "closed",
  closed: null,
};

export function canMoveMeeting(from: MeetingState, to: MeetingState): boolean {
  return NEXT_STATE[from] === to;
}

/** Minutes are circulated after the meeting has closed, and fixed after circulation. */
export function canMoveMinutes(meeting: MeetingState, from: MinutesState, to: MinutesState): boolean {
  if (meeting !== "closed") return false;
  return (from === "drafting" && to === "circulating") || (from === "circulating" && to === "fixed");
}

/** 第N回: the next number among the meetings of the same kind and group in a 年度. */
export function nextMeetingNumber(
  existing: readonly { kind: MeetingKind; groupId: string | null; fiscalYear: number; number: number }[],
  kind: MeetingKind,
  groupId: string | null,
  fiscalYear: number,
): number {
  let max = 0;
  for (const m of existing) {
    if (m.kind === kind && m.groupId === groupId && m.fiscalYear === fiscalYear)
      max = Math.max(max, m.number);
  }
  return max + 1;
}

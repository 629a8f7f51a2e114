/**
 * What the home page tells each person to do next: the meetings ahead of them, the minutes
 * waiting for their step (circulate, review, fix), and the plan actions in their charge
 * (their own or their groups'), overdue ones first. Pure: the server feeds it the rows.
 */
import type { MeetingState, MinutesState } from "./meetings/vocabulary.js";
import { isPeriodOver } from "./plan/period.js";
import type { Action } from "./plan/plan-schema.js";

export type MeetingTodo = "publish" | "circulate" | "review" | "fix" | null;

export interface HomeMeetingFacts {
  state: MeetingState;
  minutesState: MinutesState;
  /** This person is on the meeting's invitation list. */
  invited: boolean;
  /** This person runs the meeting (canManageMeeting). */
  canManage: boolean;
  /** This person fixes minutes (the secretariat). */
  canFix: boolean;
}

/** The step this person is expected to take on a meeting now, if any. */
export function meetingTodo(m: HomeMeetingFacts): MeetingTodo {
  if (m.state === "draft") return m.canManage ? "publish" : null;
  if (m.state !== "closed") return null;
  if (m.minutesState === "drafting") return m.canManage ? "circulate" : null;
  if (m.minutesState === "circulating") return m.canFix ? "fix" : m.invited ? "review" : null;
  return null;
}

/** A meeting ahead: not closed yet, announced (or this person prepares it), and theirs. */
export function isUpcomingFor(
  m: HomeMeetingFacts & { groupId: string | null },
  groupIds: readonly string[],
): boolean {
  if (m.state === "closed") return false;
  if (m.state === "draft") return m.canManage;
  return m.canManage || m.invited || (m.groupId !== null && groupIds.includes(m.groupId));
}

export interface MyAction {
  id: string;
  title: string;
  status: Action["status"];
  progress: number;
  ownerGroupId: string | null;
  /** In charge personally (not only through a group). */
  mine: boolean;
  periodEnd: string | null;
  overdue: boolean;
}

const open = (a: Action) => a.status !== "done" && a.status !== "cancelled";

/**
 * The open actions this person is in charge of, personally or through a group: overdue
 * first (oldest end first), then by end of period (none last), then the plan's order.
 */
export function myOpenActions(
  actions: readonly Action[],
  who: { userId: string; groupIds: readonly string[] },
  today: string,
): MyAction[] {
  return actions
    .map((a, index) => ({ a, index }))
    .filter(
      ({ a }) =>
        open(a) &&
        (a.ownerUserId === who.userId || (a.ownerGroupId !== null && who.groupIds.includes(a.ownerGroupId))),
    )
    .map(({ a, index }) => ({
      index,
      action: {
        id: a.id,
        title: a.title,
        status: a.status,
        progress: a.progress,
        ownerGroupId: a.ownerGroupId,
        mine: a.ownerUserId === who.userId,
        periodEnd: a.period.end,
        overdue: isPeriodOver(a.period, today),
      },
    }))
    .sort(
      (x, y) =>
        Number(y.action.overdue) - Number(x.action.overdue) ||
        (x.action.periodEnd ?? "9999").localeCompare(y.action.periodEnd ?? "9999") ||
        x.index - y.index,
    )
    .map((x) => x.action);
}

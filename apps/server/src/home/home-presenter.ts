/**
 * The home page as the API answers it (contract: Home): which meetings are ahead of the caller
 * and which minutes wait for their step, their open actions and the plan's overdue ones, with
 * the policy's `abilities` saying which lists are the caller's. The rules are the domain's
 * (`packages/domain/src/home.ts`).
 */
import type { Home } from "@tsumugi/contract";
import {
  type Actor,
  abilitiesOf,
  can,
  canManageMeeting,
  fiscalYearLabel,
  isUpcomingFor,
  meetingTodo,
  myOpenActions,
  overdueActions,
} from "@tsumugi/domain";
import { presentMention } from "../comments/comment-presenter.js";
import type { HomeRows } from "./home-queries.js";

/** Items per list (the lists link to their full pages). */
export const HOME_LIST_LENGTH = 8;
const LIST = HOME_LIST_LENGTH;

export function presentHome(actor: Actor, workspaceId: string, today: string, rows: HomeRows): Home {
  const canFix = can(actor, "minutes.fix");
  const meetings = rows.meetings.map((m) => {
    const facts = {
      state: m.state,
      minutesState: m.minutesState,
      invited: rows.invited.has(m.id),
      canManage: canManageMeeting(actor, m.groupId),
      canFix,
    };
    return {
      record: m,
      upcoming: isUpcomingFor({ ...facts, groupId: m.groupId }, actor.groupIds),
      view: {
        id: m.id,
        title: m.title,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        place: m.place,
        onlineUrl: m.onlineUrl,
        state: m.state,
        minutesState: m.minutesState,
        invited: facts.invited,
        demo: m.demo,
        todo: meetingTodo(facts),
      },
    };
  });
  // Meetings from today on come first, soonest first; one whose day has passed without
  // being held or closed follows them (still to be run or closed, not "next").
  const passed = (m: { startsAt: string }) => m.startsAt.slice(0, 10) < today;
  const upcoming = meetings
    .filter((x) => x.upcoming)
    .sort(
      (a, b) =>
        Number(passed(a.record)) - Number(passed(b.record)) ||
        a.record.startsAt.localeCompare(b.record.startsAt),
    )
    .slice(0, LIST)
    .map((x) => x.view);
  // Minutes waiting for this person's step, newest meeting first (listMeetings' order).
  const minutes = meetings
    .filter((x) => x.record.state === "closed" && x.view.todo !== null)
    .slice(0, LIST)
    .map((x) => x.view);

  // Which lists are this person's is the policy's answer, sent with the lists.
  const abilities = abilitiesOf(actor, { kind: "home", workspaceId });
  const plan = rows.projection?.plan;
  const overdue =
    plan && abilities.overdueActions
      ? overdueActions(plan.actions, today).map((a) => ({
          id: a.id,
          title: a.title,
          status: a.status,
          progress: a.progress,
          ownerGroupId: a.ownerGroupId,
          periodEnd: a.period.end,
        }))
      : [];
  return {
    today,
    role: actor.role ?? "observer",
    abilities,
    plan: rows.plan
      ? {
          fiscalYear: rows.plan.fiscalYear ?? 0,
          fiscalYearLabel: fiscalYearLabel(rows.plan.fiscalYear ?? 0),
          title: rows.plan.title,
          projected: rows.projection !== null,
        }
      : null,
    meetings: upcoming,
    minutes,
    myActions: plan && abilities.ownActions ? myOpenActions(plan.actions, actor, today) : [],
    overdueActions: overdue.slice(0, LIST),
    overdueCount: overdue.length,
    // Unread only, so without the mention list's read flag.
    mentions: rows.mentions.slice(0, LIST).map((m) => {
      const { read: _, ...mention } = presentMention(m);
      return mention;
    }),
    unreadMentions: rows.mentions.length,
    changes: rows.changes.map((ch) => ({
      at: ch.at,
      table: ch.table,
      rowId: ch.rowId,
      rowTitle: ch.title,
      change: ch.change,
      fields: ch.fields,
      userNames: ch.by,
    })),
  };
}

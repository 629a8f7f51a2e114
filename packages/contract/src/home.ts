/** The home page: what the caller does next (/api/workspaces/{wid}/home). */
import { ACTION_STATUSES, HOME_VERBS, MEETING_STATES, MINUTES_STATES, ROLES } from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Id, IsoDate, Timestamp } from "./fields.js";

const ids = <T extends { id: string }>(list: readonly T[]) =>
  list.map((x) => x.id) as [T["id"], ...T["id"][]];

export const MEETING_TODOS = ["publish", "circulate", "review", "fix"] as const;

export const HomeMeeting = z
  .object({
    id: Id,
    title: z.string(),
    startsAt: z.string().meta({ description: "Local date-time, YYYY-MM-DDTHH:MM" }),
    endsAt: z.string().nullable(),
    place: z.string(),
    onlineUrl: z.string(),
    state: z.enum(ids(MEETING_STATES)),
    minutesState: z.enum(ids(MINUTES_STATES)),
    invited: z.boolean(),
    demo: z.boolean().meta({ description: "Made up by the demo (shown 「デモ用の例」)" }),
    todo: z.enum(MEETING_TODOS).nullable().meta({
      description: "The caller's next step: publish the notice, circulate, review or fix the minutes",
    }),
  })
  .meta({ id: "HomeMeeting" });
export type HomeMeeting = z.infer<typeof HomeMeeting>;

export const HomeAction = z
  .object({
    id: Id,
    title: z.string(),
    status: z.enum(ids(ACTION_STATUSES)),
    progress: z.number().int(),
    ownerGroupId: Id.nullable(),
    mine: z.boolean().optional().meta({ description: "In the caller's charge personally" }),
    periodEnd: z.string().nullable().meta({ description: "YYYY-MM or YYYY-MM-DD" }),
    overdue: z.boolean().optional(),
  })
  .meta({ id: "HomeAction" });
export type HomeAction = z.infer<typeof HomeAction>;

export const Home = z
  .object({
    today: z.string().meta({ description: "The day the answer is for (Japan), YYYY-MM-DD" }),
    role: z.enum(ROLES).meta({ description: "The caller's role (the page's introduction names it)" }),
    abilities: abilities(
      HOME_VERBS,
      "Which lists are the caller's: the actions in their charge (ownActions), the whole plan's overdue actions (overdueActions)",
    ),
    plan: z
      .object({
        fiscalYear: z.number().int(),
        fiscalYearLabel: z.string(),
        title: z.string(),
        projected: z.boolean(),
      })
      .nullable()
      .meta({ description: "This 年度's plan, or else the latest before it" }),
    meetings: z
      .array(HomeMeeting)
      .meta({ description: "Meetings ahead: invited, of the caller's groups, or run by them" }),
    minutes: z
      .array(HomeMeeting)
      .meta({ description: "Closed meetings whose minutes wait for the caller's step" }),
    myActions: z.array(HomeAction).meta({
      description: "Open actions of the caller or their groups, overdue first (abilities.ownActions)",
    }),
    overdueActions: z
      .array(HomeAction)
      .meta({ description: "The first overdue actions of the whole plan (abilities.overdueActions)" }),
    overdueCount: z.number().int(),
    mentions: z.array(
      z.object({
        commentId: Id,
        body: z.string(),
        createdAt: Timestamp,
        table: z.string(),
        rowId: Id,
        rowTitle: z.string(),
        authorName: z.string(),
        fiscalYear: z.number().int(),
      }),
    ),
    unreadMentions: z.number().int(),
    changes: z.array(
      z.object({
        at: Timestamp,
        table: z.string(),
        rowId: z.string(),
        rowTitle: z.string(),
        change: z.enum(["added", "changed", "removed"]),
        fields: z.array(z.string()),
        userNames: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: "Home" });
export type Home = z.infer<typeof Home>;

export const HomeQuery = z.object({
  today: IsoDate.optional().meta({ description: "The day the answer is for (default: today in Japan)" }),
});

/**
 * Meetings of the committee and its groups: /api/workspaces/{wid}/meetings — the list, a
 * meeting's details and invitees, its life (下書き → 公開 → 開催中 → 終了) and its minutes'
 * (作成中 → 確認依頼中 → 確定), the counts the indicators read, decisions across meetings.
 */
import {
  type AgendaItem,
  isPeriodPoint,
  MEETING_KINDS,
  MEETING_PLACE_MAX,
  MEETING_STATES,
  MEETING_TITLE_MAX,
  MEETING_VERBS,
  MINUTES_STATES,
  type PlanRowChange,
} from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Id, oneOf, optionalText, requiredText, Timestamp } from "./fields.js";

const ids = <T extends readonly { id: string }[]>(list: T) =>
  list.map((x) => x.id) as unknown as [T[number]["id"], ...T[number]["id"][]];
const KINDS = ids(MEETING_KINDS);
const STATES = ids(MEETING_STATES);
const MINUTES = ids(MINUTES_STATES);

/** Invitees a meeting may have. */
export const MEETING_INVITEES_MAX = 500;

export const Meeting = z
  .object({
    id: Id,
    kind: z.enum(KINDS),
    groupId: Id.nullable().meta({ description: "The group that holds it, or null (the whole committee)" }),
    fiscalYear: z.number().int(),
    fiscalYearLabel: z.string().meta({ description: "令和5年度" }),
    number: z.number().int().meta({ description: "第N回 within the 年度, kind and group" }),
    title: z.string(),
    startsAt: z.string().meta({ description: "Local date and time, 2023-05-25T14:00" }),
    endsAt: z.string().nullable(),
    place: z.string(),
    onlineUrl: z.string(),
    state: z.enum(STATES),
    minutesState: z.enum(MINUTES),
    documentId: Id,
    docName: z.string().meta({ description: "The minutes' collaborative document" }),
    access: z.enum(["write", "read", "none"]).meta({ description: "The caller's access to the minutes" }),
    invitees: z.array(Id),
    closedAt: Timestamp.nullable(),
    demo: z.boolean().meta({ description: "Made up by the demo (「デモ用の例」)" }),
    abilities: abilities(MEETING_VERBS, "What the caller may do with this meeting"),
  })
  .meta({ id: "Meeting" });
export type Meeting = z.infer<typeof Meeting>;

export const MeetingList = z.object({ meetings: z.array(Meeting).meta({ description: "Latest first" }) });
export type MeetingList = z.infer<typeof MeetingList>;

export const MeetingResult = z.object({ meeting: Meeting });
export type MeetingResult = z.infer<typeof MeetingResult>;

export const MeetingDetail = z.object({
  meeting: Meeting,
  previous: z
    .object({ id: Id, title: z.string(), startsAt: z.string() })
    .nullable()
    .meta({ description: "The meeting before it of the same kind and group" }),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const MeetingListQuery = z.object({
  fy: z.string().optional().meta({ description: "Only this 年度 (2023)" }),
});

const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/;

/** Is this a local date and time as the meeting form sends it (2023-05-25T14:00), on a real day? */
export function isLocalDateTime(v: string): boolean {
  const m = LOCAL_DATETIME.exec(v);
  return m !== null && new Date(`${m[1]}T00:00:00Z`).toISOString().slice(0, 10) === m[1];
}

const LocalDateTime = z
  .string({ error: "format" })
  .refine(isLocalDateTime, { error: "format" })
  .meta({ description: "Local date and time, 2023-05-25T14:00" });

/** An http(s) address of at most 500 characters, or "" for none. */
const WebUrl = z
  .string({ error: "format" })
  .trim()
  .refine(
    (v) => {
      if (v === "") return true;
      try {
        const u = new URL(v);
        return (u.protocol === "https:" || u.protocol === "http:") && v.length <= 500;
      } catch {
        return false;
      }
    },
    { error: "format" },
  );

/** The details people edit; an end before the start is refused. */
const details = {
  title: requiredText(MEETING_TITLE_MAX)
    .optional()
    .meta({ description: "Default: 令和5年度 第N回 <group or kind>" }),
  endsAt: z
    .union([LocalDateTime, z.literal(""), z.null()])
    .optional()
    .meta({ description: "Local date and time; null or empty for none" }),
  place: optionalText(MEETING_PLACE_MAX).optional(),
  onlineUrl: WebUrl.optional(),
  invitees: z
    .array(Id, { error: "invalid" })
    .max(MEETING_INVITEES_MAX, { error: "invalid" })
    .optional()
    .meta({ description: "User ids of members of the workspace" }),
};

function endsAfterStart(d: { startsAt?: string; endsAt?: string | null }, ctx: z.RefinementCtx) {
  if (d.startsAt && d.endsAt && d.endsAt < d.startsAt)
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "beforeStart" });
}

export const CreateMeeting = z
  .object({
    kind: oneOf(KINDS),
    groupId: z
      .string({ error: "unknown" })
      .regex(/^[a-z0-9]{8,40}$/, { error: "unknown" })
      .nullable()
      .optional(),
    startsAt: LocalDateTime,
    ...details,
  })
  .superRefine(endsAfterStart);
export type CreateMeeting = z.infer<typeof CreateMeeting>;

export const UpdateMeeting = z
  .object({ startsAt: LocalDateTime.optional(), ...details })
  .superRefine(endsAfterStart);
export type UpdateMeeting = z.infer<typeof UpdateMeeting>;

export const MoveMeeting = z.object({ state: oneOf(STATES) });
export type MoveMeeting = z.infer<typeof MoveMeeting>;

export const MoveMinutes = z.object({ state: oneOf(["circulating", "fixed"]) });
export type MoveMinutes = z.infer<typeof MoveMinutes>;

export const MeetingStats = z.object({
  stats: z.array(
    z.object({
      fiscalYear: z.number().int(),
      kind: z.enum(KINDS),
      held: z.number().int(),
      attended: z.number().int(),
    }),
  ),
});
export type MeetingStats = z.infer<typeof MeetingStats>;

export const DecisionQuery = z.object({
  q: z.string().optional().meta({ description: "Text the decisions contain" }),
});

export const DecisionList = z.object({
  decisions: z.array(
    z.object({
      meetingId: Id,
      id: z.string(),
      text: z.string(),
      meetingTitle: z.string(),
      startsAt: z.string(),
    }),
  ),
});
export type DecisionList = z.infer<typeof DecisionList>;

const PreviousMeeting = z.object({ id: Id, title: z.string(), startsAt: z.string() }).nullable();

export const MeetingPlanChanges = z.object({
  previous: PreviousMeeting,
  changes: z
    .array(z.record(z.string(), z.unknown()))
    .meta({ description: "The plan's changes since the previous meeting closed (domain diffPlans)" }),
});
/** The changes as the domain writes them (diffPlans), which the schema leaves open. */
export type MeetingPlanChanges = Omit<z.infer<typeof MeetingPlanChanges>, "changes"> & {
  changes: PlanRowChange[];
};

export const MeetingBacklog = z.object({
  previous: z.object({ id: Id, title: z.string() }).nullable(),
  items: z.array(z.record(z.string(), z.unknown())).meta({ description: "Agenda items not reached" }),
});
/** The items as the meeting document holds them (AgendaItem), which the schema leaves open. */
export type MeetingBacklog = Omit<z.infer<typeof MeetingBacklog>, "items"> & { items: AgendaItem[] };

/** A month (YYYY-MM) or a day (YYYY-MM-DD) of an action's period. */
const periodPoint = z
  .string()
  .refine(isPeriodPoint, { error: "format" })
  .meta({ description: "A month (YYYY-MM) or a day (YYYY-MM-DD)" });

export const OutcomeToAction = z.object({
  ownerGroupId: Id.nullable()
    .optional()
    .meta({ description: "The group in charge; the meeting's group when omitted or null" }),
  periodStart: periodPoint.optional().meta({ description: "The meeting's month when omitted" }),
  periodEnd: periodPoint.optional().meta({ description: "The end of the 年度 when omitted" }),
});
export type OutcomeToAction = z.input<typeof OutcomeToAction>;

export const OutcomeActionCreated = z.object({ actionId: z.string() });
export type OutcomeActionCreated = z.infer<typeof OutcomeActionCreated>;

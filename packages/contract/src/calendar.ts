/** A person's secret iCal feed of their meetings: /api/workspaces/{wid}/calendar-feed. */
import { CALENDAR_FEED_VERBS } from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Timestamp } from "./fields.js";

export const CalendarFeed = z
  .object({
    active: z.boolean().meta({ description: "The caller has a feed URL that works" }),
    createdAt: Timestamp.nullable().meta({ description: "When the working URL was made" }),
    abilities: abilities(CALENDAR_FEED_VERBS, "What the caller may do with their feed"),
  })
  .meta({ id: "CalendarFeed" });
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const CalendarFeedCreated = z.object({
  url: z.string().meta({ description: "The feed's URL (…/api/calendar/{token}.ics); shown once" }),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

export const CalendarFeedRevoked = z.object({ ok: z.literal(true) });
export type CalendarFeedRevoked = z.infer<typeof CalendarFeedRevoked>;

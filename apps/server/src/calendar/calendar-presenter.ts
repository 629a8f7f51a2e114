/**
 * Calendar feeds as the API answers them: whether the caller has one, the secret URL of a new
 * one (contract: CalendarFeed, CalendarFeedCreated), and the iCalendar text of a feed.
 */
import type { CalendarFeed, CalendarFeedCreated } from "@tsumugi/contract";
import { type Actor, abilitiesOf, type CalendarFeedResource } from "@tsumugi/domain";
import type { Config } from "../config.js";
import type { CalendarMeeting } from "../meetings/invitee-repository.js";
import { calendarText } from "./ical.js";

/** The feed of `userId` as the policy sees it (the routes act on the caller's own). */
export const calendarFeedResource = (userId: string): CalendarFeedResource => ({
  kind: "calendarFeed",
  userId,
});

/** The caller's feed: active since `createdAt`, or none; what they may do with it. */
export function presentCalendarFeed(actor: Actor, createdAt: number | undefined): CalendarFeed {
  return {
    active: createdAt !== undefined,
    createdAt: createdAt ?? null,
    abilities: abilitiesOf(actor, calendarFeedResource(actor.userId)),
  };
}

/** A new feed's secret URL (shown once; the token is not kept). */
export function presentCreatedFeed(config: Config, token: string): CalendarFeedCreated {
  return { url: `${config.publicUrl}/api/calendar/${token}.ics` };
}

/**
 * The feed's iCalendar text: one event per meeting, linking to its online meeting when it has
 * one (the meeting's page is then in the description), else to its page.
 */
export function presentCalendarText(
  config: Config,
  workspace: { name: string } | undefined,
  workspaceId: string,
  meetings: readonly CalendarMeeting[],
): string {
  const base = config.publicUrl;
  return calendarText(
    `紡ぎ ${workspace?.name ?? ""} 会議`,
    meetings.map((m) => ({
      uid: `${m.id}@tsumugi`,
      title: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      place: m.place,
      url: m.onlineUrl || `${base}/w/${workspaceId}/meetings/${m.id}`,
      description: m.onlineUrl ? `${base}/w/${workspaceId}/meetings/${m.id}` : "",
      updatedAt: m.updatedAt,
    })),
  );
}

/** The calendar feed API (server: apps/server/src/calendar), typed from @tsumugi/contract. */
import type { CalendarFeed, CalendarFeedCreated, CalendarFeedRevoked } from "@tsumugi/contract";
import { del, get, post } from "../api/client";

export function calendarApi(wid: string) {
  const base = `/api/workspaces/${wid}/calendar-feed`;
  return {
    get: () => get<CalendarFeed>(base),
    /** A new secret URL; the previous one stops working. */
    create: () => post<CalendarFeedCreated>(base, {}),
    revoke: () => del<CalendarFeedRevoked>(base),
  };
}

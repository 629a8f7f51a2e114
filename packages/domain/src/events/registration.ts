/**
 * Whether the public form takes a registration now: the organiser opened it, it is before
 * the closing time they set (or before the event starts), the event is neither cancelled nor
 * held, and — when the event is full without a waiting list — there is a place.
 */
import { japanDateTime } from "../dates.js";
import type { EventStatus } from "./vocabulary.js";

export const REGISTRATION_STATES = [
  /** The form takes registrations (a place is free). */
  "open",
  /** Every place is taken: the form puts people on the waiting list. */
  "waitingList",
  /** The organiser has not opened it (or closed it by hand). */
  "notOpen",
  /** The closing date the organiser set has passed. */
  "closedByDate",
  /** The event has started (or is over). */
  "started",
  "cancelled",
  /** Every place is taken and the event keeps no waiting list. */
  "full",
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export interface RegistrationFacts {
  status: EventStatus;
  registrationOpen: boolean;
  /** Local date-time in Japan, "2023-05-20T17:00", or null. */
  registrationClosesAt: string | null;
  startsAt: string;
  capacity: number | null;
  waitingList: boolean;
  /** Registered (not waiting, not cancelled) people. */
  registered: number;
}

/** Japan's local date-time now, "2023-05-20T16:59". */
export function japanLocalDateTime(now: number = Date.now()): string {
  const { date, time } = japanDateTime(now);
  return `${date}T${time}`;
}

export function registrationState(e: RegistrationFacts, now: number = Date.now()): RegistrationState {
  if (e.status === "cancelled") return "cancelled";
  const local = japanLocalDateTime(now);
  if (e.status === "held" || local >= e.startsAt) return "started";
  if (!e.registrationOpen) return "notOpen";
  if (e.registrationClosesAt !== null && local >= e.registrationClosesAt) return "closedByDate";
  if (e.capacity !== null && e.registered >= e.capacity) return e.waitingList ? "waitingList" : "full";
  return "open";
}

/** Does the form take a registration in this state (a place or the waiting list)? */
export const takesRegistrations = (s: RegistrationState): boolean => s === "open" || s === "waitingList";

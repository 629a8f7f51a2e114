/**
 * The shapes of an event as the events' repositories read and write it: the record, the view
 * every answer shows (host, co-hosts, counts), and the mapping between `events` rows and records.
 */
import type { EventAudience, EventKind, EventStatus } from "@tsumugi/domain";

export interface EventRecord {
  id: string;
  workspaceId: string;
  seriesId: string | null;
  kind: EventKind;
  title: string;
  theme: string;
  startsAt: string;
  endsAt: string | null;
  fiscalYear: number;
  place: string;
  onlineUrl: string;
  capacity: number | null;
  waitingList: boolean;
  audience: EventAudience;
  audienceNote: string;
  organiserNote: string;
  contact: string;
  actionIds: string[];
  scheduleRowId: string | null;
  meetingId: string | null;
  status: EventStatus;
  registrationOpen: boolean;
  /** Local date-time in Japan the public form closes at; null: when the event starts. */
  registrationClosesAt: string | null;
  published: boolean;
  publicId: string;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  organiserGroupIds: string[];
  /** Made up by the demo: screens and papers mark it 「デモ用の例」. */
  demo: boolean;
}

export interface MunicipalityRecord {
  workspaceId: string;
  name: string;
  prefecture: string;
  lgCode: string;
}

export interface EventCounts {
  registered: number;
  waitlisted: number;
  attended: number;
  walkIns: number;
}

/** An event with what every answer about it shows: who hosts it, with whom, and its counts. */
export interface EventView extends EventRecord {
  host: MunicipalityRecord;
  cohosts: MunicipalityRecord[];
  requestId: string | null;
  counts: EventCounts;
}

export interface NewEvent extends Omit<EventRecord, "organiserGroupIds" | "demo"> {
  /** Only the demo seed makes events marked 「デモ用の例」. */
  demo?: boolean;
}

export const EVENT_COLUMNS = [
  "e.id",
  "e.workspace_id",
  "e.series_id",
  "e.kind",
  "e.title",
  "e.theme",
  "e.starts_at",
  "e.ends_at",
  "e.fiscal_year",
  "e.place",
  "e.online_url",
  "e.capacity",
  "e.waiting_list",
  "e.audience",
  "e.audience_note",
  "e.organiser_note",
  "e.contact",
  "e.action_ids",
  "e.schedule_row_id",
  "e.meeting_id",
  "e.status",
  "e.registration_open",
  "e.registration_closes_at",
  "e.published",
  "e.public_id",
  "e.created_by",
  "e.created_at",
  "e.updated_at",
  "e.demo",
] as const;

export type EventRow = {
  id: string;
  workspace_id: string;
  series_id: string | null;
  kind: string;
  title: string;
  theme: string;
  starts_at: string;
  ends_at: string | null;
  fiscal_year: number;
  place: string;
  online_url: string;
  capacity: number | null;
  waiting_list: number;
  audience: string;
  audience_note: string;
  organiser_note: string;
  contact: string;
  action_ids: string;
  schedule_row_id: string | null;
  meeting_id: string | null;
  status: string;
  registration_open: number;
  registration_closes_at: string | null;
  published: number;
  public_id: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  demo: number;
};

function parseIds(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function toRecord(r: EventRow, organiserGroupIds: string[]): EventRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    seriesId: r.series_id,
    kind: r.kind as EventKind,
    title: r.title,
    theme: r.theme,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    fiscalYear: r.fiscal_year,
    place: r.place,
    onlineUrl: r.online_url,
    capacity: r.capacity,
    waitingList: r.waiting_list === 1,
    audience: r.audience as EventAudience,
    audienceNote: r.audience_note,
    organiserNote: r.organiser_note,
    contact: r.contact,
    actionIds: parseIds(r.action_ids),
    scheduleRowId: r.schedule_row_id,
    meetingId: r.meeting_id,
    status: r.status as EventStatus,
    registrationOpen: r.registration_open === 1,
    registrationClosesAt: r.registration_closes_at,
    published: r.published === 1,
    publicId: r.public_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    organiserGroupIds,
    demo: r.demo === 1,
  };
}

/** The columns an event's form sets, shared by insert and update. */
export function editableColumns(e: EventRecord | NewEvent) {
  return {
    series_id: e.seriesId,
    kind: e.kind,
    title: e.title,
    theme: e.theme,
    starts_at: e.startsAt,
    ends_at: e.endsAt,
    fiscal_year: e.fiscalYear,
    place: e.place,
    online_url: e.onlineUrl,
    capacity: e.capacity,
    waiting_list: e.waitingList ? 1 : 0,
    audience: e.audience,
    audience_note: e.audienceNote,
    organiser_note: e.organiserNote,
    contact: e.contact,
    action_ids: JSON.stringify(e.actionIds),
    schedule_row_id: e.scheduleRowId,
    status: e.status,
    registration_open: e.registrationOpen ? 1 : 0,
    registration_closes_at: e.registrationClosesAt,
    published: e.published ? 1 : 0,
    updated_at: e.updatedAt,
  };
}

/**
 * All SQL on `events`, `event_series`, `event_organisers` and `event_cohosts`. Other features
 * (the schedule, indicators, public pages) read events through these functions.
 */
import {
  type EventAudience,
  type EventKind,
  type EventStatus,
  eventItem,
  isEventKind,
} from "@tsumugi/domain";
import { sql } from "kysely";
import type { QueryBuilder } from "../storage/query-builder.js";
import { findWorkspaceByLgCode } from "../workspaces/workspace-repository.js";

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

export interface SeriesRecord {
  id: string;
  workspaceId: string;
  name: string;
  kind: EventKind;
  description: string;
  createdAt: number;
  events: number;
  /** Made up by the demo (「デモ用の例」). */
  demo: boolean;
}

const EVENT_COLUMNS = [
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

type EventRow = {
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

function toRecord(r: EventRow, organiserGroupIds: string[]): EventRecord {
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

/** The events `workspaceId` sees: its own and those it co-hosts. */
function eventsSeenBy(q: QueryBuilder, workspaceId: string) {
  return q
    .selectFrom("events as e")
    .select(EVENT_COLUMNS)
    .where((eb) =>
      eb.or([
        eb("e.workspace_id", "=", workspaceId),
        eb(
          "e.id",
          "in",
          eb.selectFrom("event_cohosts").select("event_id").where("workspace_id", "=", workspaceId),
        ),
      ]),
    );
}

/** Events hosted by the workspace or co-hosted with it, newest first; optionally of one 年度 or series. */
export async function listEventViews(
  q: QueryBuilder,
  workspaceId: string,
  filter: { fiscalYear?: number; seriesId?: string } = {},
): Promise<EventView[]> {
  let query = eventsSeenBy(q, workspaceId);
  if (filter.fiscalYear !== undefined) query = query.where("e.fiscal_year", "=", filter.fiscalYear);
  if (filter.seriesId !== undefined) query = query.where("e.series_id", "=", filter.seriesId);
  const rows = await query.orderBy("e.starts_at", "desc").orderBy("e.id").execute();
  return views(q, rows);
}

/** One event as seen from `workspaceId`: its own, or one it co-hosts. */
export async function findEventView(
  q: QueryBuilder,
  workspaceId: string,
  eventId: string,
): Promise<EventView | undefined> {
  const row = await eventsSeenBy(q, workspaceId).where("e.id", "=", eventId).executeTakeFirst();
  if (!row) return undefined;
  return (await views(q, [row]))[0];
}

/** The event by its public id (announcement page), with its host. */
export async function findEventByPublicId(
  q: QueryBuilder,
  lgCode: string,
  publicId: string,
): Promise<EventView | undefined> {
  const row = await q
    .selectFrom("events as e")
    .innerJoin("workspaces as w", "w.id", "e.workspace_id")
    .select(EVENT_COLUMNS)
    .where("e.public_id", "=", publicId)
    .where("w.lg_code", "=", lgCode)
    .executeTakeFirst();
  if (!row) return undefined;
  return (await views(q, [row]))[0];
}

/** Published events of a municipality (hosted or co-hosted) from `fromDate` on, soonest first. */
export async function publishedEvents(
  q: QueryBuilder,
  workspaceId: string,
  fromDate: string,
): Promise<EventView[]> {
  const rows = await eventsSeenBy(q, workspaceId)
    .where("e.published", "=", 1)
    .where("e.status", "!=", "cancelled")
    .where("e.starts_at", ">=", fromDate)
    .orderBy("e.starts_at")
    .limit(100)
    .execute();
  return views(q, rows);
}

async function views(q: QueryBuilder, rows: EventRow[]): Promise<EventView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const workspaceIds = [...new Set(rows.map((r) => r.workspace_id))];
  const [organisers, cohosts, hosts, counts, requests] = await Promise.all([
    q.selectFrom("event_organisers").select(["event_id", "group_id"]).where("event_id", "in", ids).execute(),
    q
      .selectFrom("event_cohosts as c")
      .innerJoin("workspaces as w", "w.id", "c.workspace_id")
      .select(["c.event_id", "w.id", "w.name", "w.prefecture", "w.lg_code"])
      .where("c.event_id", "in", ids)
      .orderBy("c.added_at")
      .execute(),
    q
      .selectFrom("workspaces")
      .select(["id", "name", "prefecture", "lg_code"])
      .where("id", "in", workspaceIds)
      .execute(),
    countsOf(q, ids),
    q.selectFrom("event_requests").select(["id", "event_id"]).where("event_id", "in", ids).execute(),
  ]);
  const municipality = (w: { id: string; name: string; prefecture: string; lg_code: string }) => ({
    workspaceId: w.id,
    name: w.name,
    prefecture: w.prefecture,
    lgCode: w.lg_code,
  });
  return rows.map((r) => {
    const host = hosts.find((w) => w.id === r.workspace_id);
    return {
      ...toRecord(
        r,
        organisers.filter((o) => o.event_id === r.id).map((o) => o.group_id),
      ),
      host: host ? municipality(host) : { workspaceId: r.workspace_id, name: "", prefecture: "", lgCode: "" },
      cohosts: cohosts.filter((c) => c.event_id === r.id).map(municipality),
      requestId: requests.find((x) => x.event_id === r.id)?.id ?? null,
      counts: counts.get(r.id) ?? { registered: 0, waitlisted: 0, attended: 0, walkIns: 0 },
    };
  });
}

/** Registered, waiting, attended (checked in or walked in) and walk-ins, per event. */
export async function countsOf(
  q: QueryBuilder,
  eventIds: readonly string[],
): Promise<Map<string, EventCounts>> {
  if (eventIds.length === 0) return new Map();
  const rows = await q
    .selectFrom("event_participants")
    .select([
      "event_id",
      sql<number>`SUM(CASE WHEN walk_in = 0 AND status = 'registered' THEN 1 ELSE 0 END)`.as("registered"),
      sql<number>`SUM(CASE WHEN walk_in = 0 AND status = 'waitlisted' THEN 1 ELSE 0 END)`.as("waitlisted"),
      sql<number>`SUM(CASE WHEN walk_in = 1 THEN headcount WHEN status = 'registered' AND checked_in_at IS NOT NULL THEN 1 ELSE 0 END)`.as(
        "attended",
      ),
      sql<number>`SUM(CASE WHEN walk_in = 1 THEN headcount ELSE 0 END)`.as("walk_ins"),
    ])
    .where("event_id", "in", eventIds)
    .groupBy("event_id")
    .execute();
  return new Map(
    rows.map((r) => [
      r.event_id,
      {
        registered: Number(r.registered),
        waitlisted: Number(r.waitlisted),
        attended: Number(r.attended),
        walkIns: Number(r.walk_ins),
      },
    ]),
  );
}

export interface NewEvent extends Omit<EventRecord, "organiserGroupIds" | "demo"> {
  /** Only the demo seed makes events marked 「デモ用の例」. */
  demo?: boolean;
}

/** The columns an event's form sets, shared by insert and update. */
function editableColumns(e: EventRecord | NewEvent) {
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

export async function insertEvent(
  q: QueryBuilder,
  e: NewEvent,
  organiserGroupIds: readonly string[],
): Promise<void> {
  await q
    .insertInto("events")
    .values({
      ...editableColumns(e),
      id: e.id,
      workspace_id: e.workspaceId,
      meeting_id: e.meetingId,
      public_id: e.publicId,
      created_by: e.createdBy,
      created_at: e.createdAt,
      demo: e.demo ? 1 : 0,
    })
    .execute();
  await setOrganisers(q, e.id, organiserGroupIds);
}

export async function updateEvent(q: QueryBuilder, e: EventRecord): Promise<void> {
  await q.updateTable("events").set(editableColumns(e)).where("id", "=", e.id).execute();
  await setOrganisers(q, e.id, e.organiserGroupIds);
}

async function setOrganisers(q: QueryBuilder, eventId: string, groupIds: readonly string[]): Promise<void> {
  await q.deleteFrom("event_organisers").where("event_id", "=", eventId).execute();
  if (groupIds.length > 0)
    await q
      .insertInto("event_organisers")
      .values([...new Set(groupIds)].map((g) => ({ event_id: eventId, group_id: g })))
      .execute();
}

export async function deleteEvent(q: QueryBuilder, eventId: string): Promise<void> {
  await q.deleteFrom("events").where("id", "=", eventId).execute();
}

/** How many people registered or walked in, and answers given: an event with any is kept. */
export async function eventHasRecords(q: QueryBuilder, eventId: string): Promise<boolean> {
  const p = await q
    .selectFrom("event_participants")
    .select("id")
    .where("event_id", "=", eventId)
    .limit(1)
    .executeTakeFirst();
  if (p) return true;
  const a = await q
    .selectFrom("questionnaire_answers")
    .select("id")
    .where("event_id", "=", eventId)
    .limit(1)
    .executeTakeFirst();
  return a !== undefined;
}

/** Which of `groupIds` are groups of the workspace. */
export async function groupsOfWorkspace(
  q: QueryBuilder,
  workspaceId: string,
  groupIds: readonly string[],
): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const rows = await q
    .selectFrom("groups")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", groupIds)
    .execute();
  return rows.map((r) => r.id);
}

/* ───────────── series ───────────── */

export async function listSeries(q: QueryBuilder, workspaceId: string): Promise<SeriesRecord[]> {
  const rows = await q
    .selectFrom("event_series as s")
    .leftJoin("events as e", "e.series_id", "s.id")
    .select([
      "s.id",
      "s.workspace_id",
      "s.name",
      "s.kind",
      "s.description",
      "s.created_at",
      "s.demo",
      sql<number>`COUNT(e.id)`.as("events"),
    ])
    .where("s.workspace_id", "=", workspaceId)
    .groupBy(["s.id", "s.workspace_id", "s.name", "s.kind", "s.description", "s.created_at", "s.demo"])
    .orderBy("s.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    kind: r.kind as EventKind,
    description: r.description,
    createdAt: r.created_at,
    events: Number(r.events),
    demo: r.demo === 1,
  }));
}

export async function findSeries(
  q: QueryBuilder,
  workspaceId: string,
  seriesId: string,
): Promise<SeriesRecord | undefined> {
  return (await listSeries(q, workspaceId)).find((s) => s.id === seriesId);
}

/** Inserts the series; false when the workspace already has one of that name. */
export async function insertSeries(
  q: QueryBuilder,
  s: Omit<SeriesRecord, "events" | "demo"> & { demo?: boolean },
): Promise<boolean> {
  const result = await q
    .insertInto("event_series")
    .values({
      id: s.id,
      workspace_id: s.workspaceId,
      name: s.name,
      kind: s.kind,
      description: s.description,
      created_at: s.createdAt,
      demo: s.demo ? 1 : 0,
    })
    .onConflict((oc) => oc.columns(["workspace_id", "name"]).doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

export async function updateSeries(
  q: QueryBuilder,
  seriesId: string,
  fields: { name: string; kind: EventKind; description: string },
): Promise<void> {
  await q.updateTable("event_series").set(fields).where("id", "=", seriesId).execute();
}

/* ───────────── co-hosts ───────────── */

/** Municipalities sharing an active region group with the workspace (whom it may co-host with). */
export async function cohostCandidates(q: QueryBuilder, workspaceId: string): Promise<MunicipalityRecord[]> {
  const rows = await q
    .selectFrom("region_group_members as mine")
    .innerJoin("region_group_members as other", "other.group_id", "mine.group_id")
    .innerJoin("workspaces as w", "w.id", "other.workspace_id")
    .select(["w.id", "w.name", "w.prefecture", "w.lg_code"])
    .distinct()
    .where("mine.workspace_id", "=", workspaceId)
    .where("mine.status", "=", "active")
    .where("other.status", "=", "active")
    .where("other.workspace_id", "!=", workspaceId)
    .orderBy("w.lg_code")
    .execute();
  return rows.map((w) => ({ workspaceId: w.id, name: w.name, prefecture: w.prefecture, lgCode: w.lg_code }));
}

/** Adds the co-host; false when it already was one. */
export async function addCohost(
  q: QueryBuilder,
  eventId: string,
  workspaceId: string,
  at: number,
): Promise<boolean> {
  const r = await q
    .insertInto("event_cohosts")
    .values({ event_id: eventId, workspace_id: workspaceId, added_at: at })
    .onConflict((oc) => oc.columns(["event_id", "workspace_id"]).doNothing())
    .executeTakeFirst();
  return r.numInsertedOrUpdatedRows === 1n;
}

export async function removeCohost(q: QueryBuilder, eventId: string, workspaceId: string): Promise<boolean> {
  const r = await q
    .deleteFrom("event_cohosts")
    .where("event_id", "=", eventId)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return r.numDeletedRows === 1n;
}

/** The workspace by its local government code (public pages), read through the workspaces' repository. */
export async function workspaceByLgCode(
  q: QueryBuilder,
  lgCode: string,
): Promise<MunicipalityRecord | undefined> {
  const w = await findWorkspaceByLgCode(q, lgCode);
  return w && { workspaceId: w.id, name: w.name, prefecture: w.prefecture, lgCode: w.lgCode };
}

/**
 * People who attended the workspace's events held, per 年度 and item of the program: (カ)
 * trainings for professionals ("f") and (キ) outreach to residents ("g"). Co-hosted events
 * count for their host only. Registered people count once checked in; counts at the door count
 * with their headcount.
 */
export async function attendedByYearAndItem(
  q: QueryBuilder,
  workspaceId: string,
): Promise<{ fiscalYear: number; item: "f" | "g"; held: number; attended: number }[]> {
  const rows = await q
    .selectFrom("events as e")
    .select([
      "e.fiscal_year",
      "e.kind",
      "e.audience",
      (eb) =>
        eb
          .selectFrom("event_participants as p")
          .select((p) => p.fn.sum<number | null>("p.headcount").as("n"))
          .whereRef("p.event_id", "=", "e.id")
          .where("p.status", "=", "registered")
          .where((p) => p.or([p("p.walk_in", "=", 1), p("p.checked_in_at", "is not", null)]))
          .as("attended"),
    ])
    .where("e.workspace_id", "=", workspaceId)
    .where("e.status", "=", "held")
    .execute();
  const out = new Map<string, { fiscalYear: number; item: "f" | "g"; held: number; attended: number }>();
  for (const r of rows) {
    if (!isEventKind(r.kind)) continue;
    const item = eventItem(r.kind, r.audience as EventAudience);
    if (item === null) continue;
    const key = `${r.fiscal_year}|${item}`;
    const row = out.get(key) ?? { fiscalYear: r.fiscal_year, item, held: 0, attended: 0 };
    row.held += 1;
    row.attended += Number(r.attended ?? 0);
    out.set(key, row);
  }
  return [...out.values()].sort((a, b) => a.fiscalYear - b.fiscalYear || a.item.localeCompare(b.item));
}

/**
 * All SQL on `events` and `event_organisers`: the events a workspace sees (its own and those it
 * co-hosts), a published event by its address, and the writes of the event's form. Other
 * features (the schedule, indicators, public pages) read events through these functions; the
 * series, co-hosts and attendance counts have repositories of their own.
 */
import type { QueryBuilder } from "../storage/query-builder.js";
import { countsOf } from "./attendance-repository.js";
import {
  EVENT_COLUMNS,
  type EventRecord,
  type EventRow,
  type EventView,
  editableColumns,
  type NewEvent,
  toRecord,
} from "./event-rows.js";

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

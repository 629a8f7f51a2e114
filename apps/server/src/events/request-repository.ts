/**
 * All SQL on `event_requests`: 出前講座 requests from residents' groups (the contact person
 * sealed by the caller), their status and the lecture made from them, and erasure of the
 * contact after the retention period.
 */
import type { RequestStatus } from "@tsumugi/domain";
import type { Selectable } from "kysely";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { EventRequestsTable } from "../storage/schema.js";

export interface WishedDateRecord {
  date: string;
  slot: "am" | "pm" | "evening" | "any";
}

export interface RequestRecord {
  id: string;
  workspaceId: string;
  number: number;
  groupName: string;
  topic: string;
  wishedDates: WishedDateRecord[];
  people: number | null;
  place: string;
  /** Sealed contact name, contact and message; null once erased. */
  personal: string | null;
  personalKeyId: string | null;
  status: RequestStatus;
  note: string;
  eventId: string | null;
  receivedAt: number;
  updatedAt: number;
  erasedAt: number | null;
}

/** The request with the lecture made from it (title, date, state), as the list shows it. */
export interface RequestView extends RequestRecord {
  event: { id: string; title: string; startsAt: string; status: "planned" | "held" | "cancelled" } | null;
}

type Row = Selectable<EventRequestsTable>;

function parseDates(text: string): WishedDateRecord[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as WishedDateRecord[]) : [];
  } catch {
    return [];
  }
}

const toRecord = (r: Row): RequestRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  number: Number(r.number),
  groupName: r.group_name,
  topic: r.topic,
  wishedDates: parseDates(r.wished_dates),
  people: r.people === null ? null : Number(r.people),
  place: r.place,
  personal: r.personal,
  personalKeyId: r.personal_key_id,
  status: r.status as RequestStatus,
  note: r.note,
  eventId: r.event_id,
  receivedAt: Number(r.received_at),
  updatedAt: Number(r.updated_at),
  erasedAt: r.erased_at === null ? null : Number(r.erased_at),
});

const COLUMNS = [
  "r.id",
  "r.workspace_id",
  "r.number",
  "r.group_name",
  "r.topic",
  "r.wished_dates",
  "r.people",
  "r.place",
  "r.personal",
  "r.personal_key_id",
  "r.status",
  "r.note",
  "r.event_id",
  "r.received_at",
  "r.updated_at",
  "r.erased_at",
] as const;

function viewQuery(db: QueryBuilder) {
  return db
    .selectFrom("event_requests as r")
    .leftJoin("events as e", "e.id", "r.event_id")
    .select([
      ...COLUMNS,
      "e.title as event_title",
      "e.starts_at as event_starts_at",
      "e.status as event_status",
    ]);
}

type ViewRow = Row & {
  event_title: string | null;
  event_starts_at: string | null;
  event_status: string | null;
};

const toView = (r: ViewRow): RequestView => ({
  ...toRecord(r),
  event:
    r.event_id && r.event_title !== null
      ? {
          id: r.event_id,
          title: r.event_title,
          startsAt: r.event_starts_at ?? "",
          status: (r.event_status ?? "planned") as "planned" | "held" | "cancelled",
        }
      : null,
});

/** The workspace's requests, newest first. */
export async function listRequests(db: QueryBuilder, workspaceId: string): Promise<RequestView[]> {
  const rows = await viewQuery(db)
    .where("r.workspace_id", "=", workspaceId)
    .orderBy("r.number", "desc")
    .execute();
  return rows.map((r) => toView(r as ViewRow));
}

export async function findRequest(
  db: QueryBuilder,
  workspaceId: string,
  id: string,
): Promise<RequestView | undefined> {
  const row = await viewQuery(db)
    .where("r.workspace_id", "=", workspaceId)
    .where("r.id", "=", id)
    .executeTakeFirst();
  return row && toView(row as ViewRow);
}

/** The next 受付番号 of the workspace (read inside the transaction that inserts it). */
export async function nextRequestNumber(db: QueryBuilder, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom("event_requests")
    .select((eb) => eb.fn.max("number").as("last"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertRequest(db: QueryBuilder, r: RequestRecord): Promise<void> {
  await db
    .insertInto("event_requests")
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      number: r.number,
      group_name: r.groupName,
      topic: r.topic,
      wished_dates: JSON.stringify(r.wishedDates),
      people: r.people,
      place: r.place,
      personal: r.personal,
      personal_key_id: r.personalKeyId,
      status: r.status,
      note: r.note,
      event_id: r.eventId,
      received_at: r.receivedAt,
      updated_at: r.updatedAt,
      erased_at: r.erasedAt,
    })
    .execute();
}

export async function updateRequest(
  db: QueryBuilder,
  id: string,
  change: { status?: RequestStatus; note?: string; eventId?: string },
  now: number,
): Promise<void> {
  await db
    .updateTable("event_requests")
    .set({
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      ...(change.eventId !== undefined ? { event_id: change.eventId } : {}),
      updated_at: now,
    })
    .where("id", "=", id)
    .execute();
}

/** The request a lecture was made from (to mark it 実施済 when the lecture is held). */
export async function requestOfEvent(db: QueryBuilder, eventId: string): Promise<RequestRecord | undefined> {
  const row = await db
    .selectFrom("event_requests as r")
    .select(COLUMNS)
    .where("r.event_id", "=", eventId)
    .executeTakeFirst();
  return row && toRecord(row as Row);
}

/**
 * Erases the contact (name, phone or e-mail, message) of requests whose lecture began before
 * `beforeDate` (YYYY-MM-DD), and of those closed (実施済, お断り) without a lecture and last
 * changed before `beforeMs`. The request itself stays (group, topic, status: the counts).
 */
export async function eraseRequestsBefore(
  db: QueryBuilder,
  beforeDate: string,
  beforeMs: number,
  now: number,
): Promise<{ workspaceId: string; number: number }[]> {
  const rows = await db
    .selectFrom("event_requests as r")
    .leftJoin("events as e", "e.id", "r.event_id")
    .select(["r.id", "r.workspace_id", "r.number"])
    .where("r.erased_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("r.event_id", "is not", null), eb("e.starts_at", "<", beforeDate)]),
        eb.and([
          eb("r.event_id", "is", null),
          eb("r.status", "in", ["done", "declined"]),
          eb("r.updated_at", "<", beforeMs),
        ]),
      ]),
    )
    .execute();
  if (rows.length === 0) return [];
  await db
    .updateTable("event_requests")
    .set({ personal: null, personal_key_id: null, erased_at: now })
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, number: Number(r.number) }));
}

/** Rows sealed with a key other than the current one (re-sealed after a key rotation). */
export async function requestsSealedWithOtherKeys(
  db: QueryBuilder,
  currentKeyId: string,
  limit: number,
): Promise<{ id: string; personal: string }[]> {
  const rows = await db
    .selectFrom("event_requests")
    .select(["id", "personal"])
    .where("personal", "is not", null)
    .where((eb) => eb.or([eb("personal_key_id", "is", null), eb("personal_key_id", "!=", currentKeyId)]))
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, personal: r.personal as string }));
}

export async function resealRequest(
  db: QueryBuilder,
  id: string,
  was: string,
  sealed: { text: string; keyId: string },
): Promise<boolean> {
  const res = await db
    .updateTable("event_requests")
    .set({ personal: sealed.text, personal_key_id: sealed.keyId })
    .where("id", "=", id)
    .where("personal", "=", was)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The keys request contacts are sealed with (each must be held for the server to start). */
export async function requestKeyIds(q: QueryBuilder): Promise<string[]> {
  const rows = await q
    .selectFrom("event_requests")
    .select("personal_key_id")
    .distinct()
    .where("personal_key_id", "is not", null)
    .execute();
  return rows.map((r) => r.personal_key_id as string);
}

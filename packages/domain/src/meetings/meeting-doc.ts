/**
 * A meeting's live document: the minutes (rich text in the shared `content` fragment), the
 * agenda, attendance and outcomes, all co-edited while the meeting runs. Agenda items and
 * outcomes are collab tables (rows by id, fractional order, text fields as Y.Text).
 */
import type * as Y from "yjs";
import {
  insertRecord,
  readRecords,
  recordText,
  setRecordField,
  type TableShape,
  tableOf,
} from "../collab-table.js";
import { isId } from "../documents.js";
import { isOrderKey } from "../plan/order-key.js";
import { PRESENTER_MAX, TEXT_MAX, TITLE_MAX } from "../text-limits.js";
import {
  type AgendaState,
  type Attendance,
  isAgendaState,
  isAttendance,
  isMeetingState,
  isMinutesState,
  isOutcomeType,
  type MeetingState,
  type MinutesState,
  type OutcomeType,
} from "./vocabulary.js";

export { MEETING_PLACE_MAX, MEETING_TITLE_MAX, PRESENTER_MAX } from "../text-limits.js";

/**
 * The longest texts of an agenda item and an outcome. Reading keeps longer ones (nothing
 * disappears); the inputs stop at these and say so.
 */
export const MEETING_TEXT_LIMITS = {
  agenda: { title: TITLE_MAX, notes: TEXT_MAX, presenter: PRESENTER_MAX },
  outcomes: { text: TEXT_MAX },
} as const;

export const MEETING_TABLES = {
  agenda: { textFields: ["title", "notes"] },
  outcomes: { textFields: ["text"] },
} as const satisfies Record<string, TableShape>;
export type MeetingTable = keyof typeof MEETING_TABLES;

/** A plan row an agenda item is about (the committee edits it from the agenda). */
export interface PlanLink {
  table: "problems" | "actions";
  id: string;
}

export interface AgendaItem {
  id: string;
  order: string;
  title: string;
  notes: string;
  /** Planned minutes. */
  minutes: number;
  presenter: string;
  planLinks: PlanLink[];
  state: AgendaState;
  /** Set when the item was carried over from an earlier meeting's backlog. */
  carriedFrom: { meetingId: string; itemId: string } | null;
}

export interface Outcome {
  id: string;
  order: string;
  type: OutcomeType;
  text: string;
  agendaItemId: string | null;
  /** For 取組: the plan action it created or links. */
  actionId: string | null;
}

export interface MeetingLive {
  currentItemId: string | null;
  /** When the current item started (ms since epoch), for its timer. */
  currentStartedAt: number | null;
}

const isPlanLink = (v: unknown): v is PlanLink =>
  typeof v === "object" &&
  v !== null &&
  ((v as PlanLink).table === "problems" || (v as PlanLink).table === "actions") &&
  isId((v as PlanLink).id);

export function parseAgendaItem(raw: Record<string, unknown>): AgendaItem | null {
  if (!isId(raw.id) || !isOrderKey(raw.order)) return null;
  const minutes = raw.minutes;
  const carried = raw.carriedFrom as AgendaItem["carriedFrom"] | undefined;
  return {
    id: raw.id,
    order: raw.order,
    title: typeof raw.title === "string" ? raw.title : "",
    notes: typeof raw.notes === "string" ? raw.notes : "",
    minutes:
      typeof minutes === "number" && Number.isInteger(minutes) && minutes >= 0 && minutes <= 600
        ? minutes
        : 0,
    presenter: typeof raw.presenter === "string" ? raw.presenter.slice(0, PRESENTER_MAX) : "",
    planLinks: Array.isArray(raw.planLinks) ? raw.planLinks.filter(isPlanLink) : [],
    state: isAgendaState(raw.state) ? raw.state : "pending",
    carriedFrom: carried && isId(carried.meetingId) && isId(carried.itemId) ? carried : null,
  };
}

export function parseOutcome(raw: Record<string, unknown>): Outcome | null {
  if (!isId(raw.id) || !isOrderKey(raw.order) || !isOutcomeType(raw.type)) return null;
  return {
    id: raw.id,
    order: raw.order,
    type: raw.type,
    text: typeof raw.text === "string" ? raw.text : "",
    agendaItemId: isId(raw.agendaItemId) ? raw.agendaItemId : null,
    actionId: isId(raw.actionId) ? raw.actionId : null,
  };
}

export function readAgenda(doc: Y.Doc): AgendaItem[] {
  return readRecords(doc, "agenda").flatMap((r) => parseAgendaItem(r) ?? []);
}

export function readOutcomes(doc: Y.Doc): Outcome[] {
  return readRecords(doc, "outcomes").flatMap((r) => parseOutcome(r) ?? []);
}

export function readAttendance(doc: Y.Doc): Map<string, Attendance> {
  const out = new Map<string, Attendance>();
  for (const [userId, value] of doc.getMap("attendance")) if (isAttendance(value)) out.set(userId, value);
  return out;
}

export function setAttendance(doc: Y.Doc, userId: string, value: Attendance): void {
  doc.getMap("attendance").set(userId, value);
}

export function readLive(doc: Y.Doc): MeetingLive {
  const live = doc.getMap("live");
  const id = live.get("currentItemId");
  const at = live.get("currentStartedAt");
  return { currentItemId: isId(id) ? id : null, currentStartedAt: typeof at === "number" ? at : null };
}

/**
 * The meeting's state and its minutes' state, written by the server (collab.mutate) at each
 * transition, so every open page learns of 会議を開始, 終了 or 確認依頼 without a reload. SQL
 * stays the record; a page takes a change here as the cue to ask the server again.
 */
export interface MeetingStatus {
  state: MeetingState;
  minutesState: MinutesState;
}

export function readMeetingStatus(doc: Y.Doc): MeetingStatus | null {
  const status = doc.getMap("status");
  const state = status.get("state");
  const minutesState = status.get("minutesState");
  return isMeetingState(state) && isMinutesState(minutesState) ? { state, minutesState } : null;
}

export function writeMeetingStatus(doc: Y.Doc, status: MeetingStatus): void {
  doc.transact(() => {
    const map = doc.getMap("status");
    if (map.get("state") !== status.state) map.set("state", status.state);
    if (map.get("minutesState") !== status.minutesState) map.set("minutesState", status.minutesState);
  });
}

/** Makes an agenda item the current one and starts its timer. */
export function startAgendaItem(doc: Y.Doc, itemId: string | null, now: number): void {
  doc.transact(() => {
    const live = doc.getMap("live");
    live.set("currentItemId", itemId);
    live.set("currentStartedAt", itemId ? now : null);
  });
}

export function insertMeetingRow<R extends { id: string }>(doc: Y.Doc, table: MeetingTable, row: R): void {
  insertRecord(doc, table, row, MEETING_TABLES[table]);
}

export function setMeetingField(
  doc: Y.Doc,
  table: MeetingTable,
  id: string,
  field: string,
  value: unknown,
): boolean {
  return setRecordField(doc, table, id, field, value, MEETING_TABLES[table]);
}

export function meetingText(doc: Y.Doc, table: MeetingTable, id: string, field: string): Y.Text | null {
  return recordText(doc, table, id, field);
}

export function deleteMeetingRow(doc: Y.Doc, table: MeetingTable, id: string): void {
  tableOf(doc, table).delete(id);
}

/** Agenda items not reached (still 未了 or marked 次回へ) when the meeting closed. */
export function backlogOf(agenda: readonly AgendaItem[]): AgendaItem[] {
  return agenda.filter((a) => a.state !== "done");
}

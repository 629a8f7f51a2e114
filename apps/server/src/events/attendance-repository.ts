/**
 * People at events, counted from `event_participants`: per event (registered, waiting,
 * attended, walk-ins) for every answer about an event, and per 年度 and item of the program
 * for the indicators.
 */
import { type EventAudience, eventItem, isEventKind } from "@tsumugi/domain";
import { sql } from "kysely";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { EventCounts } from "./event-rows.js";

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

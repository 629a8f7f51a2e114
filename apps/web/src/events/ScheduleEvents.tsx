/**
 * Events in the yearly schedule (年間予定), read-only: an event appears in the month it is held,
 * in the schedule row its organisers linked it to, or in a row of its own (研修・啓発) when it is
 * linked to none. Nothing is copied into the plan's document: the entries come from the events
 * themselves, so a changed date or a cancellation shows at once and nothing is typed twice.
 * The screen, the printed papers and the workbook place and word them with the functions here.
 */
import type { Event } from "@tsumugi/contract";
import { FISCAL_MONTHS, weekdayOfIsoDate } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { Link } from "react-router";

import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";
import { eventsApi } from "./events-api";

/** The workspace's own events of a 年度 (not cancelled), or [] while they load or fail. */
export function useScheduleEvents(wid: string, fy: number): Event[] {
  return useScheduleEventsState(wid, fy).events;
}

/** The same, and whether the answer (or the failure) has come: what is printed waits for it. */
export function useScheduleEventsState(wid: string, fy: number): { events: Event[]; settled: boolean } {
  const [state, setState] = useState<{ key: string; events: Event[] } | null>(null);
  const key = `${wid} ${fy}`;
  useEffect(() => {
    let live = true;
    eventsApi(wid)
      .list(fy)
      .then((res) => {
        if (live) setState({ key, events: res.events.filter((e) => !e.cohost && e.status !== "cancelled") });
      })
      .catch(() => {
        // The schedule stays usable without them (offline, or no right to read events).
        if (live) setState({ key, events: [] });
      });
    return () => {
      live = false;
    };
  }, [wid, fy, key]);
  return state?.key === key ? { events: state.events, settled: true } : { events: NONE, settled: false };
}

const NONE: Event[] = [];

/** An event's words in the 年間予定 (screen, print, workbook): its day with 曜日 and its title. */
export function scheduleEventText(e: Pick<Event, "startsAt" | "title">): string {
  const { startsAt } = e;
  return `${Number(startsAt.slice(5, 7))}/${Number(startsAt.slice(8, 10))}（${weekdayOfIsoDate(startsAt.slice(0, 10))}） ${e.title}`;
}

/** The year's events by the schedule row they are linked to; the rest go in 研修・啓発. */
export function placeScheduleEvents(
  events: readonly Event[],
  rowIds: ReadonlySet<string>,
): { byRow: Map<string, Event[]>; unlinked: Event[] } {
  const byRow = new Map<string, Event[]>();
  const unlinked: Event[] = [];
  for (const e of events) {
    if (e.scheduleRowId && rowIds.has(e.scheduleRowId))
      byRow.set(e.scheduleRowId, [...(byRow.get(e.scheduleRowId) ?? []), e]);
    else unlinked.push(e);
  }
  return { byRow, unlinked };
}

/**
 * The year's events as the workbook's 年間予定 sheet takes them: each in its row (null: the
 * 研修・啓発 row) and month, in the screen's words, marked when the demo made it up.
 */
export function scheduleEventEntries(events: readonly Event[], rowIds: ReadonlySet<string>) {
  return {
    rowTitle: t("events.scheduleRowTitle"),
    entries: events.map((e) => ({
      rowId: e.scheduleRowId && rowIds.has(e.scheduleRowId) ? e.scheduleRowId : null,
      month: e.startsAt.slice(0, 7),
      text: scheduleEventText(e),
      demo: e.demo,
    })),
  };
}

/** The events of one month of one row, as links to their pages (as text when printed: `print`). */
export function ScheduleEventEntries({
  wid,
  events,
  print = false,
}: {
  wid: string;
  events: readonly Event[];
  print?: boolean;
}) {
  return (
    <>
      {events.map((e) => (
        <div key={e.id} className="event from-events" data-testid="schedule-training">
          {print ? (
            <span>{scheduleEventText(e)}</span>
          ) : (
            <Link to={`/w/${wid}/events/${e.id}`} title={t("events.scheduleOpen")}>
              {scheduleEventText(e)}
            </Link>
          )}
          {e.demo && <DemoBadge />}
        </div>
      ))}
    </>
  );
}

/**
 * The row for events linked to no row of the schedule (or to one since deleted): 研修・啓発,
 * read-only, after the plan's own rows.
 */
export function UnlinkedEventsRow({
  wid,
  events,
  monthOf,
  print = false,
}: {
  wid: string;
  events: readonly Event[];
  monthOf(month: number): string;
  /** The printed papers: the row's title only, the entries as text. */
  print?: boolean;
}) {
  if (events.length === 0) return null;
  return (
    <tr data-testid="schedule-events-row" className="schedule-events-row">
      <th scope="row" className="cell-activity">
        <span className="events-row-title">{t("events.scheduleRowTitle")}</span>
        {!print && <span className="muted small">{t("events.scheduleRowNote")}</span>}
      </th>
      {FISCAL_MONTHS.map((m) => {
        const month = monthOf(m);
        const inMonth = events.filter((e) => e.startsAt.startsWith(month));
        return (
          <td
            key={m}
            data-label={t("plan.schedule.month", { month: m })}
            className={inMonth.length === 0 ? "empty" : ""}
          >
            <ScheduleEventEntries wid={wid} events={inMonth} print={print} />
          </td>
        );
      })}
    </tr>
  );
}

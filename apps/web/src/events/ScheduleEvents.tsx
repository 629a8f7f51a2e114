/**
 * Events in the yearly schedule (年間予定), read-only: an event appears in the month it is held,
 * in the schedule row its organisers linked it to, or in a row of its own (研修・啓発) when it is
 * linked to none. Nothing is copied into the plan's document: the entries come from the events
 * themselves, so a changed date or a cancellation shows at once and nothing is typed twice.
 */
import type { Event } from "@tsumugi/contract";
import { FISCAL_MONTHS, weekdayOfIsoDate } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { Link } from "react-router";

import { t } from "../i18n/t";
import { eventsApi } from "./events-api";

/** The workspace's own events of a 年度 (not cancelled), or [] while they load or fail. */
export function useScheduleEvents(wid: string, fy: number): Event[] {
  const [events, setEvents] = useState<Event[]>([]);
  useEffect(() => {
    let live = true;
    eventsApi(wid)
      .list(fy)
      .then((res) => {
        if (live) setEvents(res.events.filter((e) => !e.cohost && e.status !== "cancelled"));
      })
      .catch(() => {
        // The schedule stays usable without them (offline, or no right to read events).
      });
    return () => {
      live = false;
    };
  }, [wid, fy]);
  return events;
}

const dateLabel = (startsAt: string) =>
  `${Number(startsAt.slice(5, 7))}/${Number(startsAt.slice(8, 10))}（${weekdayOfIsoDate(startsAt.slice(0, 10))}）`;

/** The events of one month of one row, as links to their pages. */
export function ScheduleEventEntries({ wid, events }: { wid: string; events: readonly Event[] }) {
  return (
    <>
      {events.map((e) => (
        <div key={e.id} className="event from-events" data-testid="schedule-training">
          <Link to={`/w/${wid}/events/${e.id}`} title={t("events.scheduleOpen")}>
            {dateLabel(e.startsAt)} {e.title}
          </Link>
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
}: {
  wid: string;
  events: readonly Event[];
  monthOf(month: number): string;
}) {
  if (events.length === 0) return null;
  return (
    <tr data-testid="schedule-events-row" className="schedule-events-row">
      <th scope="row" className="cell-activity">
        <span className="events-row-title">{t("events.scheduleRowTitle")}</span>
        <span className="muted small">{t("events.scheduleRowNote")}</span>
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
            <ScheduleEventEntries wid={wid} events={inMonth} />
          </td>
        );
      })}
    </tr>
  );
}

/**
 * One event: its header, and the tabs: the overview (EventOverview: state, registration, the
 * details, plan links, co-hosts) and those of the day: participants, check-in, questionnaire,
 * attendance and materials.
 */
import type { AttendanceSummary, Event, EventSeries, Group } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { groupsApi } from "../groups/groups-api";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { AttendanceView } from "./AttendanceView";
import { CheckInDesk } from "./CheckInDesk";
import { DoorCounts } from "./DoorCounts";
import { EventHeader } from "./EventHeader";
import { EventOverview, type EventPageData } from "./EventOverview";
import { eventsApi } from "./events-api";
import { MaterialsView } from "./MaterialsView";
import { ParticipantsView } from "./ParticipantsView";
import { QuestionnairePanel } from "./QuestionnairePanel";
import "../ui/table-scroll.css";
import "./events.css";

const TABS = ["overview", "participants", "checkIn", "questionnaire", "attendance", "materials"] as const;
type Tab = (typeof TABS)[number];

/** The header's counts follow the attendance the door answers. */
function countsOf(a: AttendanceSummary): Event["counts"] {
  return { registered: a.registered, waitlisted: a.waitlisted, attended: a.attended, walkIns: a.walkIns };
}

export function EventPage() {
  const { wid = "", eid = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const api = useMemo(() => eventsApi(wid), [wid]);
  const [data, setData] = useState<EventPageData | null>(null);
  const [groups, setGroups] = useState<Group[]>([]);
  const [series, setSeries] = useState<EventSeries[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const detail = await eventsApi(wid).get(eid);
      setData(detail);
      if (!detail.event.cohost) {
        const [g, list] = await Promise.all([
          groupsApi(wid).list(),
          eventsApi(wid).list(detail.event.fiscalYear),
        ]);
        setGroups(g.groups);
        setSeries(list.series);
      }
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, [wid, eid]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!data)
    return error ? <ErrorBanner message={error} /> : <p className="muted pad">{t("common.loading")}</p>;
  const { event } = data;
  const visible = TABS.filter(
    (x) =>
      (x !== "participants" || event.abilities.readAgreedParticipants) &&
      (x !== "checkIn" || event.abilities.checkIn),
  );
  const requested = params.get("etab") as Tab | null;
  const tab: Tab = requested && visible.includes(requested) ? requested : "overview";

  return (
    <main className="wide event-page" data-testid="event-page">
      <p className="no-print">
        <Link to={`/w/${wid}?tab=events&fy=${event.fiscalYear}`}>{t("events.back")}</Link>
      </p>
      <EventHeader event={event} />
      <ErrorBanner message={error} />
      <nav className="tabs event-tabs">
        {visible.map((x) => (
          <Link
            key={x}
            to={`?etab=${x}`}
            className={x === tab ? "active" : ""}
            aria-current={x === tab ? "page" : undefined}
            data-testid={`event-tab-${x}`}
            onClick={(e) => {
              e.preventDefault();
              const next = new URLSearchParams(params);
              next.set("etab", x);
              setParams(next);
            }}
          >
            {t(`events.tab.${x}` as MessageKey)}
          </Link>
        ))}
      </nav>
      {tab === "overview" && (
        <EventOverview
          wid={wid}
          api={api}
          data={data}
          groups={groups}
          series={series}
          onChanged={(e) => setData({ ...data, event: e })}
          reload={load}
        />
      )}
      {tab === "participants" && <ParticipantsView api={api} event={event} />}
      {tab === "checkIn" && (
        <CheckInDesk
          api={api}
          event={event}
          initialCode={params.get("code")}
          onAttendance={(attendance) =>
            setData((d) => d && { ...d, attendance, event: { ...d.event, counts: countsOf(attendance) } })
          }
        />
      )}
      {tab === "questionnaire" && <QuestionnairePanel wid={wid} event={event} />}
      {tab === "attendance" && (
        <>
          {event.abilities.checkIn && (
            <DoorCounts
              api={api}
              event={event}
              onAttendance={(attendance) => setData((d) => d && { ...d, attendance })}
            />
          )}
          <AttendanceView attendance={data.attendance} event={event} />
        </>
      )}
      {tab === "materials" && <MaterialsView api={api} event={event} />}
    </main>
  );
}

/**
 * One event: its details and state (予定 → 開催済 / 中止), registration and the public page,
 * links to the plan and the yearly schedule, co-hosting municipalities, and the tabs of the
 * day: participants, check-in, questionnaire, attendance and materials.
 */
import type { AttendanceSummary, Event, EventSeries, Group, PlanLinks } from "@tsumugi/contract";
import { formatTimeRange } from "@tsumugi/domain";
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
import { bodyOf, EventForm, formValuesOf } from "./EventForm";
import { type EventsApi, eventsApi } from "./events-api";
import { MaterialsView } from "./MaterialsView";
import { ParticipantsView } from "./ParticipantsView";
import { QuestionnairePanel } from "./QuestionnairePanel";
import { RegistrationCard } from "./RegistrationCard";
import "../ui/table-scroll.css";
import "./events.css";
import { DemoBadge } from "../ui/DemoBadge";

const TABS = ["overview", "participants", "checkIn", "questionnaire", "attendance", "materials"] as const;
type Tab = (typeof TABS)[number];

export interface EventPageData {
  event: Event;
  attendance: AttendanceSummary;
}

/** The header's counts follow the attendance the door answers. */
function countsOf(event: Event, a: AttendanceSummary): Event["counts"] {
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
        <Overview
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
            setData(
              (d) => d && { ...d, attendance, event: { ...d.event, counts: countsOf(d.event, attendance) } },
            )
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

function EventHeader({ event }: { event: Event }) {
  return (
    <header className="event-header">
      <h1 data-testid="event-heading">{event.title}</h1>
      <p className="row">
        {event.demo && <DemoBadge />}
        <span className="badge">{t(`eventKind.${event.kind}` as MessageKey)}</span>
        <span className={`badge status-${event.status}`} data-testid="event-status">
          {t(`eventStatus.${event.status}` as MessageKey)}
        </span>
        {event.cohost && (
          <span className="badge cohost">{t("events.cohostedBy", { host: event.host.name })}</span>
        )}
      </p>
      <dl className="event-facts">
        <dt>{t("events.when")}</dt>
        <dd data-testid="event-when">{formatTimeRange(event.startsAt, event.endsAt)}</dd>
        {event.place && (
          <>
            <dt>{t("events.place")}</dt>
            <dd>{event.place}</dd>
          </>
        )}
        {event.onlineUrl && (
          <>
            <dt>{t("events.onlineUrl")}</dt>
            <dd className="break">{event.onlineUrl}</dd>
          </>
        )}
        <dt>{t("events.audience")}</dt>
        <dd>
          {t(`eventAudience.${event.audience}` as MessageKey)}
          {event.audienceNote && `（${event.audienceNote}）`}
        </dd>
        <dt>{t("events.capacityShort")}</dt>
        <dd>{event.capacity === null ? t("events.noLimit") : t("events.people", { n: event.capacity })}</dd>
        <dt>{t("events.registered")}</dt>
        <dd data-testid="event-counts">
          {event.capacity === null
            ? t("events.people", { n: event.counts.registered })
            : t("events.ofCapacity", { n: event.counts.registered, capacity: event.capacity })}
          {event.counts.waitlisted > 0 && `・${t("events.waitlisted", { n: event.counts.waitlisted })}`}
          {event.status === "held" &&
            `・${t("events.attended")} ${t("events.people", { n: event.counts.attended })}`}
        </dd>
      </dl>
      {event.theme && <p className="event-theme">{event.theme}</p>}
    </header>
  );
}

function Overview(props: {
  wid: string;
  api: EventsApi;
  data: EventPageData;
  groups: Group[];
  series: EventSeries[];
  onChanged(e: Event): void;
  reload(): Promise<void>;
}) {
  const { api, data, wid } = props;
  const { event } = data;
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const can = event.abilities;
  const run = async (action: () => Promise<{ event: Event }>) => {
    setError(null);
    setNotice(null);
    try {
      const res = await action();
      props.onChanged(res.event);
      setNotice(t("events.saved"));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <div className="event-overview">
      <ErrorBanner message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {can.update && (
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">{t("events.status")}</h2>
          <div className="row">
            {event.status !== "held" && (
              <button
                type="button"
                onClick={() => run(() => api.setStatus(event.id, { status: "held" }))}
                data-testid="mark-held"
              >
                {t("events.markHeld")}
              </button>
            )}
            {event.status !== "planned" && (
              <button
                type="button"
                className="secondary"
                onClick={() => run(() => api.setStatus(event.id, { status: "planned" }))}
              >
                {t("events.markPlanned")}
              </button>
            )}
            {event.status !== "cancelled" && (
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(t("events.confirmCancel", { title: event.title })))
                    void run(() => api.setStatus(event.id, { status: "cancelled" }));
                }}
                data-testid="mark-cancelled"
              >
                {t("events.markCancelled")}
              </button>
            )}
          </div>
        </section>
      )}
      {can.update && !event.cohost && (
        <RegistrationCard api={api} event={event} onChanged={props.onChanged} />
      )}
      {can.update && (
        <details className="card">
          <summary data-testid="event-edit">{t("events.editDetails")}</summary>
          <EventForm
            initial={formValuesOf(event)}
            series={props.series}
            groups={props.groups}
            submitLabel={t("common.save")}
            testId="event-edit-form"
            onSubmit={async (v) => {
              const res = await api.update(event.id, bodyOf(v));
              props.onChanged(res.event);
              setNotice(t("events.saved"));
            }}
          />
        </details>
      )}
      {!event.cohost && <PlanLinksCard api={api} event={event} onChanged={props.onChanged} />}
      {!event.cohost && event.meetingId && (
        <p>
          {t("events.meeting")}：<Link to={`/w/${wid}/meetings/${event.meetingId}`}>{event.title}</Link>
        </p>
      )}
      {!event.cohost && event.requestId && (
        <p data-testid="event-request">
          {t("events.fromRequest")}{" "}
          <Link to={`/w/${wid}?tab=events&eview=requests`}>{t("events.fromRequestLink")}</Link>
        </p>
      )}
      {(can.update || event.cohosts.length > 0) && (
        <Cohosts api={api} event={event} onChanged={props.onChanged} />
      )}
    </div>
  );
}

/** The plan actions this event carries out and the schedule row it appears in. */
function PlanLinksCard({
  api,
  event,
  onChanged,
}: {
  api: EventsApi;
  event: Event;
  onChanged(e: Event): void;
}) {
  const [links, setLinks] = useState<PlanLinks | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api
      .planLinks(event.fiscalYear)
      .then(setLinks)
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [api, event.fiscalYear]);
  const editable = event.abilities.update;
  const save = async (body: { actionIds?: string[]; scheduleRowId?: string | null }) => {
    try {
      onChanged((await api.update(event.id, body)).event);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  if (!links) return null;
  const linked = links.actions.filter((a) => event.actionIds.includes(a.id));
  return (
    <section className="card" aria-labelledby="plan-links-title" data-testid="plan-links">
      <h2 id="plan-links-title">{t("events.plan")}</h2>
      <ErrorBanner message={error} />
      {!links.plan ? (
        <p className="muted">{t("events.noPlan")}</p>
      ) : (
        <>
          <h3>{t("events.actions")}</h3>
          <ul className="plain linked-actions">
            {linked.map((a) => (
              <li key={a.id} className="link-chip">
                {a.title}
                {editable && (
                  <button
                    type="button"
                    className="icon tiny"
                    aria-label={`${t("common.delete")}：${a.title}`}
                    onClick={() => save({ actionIds: event.actionIds.filter((x) => x !== a.id) })}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
          {editable && (
            <select
              aria-label={t("events.linkAction")}
              value=""
              onChange={(e) => e.target.value && save({ actionIds: [...event.actionIds, e.target.value] })}
              data-testid="link-action"
            >
              <option value="">{t("events.linkAction")}</option>
              {links.actions
                .filter((a) => !event.actionIds.includes(a.id))
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title}
                  </option>
                ))}
            </select>
          )}
          <h3>{t("events.scheduleRow")}</h3>
          {editable ? (
            <select
              aria-label={t("events.scheduleRow")}
              value={event.scheduleRowId ?? ""}
              onChange={(e) => save({ scheduleRowId: e.target.value || null })}
              data-testid="schedule-row"
            >
              <option value="">{t("events.scheduleRowNone")}</option>
              {links.scheduleRows.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.activity}
                </option>
              ))}
            </select>
          ) : (
            <p>
              {links.scheduleRows.find((r) => r.id === event.scheduleRowId)?.activity ??
                t("events.scheduleRowNone")}
            </p>
          )}
          <p className="muted small">{t("events.scheduleHint")}</p>
        </>
      )}
    </section>
  );
}

function Cohosts({ api, event, onChanged }: { api: EventsApi; event: Event; onChanged(e: Event): void }) {
  const [candidates, setCandidates] = useState<{ workspaceId: string; name: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editable = event.abilities.update;
  useEffect(() => {
    if (!editable) return;
    void api
      .cohostCandidates()
      .then((r) => setCandidates(r.municipalities))
      .catch(() => setCandidates([]));
  }, [api, editable]);
  const run = async (action: () => Promise<{ event: Event }>) => {
    try {
      onChanged((await action()).event);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const others = (candidates ?? []).filter(
    (c) => !event.cohosts.some((x) => x.workspaceId === c.workspaceId),
  );
  return (
    <section className="card" aria-labelledby="cohosts-title" data-testid="cohosts">
      <h2 id="cohosts-title">{t("events.cohosts")}</h2>
      <p className="muted small">{t("events.cohostsHint")}</p>
      <ErrorBanner message={error} />
      <ul className="plain">
        {event.cohosts.map((c) => (
          <li key={c.workspaceId} className="row">
            <span>
              {c.prefecture} {c.name}
            </span>
            {editable && (
              <button
                type="button"
                className="link"
                onClick={() => run(() => api.removeCohost(event.id, c.workspaceId))}
              >
                {t("events.cohostRemove")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && candidates?.length === 0 && event.cohosts.length === 0 && (
        <p className="muted small">{t("events.noCohostCandidates")}</p>
      )}
      {editable && others.length > 0 && (
        <select
          aria-label={t("events.cohostAdd")}
          value=""
          onChange={(e) => e.target.value && run(() => api.addCohost(event.id, e.target.value))}
          data-testid="cohost-add"
        >
          <option value="">{t("events.cohostAdd")}</option>
          {others.map((c) => (
            <option key={c.workspaceId} value={c.workspaceId}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </section>
  );
}

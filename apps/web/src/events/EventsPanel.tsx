/**
 * The 研修・啓発 tab: the year's trainings and outreach events (with those co-hosted by a
 * neighbouring municipality), creating one, the series, 出前講座 requests, materials handed
 * out and the year's figures.
 */
import type { Event } from "@tsumugi/contract";
import { currentFiscalYear, formatTimeRange } from "@tsumugi/domain";
import { useCallback } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { FiscalYearSelect, fiscalYearChoices, useFiscalYearParam } from "../ui/FiscalYearSelect";
import { useLoaded } from "../ui/use-loaded";
import { ViewTabs } from "../ui/ViewTabs";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { DistributionsView } from "./DistributionsView";
import { bodyOf, EventForm, formValuesOf } from "./EventForm";
import { organiserChoices } from "./event-organisers";
import { eventsApi } from "./events-api";
import { RequestsView } from "./RequestsView";
import { SeriesList } from "./SeriesList";
import "../ui/table-scroll.css";
import "./events.css";
import { DemoBadge } from "../ui/DemoBadge";

const VIEWS = ["list", "series", "requests", "distributions"] as const;
type View = (typeof VIEWS)[number];

export function EventsPanel({ wid, data }: { wid: string; data: WorkspaceData }) {
  const [params, setParams] = useSearchParams();
  // 出前講座 requests carry the requesters' contacts: only for those who handle them.
  const views = VIEWS.filter((v) => v !== "requests" || data.detail.can["events.requests"]);
  const view: View = (views as readonly string[]).includes(params.get("eview") ?? "")
    ? (params.get("eview") as View)
    : "list";
  const go = (v: View) => {
    const next = new URLSearchParams(params);
    next.set("eview", v);
    setParams(next);
  };
  return (
    <section data-testid="events-panel">
      <ViewTabs area="events" views={views} current={view} onSelect={go} label={t("workspace.tab.events")} />
      {view === "list" && <EventListView wid={wid} data={data} />}
      {view === "series" && <SeriesList wid={wid} data={data} />}
      {view === "distributions" && <DistributionsView wid={wid} data={data} />}
      {view === "requests" && <RequestsView wid={wid} data={data} />}
    </section>
  );
}

function EventListView({ wid, data }: { wid: string; data: WorkspaceData }) {
  const api = eventsApi(wid);
  const navigate = useNavigate();
  const current = currentFiscalYear();
  const [fy, setYear] = useFiscalYearParam();
  const { groups, mayCreate, initialOrganiserIds } = organiserChoices(data);

  const { data: loaded, error } = useLoaded(
    useCallback(async () => {
      const [year, everything] = await Promise.all([eventsApi(wid).list(fy), eventsApi(wid).list()]);
      return { list: year, years: [...new Set(everything.events.map((e) => e.fiscalYear))] };
    }, [wid, fy]),
  );
  const list = loaded?.list;
  const all = loaded?.years ?? [];

  return (
    <>
      <ErrorBanner message={error} />
      <FiscalYearSelect
        value={fy}
        years={fiscalYearChoices([...all, current, current + 1, fy])}
        onChange={setYear}
        testId="events-year"
      />
      {list && list.events.length === 0 && <p className="muted">{t("events.empty")}</p>}
      {list && list.events.length > 0 && (
        <div className="table-scroll">
          <table className="grid-table events-table" data-testid="events-table">
            <thead>
              <tr>
                <th>{t("events.when")}</th>
                <th>{t("events.title")}</th>
                <th>{t("events.kind")}</th>
                <th>{t("events.registered")}</th>
                <th>{t("events.attended")}</th>
                <th>{t("events.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.events.map((e) => (
                <EventRow key={e.id} wid={wid} event={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayCreate && list && (
        <details className="card new-event">
          <summary data-testid="event-new">{t("events.new")}</summary>
          <EventForm
            initial={formValuesOf(null, { organiserGroupIds: initialOrganiserIds })}
            series={list.series}
            groups={groups}
            submitLabel={t("common.create")}
            testId="event-create-form"
            onSubmit={async (v) => {
              const res = await api.create(bodyOf(v));
              navigate(`/w/${wid}/events/${res.event.id}`);
            }}
          />
        </details>
      )}
    </>
  );
}

function EventRow({ wid, event: e }: { wid: string; event: Event }) {
  return (
    <tr data-testid="event-row">
      <td className="nowrap-date">{formatTimeRange(e.startsAt, e.endsAt)}</td>
      <td className="event-title">
        <Link to={`/w/${wid}/events/${e.id}`} data-testid="event-link">
          {e.title}
        </Link>
        {e.demo && <DemoBadge />}
        {e.cohost && (
          <span className="badge cohost" title={t("events.cohostedBy", { host: e.host.name })}>
            {t("events.cohostedBy", { host: e.host.name })}
          </span>
        )}
      </td>
      <td className="nowrap">{t(`eventKind.${e.kind}` as MessageKey)}</td>
      <td className="num">
        {e.capacity === null
          ? t("events.people", { n: e.counts.registered })
          : t("events.ofCapacity", { n: e.counts.registered, capacity: e.capacity })}
        {e.counts.waitlisted > 0 && (
          <div className="muted small">{t("events.waitlisted", { n: e.counts.waitlisted })}</div>
        )}
      </td>
      <td className="num">{e.status === "held" ? t("events.people", { n: e.counts.attended }) : "—"}</td>
      <td className="nowrap">
        <span className={`badge status-${e.status}`}>{t(`eventStatus.${e.status}` as MessageKey)}</span>
        {e.registrationOpen && <span className="badge write">{t("events.registrationOpen")}</span>}
      </td>
    </tr>
  );
}

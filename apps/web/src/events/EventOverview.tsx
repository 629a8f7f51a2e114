/**
 * The event page's first tab: its state (予定 → 開催済 / 中止), registration and the public
 * page, the form to change its details, links to the plan and the yearly schedule, the meeting
 * or request it came from, and co-hosting municipalities.
 */
import type { AttendanceSummary, Event, EventSeries, Group } from "@tsumugi/contract";
import { useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { EventCohosts } from "./EventCohosts";
import { bodyOf, EventForm, formValuesOf } from "./EventForm";
import { EventPlanLinks } from "./EventPlanLinks";
import type { EventsApi } from "./events-api";
import { RegistrationCard } from "./RegistrationCard";

export interface EventPageData {
  event: Event;
  attendance: AttendanceSummary;
}

export function EventOverview(props: {
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
      {!event.cohost && <EventPlanLinks api={api} event={event} onChanged={props.onChanged} />}
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
        <EventCohosts api={api} event={event} onChanged={props.onChanged} />
      )}
    </div>
  );
}

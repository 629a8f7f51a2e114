/** An event's title, badges and facts, above its tabs. */
import type { Event } from "@tsumugi/contract";
import { formatTimeRange } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";

export function EventHeader({ event }: { event: Event }) {
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

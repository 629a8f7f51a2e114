/** The pieces of a public event shown on the list, its page and the registrant's page. */
import type { PublicEvent } from "@tsumugi/contract";
import { formatIsoDate, formatTimeRange } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

export const kindLabel = (e: PublicEvent) => t(`eventKind.${e.kind}` as MessageKey);

/** 受付中 / 残り3席 / キャンセル待ち受付中 / 締切 … */
export function StateBadge({ event }: { event: PublicEvent }) {
  const s = event.registrationState;
  const text =
    s === "open" && event.placesLeft !== null
      ? t("publicEvents.state.openLeft", { n: event.placesLeft })
      : t(`publicEvents.state.${s}` as MessageKey);
  return (
    <span className={`pe-state pe-state-${s}`} data-testid="public-event-state">
      {text}
    </span>
  );
}

export function EventFacts({ event, showUrl = false }: { event: PublicEvent; showUrl?: boolean }) {
  return (
    <dl className="pe-facts">
      <dt>{t("publicEvents.when")}</dt>
      <dd data-testid="public-event-when">{formatTimeRange(event.startsAt, event.endsAt)}</dd>
      {event.place && (
        <>
          <dt>{t("publicEvents.place")}</dt>
          <dd>{event.place}</dd>
        </>
      )}
      {event.onlineUrl && (
        <>
          <dt>{t("publicEvents.online")}</dt>
          <dd className="pe-break">
            {showUrl ? (
              <a href={event.onlineUrl} rel="noopener noreferrer" target="_blank">
                {event.onlineUrl}
              </a>
            ) : (
              t("publicEvents.onlineNote")
            )}
          </dd>
        </>
      )}
      <dt>{t("publicEvents.audience")}</dt>
      <dd>
        {t(`eventAudience.${event.audience}` as MessageKey)}
        {event.audienceNote && `（${event.audienceNote}）`}
      </dd>
      <dt>{t("publicEvents.capacity")}</dt>
      <dd>
        {event.capacity === null
          ? t("publicEvents.noLimit")
          : t("publicEvents.capacityLeft", { capacity: event.capacity, n: event.placesLeft ?? 0 })}
      </dd>
      {event.registrationClosesAt && (
        <>
          <dt>{t("publicEvents.closesAt")}</dt>
          <dd>
            {formatIsoDate(event.registrationClosesAt.slice(0, 10))}
            {event.registrationClosesAt.slice(11, 16)}
          </dd>
        </>
      )}
      <dt>{t("publicEvents.host")}</dt>
      <dd>{event.organiserNote || [event.host, ...event.cohosts].map((m) => m.name).join("・")}</dd>
      {event.contact && (
        <>
          <dt>{t("publicEvents.contact")}</dt>
          <dd className="pe-break pe-pre">{event.contact}</dd>
        </>
      )}
    </dl>
  );
}

/**
 * The public side of events, without an account (phone first):
 * - /p/:lg/events — the municipality's trainings and lectures from today on;
 * - /p/:lg/events/:pid — one announcement and its registration form (PublicRegistrationForm);
 * - /p/:lg/events/:pid/r/:token — the registrant's own page (RegistrationPage).
 */
import type { PublicEventDetail } from "@tsumugi/contract";
import { formatTimeRange } from "@tsumugi/domain";
import { useEffect } from "react";
import { Link, useParams } from "react-router";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";
import { formatSize, materialKind } from "./material-format";
import { PublicRegistrationForm } from "./PublicRegistrationForm";
import { EventFacts, kindLabel, StateBadge } from "./public-event-facts";
import { publicEventsApi } from "./public-events-api";
import { MunicipalityLine, PublicPageWaiting, usePublicData } from "./public-form";

export function PublicEventsPage() {
  const { lg = "" } = useParams();
  const { data, error } = usePublicData(lg, () => publicEventsApi(lg).list());
  useEffect(() => {
    if (data) document.title = `${t("publicEvents.title")}｜${data.municipality.name}`;
  }, [data]);
  if (!data) return <PublicPageWaiting error={error} />;
  return (
    <main className="pe-page" data-testid="public-events">
      <MunicipalityLine municipality={data.municipality} />
      <h1>{t("publicEvents.title")}</h1>
      <p className="pe-request-link">
        <Link to={`/p/${lg}/lecture-request`} data-testid="request-link">
          {t("publicEvents.requestLink")}
        </Link>
      </p>
      {data.events.length === 0 ? (
        <p className="pe-empty">{t("publicEvents.none")}</p>
      ) : (
        <ul className="pe-list">
          {data.events.map((e) => (
            <li key={e.publicId} className="pe-card" data-testid="public-event-card">
              <p className="pe-meta">
                <span className="pe-kind">{kindLabel(e)}</span>
                <StateBadge event={e} />
                {e.demo && <DemoBadge />}
              </p>
              <h2>
                <Link to={`/p/${e.host.lgCode}/events/${e.publicId}`}>{e.title}</Link>
              </h2>
              <p className="pe-when">{formatTimeRange(e.startsAt, e.endsAt)}</p>
              {e.place && <p className="pe-place">{e.place}</p>}
              <p className="pe-audience">
                {t("publicEvents.audience")}：{t(`eventAudience.${e.audience}` as MessageKey)}
                {e.audienceNote && `（${e.audienceNote}）`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

export function PublicEventPage() {
  const { lg = "", pid = "" } = useParams();
  const { data, error } = usePublicData(`${lg}/${pid}`, () => publicEventsApi(lg).get(pid));
  useEffect(() => {
    if (data) document.title = `${data.event.title}｜${data.municipality.name}`;
  }, [data]);
  if (!data) return <PublicPageWaiting error={error} />;
  const { event } = data;
  return (
    <main className="pe-page" data-testid="public-event">
      <p className="pe-back">
        <Link to={`/p/${lg}/events`}>{t("publicEvents.backToList")}</Link>
      </p>
      <MunicipalityLine municipality={data.municipality} />
      <p className="pe-meta">
        <span className="pe-kind">{kindLabel(event)}</span>
        <StateBadge event={event} />
        {event.demo && <DemoBadge />}
      </p>
      <h1 data-testid="public-event-title">{event.title}</h1>
      <EventFacts event={event} />
      {event.theme && <p className="pe-theme">{event.theme}</p>}
      {data.materials.length > 0 && <PublicMaterials materials={data.materials} />}
      <section className="pe-register" aria-labelledby="register-title">
        <h2 id="register-title">{t("publicEvents.register")}</h2>
        {data.formToken ? (
          <PublicRegistrationForm lg={lg} pid={pid} detail={data} />
        ) : (
          <p className="pe-closed" data-testid="registration-closed">
            {t(`publicEvents.closed.${event.registrationState}` as MessageKey)}
          </p>
        )}
      </section>
    </main>
  );
}

/** Handouts the organisers offer to anyone (downloads). */
function PublicMaterials({ materials }: { materials: PublicEventDetail["materials"] }) {
  return (
    <section className="pe-materials" aria-labelledby="materials-title" data-testid="public-materials">
      <h2 id="materials-title">{t("publicEvents.materials")}</h2>
      <p className="pe-hint">{t("publicEvents.materialsHint")}</p>
      <ul>
        {materials.map((m) => (
          <li key={m.path}>
            <a href={m.path} download={m.name}>
              {m.name}
            </a>{" "}
            <span className="pe-hint">
              （{materialKind(m.type)}・{formatSize(m.size)}）
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

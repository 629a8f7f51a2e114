/**
 * /p/:lg/events/:pid/r/:token — the registrant's own page: status, the check-in code as a QR
 * code to show at the door, the waiting position, the questionnaire after the day, cancelling.
 */
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { QrCode } from "../auth/QrCode";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { EventFacts } from "./public-event-facts";
import { publicEventsApi } from "./public-events-api";
import { MunicipalityLine, PublicPageWaiting, publicLoadError, usePublicData } from "./public-form";
import { QuestionnaireInvite } from "./QuestionnaireInvite";

const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

export function RegistrationPage() {
  const { lg = "", pid = "", token = "" } = useParams();
  const { data, setData, error, setError } = usePublicData(`${lg}/${pid}/${token}`, () =>
    publicEventsApi(lg).registration(pid, token),
  );
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = t("publicEvents.receiptTitle");
  }, []);
  if (!data) return <PublicPageWaiting error={error} />;
  const { event, registration: r } = data;
  const cancel = async () => {
    if (!window.confirm(t("publicEvents.confirmCancel", { title: event.title }))) return;
    setBusy(true);
    setError(null);
    try {
      setData(await publicEventsApi(lg).cancel(pid, token));
    } catch (e) {
      setError(publicLoadError(e));
    }
    setBusy(false);
  };
  return (
    <main className="pe-page pe-receipt" data-testid="registration-page">
      <MunicipalityLine municipality={data.municipality} />
      <h1 data-testid="registration-status">
        {r.status === "registered"
          ? t("publicEvents.receipt.registered")
          : r.status === "waitlisted"
            ? t("publicEvents.receipt.waitlisted", { n: r.waitingPosition ?? "—" })
            : t("publicEvents.receipt.cancelled")}
      </h1>
      <ErrorBanner message={error} />
      {r.status === "registered" && r.checkInCode && (
        <section className="pe-ticket" aria-labelledby="ticket-title">
          <h2 id="ticket-title">{t("publicEvents.ticket")}</h2>
          {r.checkedIn ? (
            <p className="pe-notice" data-testid="checked-in">
              {t("publicEvents.checkedIn")}
            </p>
          ) : (
            <p>{t("publicEvents.ticketHelp")}</p>
          )}
          <QrCode
            text={r.checkInUrl ?? r.checkInCode}
            label={t("publicEvents.qrLabel", { code: formatCode(r.checkInCode) })}
            size={200}
          />
          <p className="pe-code" data-testid="check-in-code">
            {t("publicEvents.code")} <strong>{formatCode(r.checkInCode)}</strong>
          </p>
        </section>
      )}
      {r.status === "registered" && <QuestionnaireInvite publicId={event.publicId} token={token} />}
      {r.status === "waitlisted" && <p className="pe-notice">{t("publicEvents.waitingHelp")}</p>}
      {r.status !== "cancelled" && <p className="pe-keep">{t("publicEvents.keepThisPage")}</p>}
      <section aria-labelledby="event-title" className="pe-summary">
        <h2 id="event-title">
          <Link to={`/p/${event.host.lgCode}/events/${event.publicId}`}>{event.title}</Link>
        </h2>
        <EventFacts event={event} showUrl={r.status === "registered"} />
      </section>
      <section aria-labelledby="you-title" className="pe-summary">
        <h2 id="you-title">{t("publicEvents.yourEntry")}</h2>
        <dl className="pe-facts">
          <dt>{t("publicEvents.name")}</dt>
          <dd data-testid="registration-name">{r.name}</dd>
          {r.organisation && (
            <>
              <dt>{t("publicEvents.organisation")}</dt>
              <dd>{r.organisation}</dd>
            </>
          )}
          <dt>{t("publicEvents.profession")}</dt>
          <dd>{t(`profession.${r.profession}` as MessageKey)}</dd>
          <dt>{t("publicEvents.contactField")}</dt>
          <dd className="pe-break">{r.contact}</dd>
        </dl>
      </section>
      {r.cancellable && (
        <p>
          <button
            type="button"
            className="danger"
            onClick={cancel}
            disabled={busy}
            data-testid="registration-cancel"
          >
            {t("publicEvents.cancel")}
          </button>
        </p>
      )}
    </main>
  );
}

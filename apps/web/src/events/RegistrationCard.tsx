/**
 * The announcement and registration of an event, for its organisers: the public page on or
 * off (with its address to copy), registration opened or closed by hand, and the date and
 * time it closes by itself.
 */
import type { Event } from "@tsumugi/contract";
import { useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import type { EventsApi } from "./events-api";

export function RegistrationCard({
  api,
  event,
  onChanged,
}: {
  api: EventsApi;
  event: Event;
  onChanged(e: Event): void;
}) {
  const [closesAt, setClosesAt] = useState(event.registrationClosesAt ?? "");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [copied, setCopied] = useState(false);
  const save = async (body: Parameters<EventsApi["update"]>[1]) => {
    setError(null);
    setFields({});
    try {
      onChanged((await api.update(event.id, body)).event);
    } catch (err) {
      if (err instanceof ApiError) {
        setFields(err.fields);
        setError(Object.keys(err.fields).length ? null : err.message);
      } else setError(String(err));
    }
  };
  const url = event.publicPath ? `${window.location.origin}${event.publicPath}` : null;
  return (
    <section
      className="card registration-card"
      aria-labelledby="registration-title"
      data-testid="registration-card"
    >
      <h2 id="registration-title">{t("events.registration")}</h2>
      <ErrorBanner message={error} />
      <p>
        {t("events.publication")}：
        {url ? (
          <>
            {t("events.published")}
            <a
              href={event.publicPath ?? ""}
              target="_blank"
              rel="noreferrer"
              className="break"
              data-testid="public-link"
            >
              {url}
            </a>{" "}
            <button
              type="button"
              className="secondary small"
              onClick={() => {
                void navigator.clipboard?.writeText(url).then(() => setCopied(true));
              }}
            >
              {copied ? t("events.copied") : t("events.publicLinkCopy")}
            </button>
          </>
        ) : (
          t("events.notPublished")
        )}
      </p>
      <div className="row">
        <button
          type="button"
          className={event.published ? "secondary" : ""}
          onClick={() => void save({ published: !event.published })}
          disabled={event.status === "cancelled" && !event.published}
          data-testid="toggle-published"
        >
          {event.published ? t("events.unpublish") : t("events.publish")}
        </button>
      </div>
      <p data-testid="registration-state">
        {t("events.registrationNow")}：
        <strong>{t(`publicEvents.state.${event.registrationState}` as MessageKey)}</strong>
        {event.registrationOpen && !event.published && `（${t("events.registrationNotPublished")}）`}
      </p>
      <div className="row">
        {event.status === "planned" && (
          <button
            type="button"
            className={event.registrationOpen ? "secondary" : ""}
            onClick={() => void save({ registrationOpen: !event.registrationOpen })}
            data-testid="toggle-registration"
          >
            {event.registrationOpen ? t("events.closeRegistration") : t("events.openRegistration")}
          </button>
        )}
      </div>
      <form
        className="row closes-at"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ registrationClosesAt: closesAt === "" ? null : closesAt });
        }}
      >
        <Field label={t("events.closesAt")} error={fields.registrationClosesAt}>
          <input
            type="datetime-local"
            value={closesAt}
            max={event.startsAt}
            onChange={(e) => setClosesAt(e.target.value)}
            data-testid="closes-at"
          />
        </Field>
        <button type="submit" className="secondary" data-testid="closes-at-save">
          {t("common.save")}
        </button>
      </form>
      <p className="muted small">{t("events.closesAtHelp")}</p>
    </section>
  );
}

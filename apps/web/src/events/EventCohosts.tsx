/** The municipalities co-hosting an event: they see it and its counts (and agreed participants). */
import type { Event } from "@tsumugi/contract";
import { useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import type { EventsApi } from "./events-api";

export function EventCohosts({
  api,
  event,
  onChanged,
}: {
  api: EventsApi;
  event: Event;
  onChanged(e: Event): void;
}) {
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

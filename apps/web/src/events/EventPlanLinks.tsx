/** The plan actions an event carries out and the schedule row it appears in (its 年度's plan). */
import type { Event } from "@tsumugi/contract";
import { useCallback } from "react";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { LinkedActions } from "../ui/LinkedActions";
import { errorMessage } from "../ui/loaded";
import { useLoaded } from "../ui/use-loaded";
import type { EventsApi } from "./events-api";

export function EventPlanLinks({
  api,
  event,
  onChanged,
}: {
  api: EventsApi;
  event: Event;
  onChanged(e: Event): void;
}) {
  const {
    data: links,
    error,
    setError,
  } = useLoaded(useCallback(() => api.planLinks(event.fiscalYear), [api, event.fiscalYear]));
  const editable = event.abilities.update;
  const save = async (body: { actionIds?: string[]; scheduleRowId?: string | null }) => {
    try {
      onChanged((await api.update(event.id, body)).event);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  if (!links) return null;
  return (
    <section className="card" aria-labelledby="plan-links-title" data-testid="plan-links">
      <h2 id="plan-links-title">{t("events.plan")}</h2>
      <ErrorBanner message={error} />
      {!links.plan ? (
        <p className="muted">{t("events.noPlan")}</p>
      ) : (
        <>
          <h3>{t("events.actions")}</h3>
          <LinkedActions
            actions={links.actions}
            linkedIds={event.actionIds}
            editable={editable}
            onChange={(actionIds) => save({ actionIds })}
            addLabel={t("events.linkAction")}
            removeLabel={t("common.delete")}
            testId="link-action"
          />
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

/**
 * The caller's secret iCal URL of their meetings: create, replace, revoke, each offered as the
 * feed's `abilities` say.
 */
import type { CalendarFeed as CalendarFeedState } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { t } from "../i18n/t";
import { formatWarekiDate } from "../ui/dates";
import { calendarApi } from "./calendar-api";

export function CalendarFeed({ wid }: { wid: string }) {
  const api = useMemo(() => calendarApi(wid), [wid]);
  const [state, setState] = useState<CalendarFeedState | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const load = useCallback(async () => setState(await api.get()), [api]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!state?.abilities.read) return null;
  const can = state.abilities;
  return (
    <details className="card">
      <summary>{t("meetings.calendar")}</summary>
      <p className="muted">{t("meetings.calendarHint")}</p>
      {url && (
        <input
          readOnly
          value={url}
          className="url-box"
          aria-label={t("meetings.calendar")}
          data-testid="calendar-url"
        />
      )}
      {state.active && !url && state.createdAt && (
        <p>{t("meetings.calendarActive", { date: formatWarekiDate(state.createdAt) })}</p>
      )}
      <div className="row">
        {can.create && (
          <button
            type="button"
            onClick={async () => {
              const res = await api.create();
              setUrl(res.url);
              await load();
            }}
            data-testid="calendar-create"
          >
            {state.active ? t("meetings.calendarRotate") : t("meetings.calendarCreate")}
          </button>
        )}
        {state.active && can.revoke && (
          <button
            type="button"
            className="danger"
            onClick={async () => {
              await api.revoke();
              setUrl(null);
              await load();
            }}
          >
            {t("meetings.calendarRevoke")}
          </button>
        )}
      </div>
    </details>
  );
}

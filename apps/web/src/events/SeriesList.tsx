/** The workspace's series of events (つむぐ会, 市民公開講座 …), and creating one. */
import type { EventSeries } from "@tsumugi/contract";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";
import { ErrorBanner } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { eventsApi } from "./events-api";
import { SeriesForm } from "./SeriesForm";

export function SeriesList({ wid, data }: { wid: string; data: WorkspaceData }) {
  const [series, setSeries] = useState<EventSeries[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setSeries((await eventsApi(wid).list()).series);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, [wid]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <>
      <ErrorBanner message={error} />
      {series?.length === 0 && <p className="muted">{t("events.seriesEmpty")}</p>}
      <ul className="plain series-list" data-testid="series-list">
        {series?.map((s) => (
          <li key={s.id} className="card series-card">
            <h3>
              <Link to={`/w/${wid}/event-series/${s.id}`} data-testid="series-link">
                {s.name}
              </Link>
            </h3>
            <p className="muted small">
              {t(`eventKind.${s.kind}` as MessageKey)}・{t("events.seriesEvents", { n: s.events })}
              {s.demo && <DemoBadge />}
            </p>
            {s.description && <p className="small">{s.description}</p>}
          </li>
        ))}
      </ul>
      {data.detail.can["series.create"] && <NewSeries wid={wid} onCreated={load} />}
    </>
  );
}

function NewSeries({ wid, onCreated }: { wid: string; onCreated(): Promise<void> }) {
  return (
    <details className="card">
      <summary data-testid="series-new">{t("events.seriesNew")}</summary>
      <SeriesForm
        initial={{ name: "", kind: "multidisciplinary", description: "" }}
        submitLabel={t("common.create")}
        resetOnSave
        onSubmit={async (values) => {
          await eventsApi(wid).createSeries(values);
          await onCreated();
        }}
      />
    </details>
  );
}

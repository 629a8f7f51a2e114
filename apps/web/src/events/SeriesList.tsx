import { useCallback } from "react";
import { Link } from "react-router";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";
import { ErrorBanner } from "../ui/Field";
import { useLoaded } from "../ui/use-loaded";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { eventsApi } from "./events-api";
import { SeriesForm } from "./SeriesForm";

export function SeriesList({ wid, data }: { wid: string; data: WorkspaceData }) {
  const {
    data: series,
    error,
    reload: load,
  } = useLoaded(useCallback(async () => (await eventsApi(wid).list()).series, [wid]));
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

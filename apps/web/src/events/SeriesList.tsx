/** The workspace's series of events (つむぐ会, 市民公開講座 …), and creating one. */
import type { EventSeries } from "@tsumugi/contract";
import { EVENT_TEXT_LIMITS } from "@tsumugi/contract";
import type { EventKind } from "@tsumugi/domain";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { LimitHint } from "../collab/LimitHint";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";
import { ErrorBanner, Field } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { EventKindSelect } from "./choice-selects";
import { eventsApi } from "./events-api";

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
      {data.detail.can["events.create"] && <NewSeries wid={wid} onCreated={load} />}
    </>
  );
}

function NewSeries({ wid, onCreated }: { wid: string; onCreated(): Promise<void> }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<EventKind>("multidisciplinary");
  const [description, setDescription] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await eventsApi(wid).createSeries({ name, kind, description });
      setName("");
      setDescription("");
      setFields({});
      setError(null);
      await onCreated();
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      } else setError(String(err));
    }
  };
  return (
    <details className="card">
      <summary data-testid="series-new">{t("events.seriesNew")}</summary>
      <form className="form-grid" onSubmit={submit} noValidate>
        <ErrorBanner message={error} />
        <Field label={t("events.seriesName")} error={fields.name}>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={EVENT_TEXT_LIMITS.seriesName}
            data-testid="series-name"
          />
          <LimitHint value={name} max={EVENT_TEXT_LIMITS.seriesName} />
        </Field>
        <Field label={t("events.kind")} error={fields.kind}>
          <EventKindSelect value={kind} onChange={setKind} />
        </Field>
        <Field label={t("events.seriesDescription")} error={fields.description}>
          <input
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={EVENT_TEXT_LIMITS.seriesDescription}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" data-testid="series-submit">
            {t("common.create")}
          </button>
        </div>
      </form>
    </details>
  );
}

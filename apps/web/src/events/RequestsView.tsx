/**
 * 出前講座の依頼 (the 研修・啓発 tab's third view), for the secretariat and the desk's
 * coordinators: the public form's address and the offered topics (the series of kind 出前講座),
 * then each request — its group, topic, wished dates, people, place and contact (personal data:
 * the server logs each read of this list) — with its status steps (受付 → 調整中 → 決定 → 実施済
 * / お断り), the desk's note, and 「この依頼から講座を作成」: the event form filled from the
 * request; the request then shows its lecture.
 */
import type { EventRequest, EventRequestList } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { eventsApi } from "./events-api";
import { RequestCard } from "./RequestCard";
import "./outreach.css";

export function RequestsView({ wid, data }: { wid: string; data: WorkspaceData }) {
  const api = useMemo(() => eventsApi(wid), [wid]);
  const [list, setList] = useState<EventRequestList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<"open" | "all">("open");

  const load = useCallback(async () => {
    try {
      setList(await api.requests());
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!list) return error ? <ErrorBanner message={error} /> : <p className="muted">{t("common.loading")}</p>;
  const shown = list.requests.filter(
    (r) => filter === "all" || (r.status !== "done" && r.status !== "declined"),
  );
  const replace = (r: EventRequest) =>
    setList((l) => l && { ...l, requests: l.requests.map((x) => (x.id === r.id ? r : x)) });

  return (
    <section className="requests" aria-labelledby="requests-title" data-testid="requests">
      <h2 id="requests-title">{t("requests.title")}</h2>
      <p className="muted small">{t("requests.logged")}</p>
      <ErrorBanner message={error} />
      <FormCard formPath={list.formPath} topics={list.topics} />
      <div className="row requests-filter">
        {(["open", "all"] as const).map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? "link active" : "link"}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
            data-testid={`requests-filter-${f}`}
          >
            {t(`requests.filter.${f}` as MessageKey, {
              n:
                f === "all"
                  ? list.requests.length
                  : list.requests.filter((r) => r.status !== "done" && r.status !== "declined").length,
            })}
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="muted" data-testid="requests-empty">
          {t("requests.none")}
        </p>
      ) : (
        <ol className="plain request-list">
          {shown.map((r) => (
            <RequestCard
              key={r.id}
              wid={wid}
              api={api}
              data={data}
              request={r}
              topics={list.topics}
              onChanged={replace}
              reload={load}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function FormCard({ formPath, topics }: { formPath: string | null; topics: EventRequestList["topics"] }) {
  const [copied, setCopied] = useState(false);
  const url = formPath ? `${window.location.origin}${formPath}` : null;
  return (
    <section className="card request-form-card" aria-labelledby="request-form-title">
      <h3 id="request-form-title">{t("requests.form")}</h3>
      {url ? (
        <p>
          <a
            href={formPath ?? ""}
            target="_blank"
            rel="noreferrer"
            className="break"
            data-testid="request-form-link"
          >
            {url}
          </a>{" "}
          <button
            type="button"
            className="secondary small"
            onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}
          >
            {copied ? t("events.copied") : t("events.publicLinkCopy")}
          </button>
        </p>
      ) : (
        <p className="muted">{t("requests.noLgCode")}</p>
      )}
      <p className="muted small">{t("requests.topicsHint")}</p>
      {topics.length > 0 ? (
        <ul className="request-topics">
          {topics.map((x) => (
            <li key={x.id}>{x.name}</li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t("requests.noTopics")}</p>
      )}
    </section>
  );
}

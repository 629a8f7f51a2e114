import type { UpdateRequest } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { formatWarekiDate } from "../ui/dates";
import { ErrorBanner } from "../ui/Field";
import { FIELD_LABELS, shown } from "./ResourceImport";
import { resourcesApi } from "./resources-api";

/** What providers sent through their links: the secretariat applies or sets aside each. */
export function UpdateRequests({ wid, onDecided }: { wid: string; onDecided: () => Promise<void> }) {
  const api = useMemo(() => resourcesApi(wid), [wid]);
  const [requests, setRequests] = useState<UpdateRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setRequests((await api.requests()).requests);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error.unknown"));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <ErrorBanner message={error} />;
  if (!requests) return <p className="muted">{t("common.loading")}</p>;
  if (requests.length === 0) return <p className="muted">{t("resources.requests.empty")}</p>;
  return (
    <ul className="update-requests plain" data-testid="update-requests">
      {requests.map((q) => (
        <li key={q.id} className="resource-card" data-testid="update-request">
          <h3>
            {q.resourceName} <span className="badge">{t(`resources.requests.${q.status}`)}</span>
          </h3>
          <p className="muted small">
            {t("resources.requests.submitted", { date: formatWarekiDate(q.submittedAt) })}
          </p>
          <div className="table-scroll">
            <table className="grid-table">
              <thead>
                <tr>
                  <th scope="col">項目</th>
                  <th scope="col">{t("resources.import.before")}</th>
                  <th scope="col">変更後</th>
                </tr>
              </thead>
              <tbody>
                {q.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{FIELD_LABELS[c.field] ?? c.field}</th>
                    <td>{shown(c.before, c.field)}</td>
                    <td>{shown(c.after, c.field)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {q.status === "pending" && (
            <p className="request-actions">
              {(["apply", "reject"] as const).map((decision) => (
                <button
                  key={decision}
                  type="button"
                  className={decision === "apply" ? "primary" : "secondary"}
                  data-testid={`request-${decision}`}
                  onClick={async () => {
                    try {
                      await api.decide(q.id, { decision });
                      await load();
                      await onDecided();
                    } catch (e) {
                      setError(e instanceof ApiError ? e.message : t("error.unknown"));
                    }
                  }}
                >
                  {t(`resources.requests.${decision}`)}
                </button>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

import type { UpdateRequest } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { formatWarekiDate } from "../ui/dates";
import { ErrorBanner } from "../ui/Field";
import { FieldChangesTable } from "./FieldChangesTable";
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
          <FieldChangesTable changes={q.changes} after={t("resources.requests.after")} />
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

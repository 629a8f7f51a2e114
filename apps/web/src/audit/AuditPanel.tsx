import { useEffect, useState } from "react";
import { ApiError, get } from "../api/client";
import type { AuditEntry, Member } from "../api/types";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";
import { ErrorBanner } from "../ui/Field";

export function AuditPanel({ wid, members }: { wid: string; members: Member[] }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ entries: AuditEntry[] }>(`/api/workspaces/${wid}/audit?limit=200`)
      .then((r) => setEntries(r.entries))
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [wid]);
  const who = (id: string | null) => (id ? (members.find((m) => m.userId === id)?.name ?? id) : "—");
  return (
    <section>
      <ErrorBanner message={error} />
      <table className="list small" data-testid="audit-list">
        <thead>
          <tr>
            <th>{t("audit.at")}</th>
            <th>{t("audit.event")}</th>
            <th>{t("audit.actor")}</th>
            <th>{t("audit.target")}</th>
            <th>{t("audit.ip")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatWarekiDateTime(e.at)}</td>
              <td>
                <code>{e.event}</code>
              </td>
              <td>{who(e.actorUserId)}</td>
              <td>{e.target ? who(e.target) : ""}</td>
              <td>{e.ip ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * 操作記録 (the audit log) for the secretariat: each entry in Japanese with names (who, what,
 * how), filtered by person, kind and period, newest first, older ones on demand.
 */

import type { AuditEntry, Member } from "@tsumugi/contract";
import { AUDIT_KINDS, type AuditKind } from "@tsumugi/domain";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { formatIsoDate, formatWarekiDateTime } from "../ui/dates";
import { ErrorBanner } from "../ui/Field";
import { auditApi } from "./audit-api";
import { auditDetailParts, auditEventLabel, auditTargetText } from "./audit-text";
import "../ui/table-scroll.css";
import "./audit.css";

const PAGE = 100;

interface Filters {
  actor: string;
  kind: AuditKind | "";
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actor: "", kind: "", from: "", to: "" };

export function AuditPanel({ wid, members }: { wid: string; members: Member[] }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const api = useMemo(() => auditApi(wid), [wid]);

  const load = useCallback(
    async (f: Filters, before?: number) => {
      try {
        const r = await api.list({ ...f, kind: f.kind || undefined, limit: PAGE, before });
        setEntries((old) => (before === undefined ? r.entries : [...(old ?? []), ...r.entries]));
        setMore(r.entries.length === PAGE);
        setError(null);
      } catch (err) {
        setError(err instanceof ApiError ? err.message : String(err));
      }
    },
    [api],
  );
  useEffect(() => {
    void load(filters);
  }, [load, filters]);

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const people = [...members].sort((a, b) => a.name.localeCompare(b.name, "ja"));

  return (
    <section className="audit-panel" data-testid="audit-panel">
      <p className="muted small">{t("audit.hint")}</p>
      <form className="audit-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span className="field-label">{t("audit.filter.person")}</span>
          <select
            value={filters.actor}
            onChange={(e) => set({ actor: e.target.value })}
            data-testid="audit-actor"
          >
            <option value="">{t("audit.filter.all")}</option>
            {people.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
                {m.organization ? `（${m.organization}）` : ""}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t("audit.filter.kind")}</span>
          <select
            value={filters.kind}
            onChange={(e) => set({ kind: e.target.value as AuditKind | "" })}
            data-testid="audit-kind"
          >
            <option value="">{t("audit.filter.all")}</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`auditKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t("audit.filter.from")}</span>
          <input
            type="date"
            value={filters.from}
            onChange={(e) => set({ from: e.target.value })}
            data-testid="audit-from"
          />
          <span className="muted small audit-date-label">
            {filters.from ? formatIsoDate(filters.from) : ""}
          </span>
        </label>
        <label>
          <span className="field-label">{t("audit.filter.to")}</span>
          <input
            type="date"
            value={filters.to}
            onChange={(e) => set({ to: e.target.value })}
            data-testid="audit-to"
          />
          <span className="muted small audit-date-label">{filters.to ? formatIsoDate(filters.to) : ""}</span>
        </label>
        <button
          type="button"
          className="link"
          onClick={() => setFilters(NO_FILTERS)}
          disabled={filters === NO_FILTERS}
        >
          {t("audit.filter.clear")}
        </button>
      </form>
      <ErrorBanner message={error} />
      {entries === null ? (
        <p className="muted">{t("common.loading")}</p>
      ) : entries.length === 0 ? (
        <p className="muted" data-testid="audit-empty">
          {t("audit.empty")}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="list small audit-table" data-testid="audit-list">
            <thead>
              <tr>
                <th>{t("audit.at")}</th>
                <th>{t("audit.actor")}</th>
                <th>{t("audit.event")}</th>
                <th>{t("audit.target")}</th>
                <th>{t("audit.detail")}</th>
                <th>{t("audit.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="audit-entry" data-event={e.event}>
                  <td className="audit-at">{formatWarekiDateTime(e.at)}</td>
                  <td className="audit-actor" data-testid="audit-entry-actor">
                    {e.actorName ?? (e.actorUserId ? t("audit.unknownPerson") : "—")}
                  </td>
                  <td className="audit-event" data-testid="audit-entry-event">
                    {auditEventLabel(e.event)}
                  </td>
                  <td data-testid="audit-entry-target" data-label={t("audit.target")}>
                    {auditTargetText(e)}
                  </td>
                  <td data-testid="audit-entry-detail" data-label={t("audit.detail")}>
                    {auditDetailParts(e).join("、")}
                  </td>
                  <td className="audit-ip" data-label={t("audit.ip")}>
                    {e.ip ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && entries && (
        <button type="button" onClick={() => void load(filters, entries.at(-1)?.id)} data-testid="audit-more">
          {t("audit.more")}
        </button>
      )}
    </section>
  );
}

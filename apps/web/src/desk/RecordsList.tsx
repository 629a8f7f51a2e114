/**
 * The records list: filters (年度, month, desk, 圏域, method, consulter, topic, follow-up), one
 * page at a time, and the exact-name search of cases (sent in the body; the server records it).
 */
import type { CaseSearchResult, ConsultationList, DeskList } from "@tsumugi/contract";
import {
  CONSULTATION_METHODS,
  CONSULTATION_TOPICS,
  CONSULTER_TYPES,
  currentFiscalYear,
  FISCAL_MONTHS,
  FOLLOW_UP_STATUSES,
  fiscalYearLabel,
  labelOf,
} from "@tsumugi/domain";
import { type FormEvent, useEffect, useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { formatIsoDate, formatWarekiDateTime } from "../ui/dates";
import { ErrorBanner, Field } from "../ui/Field";
import type { DeskApi } from "./desk-api";
import "../ui/table-scroll.css";

const FOLLOW_UP_FILTERS = ["open", "overdue", "done", "none"] as const;

export function RecordsList(props: {
  api: DeskApi;
  desks: DeskList;
  deskName: (id: string) => string;
  onOpen: (caseId: string) => void;
}) {
  const { api, desks } = props;
  const [filters, setFilters] = useState<Record<string, string>>({
    fy: String(currentFiscalYear()),
    month: "",
    deskId: "",
    areaId: "",
    method: "",
    consulterType: "",
    topic: "",
    followUp: "",
  });
  const [page, setPage] = useState(1);
  const [list, setList] = useState<ConsultationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [found, setFound] = useState<CaseSearchResult["cases"] | null>(null);
  useEffect(() => {
    let live = true;
    api
      .list({ ...filters, page: String(page) })
      .then((l) => {
        if (live) {
          setList(l);
          setError(null);
        }
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, filters, page]);
  const setFilter = (k: string, v: string) => {
    setPage(1);
    setFilters((f) => ({ ...f, [k]: v }));
  };
  async function search(ev: FormEvent) {
    ev.preventDefault();
    if (!name.trim()) return;
    try {
      setFound((await api.search(name)).cases);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  const years = Array.from({ length: 6 }, (_, i) => currentFiscalYear() - i);
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  const filterSelect = (k: string, label: string, options: { id: string; label: string }[]) => (
    <Field label={label}>
      <select value={filters[k]} onChange={(e) => setFilter(k, e.target.value)} data-testid={`filter-${k}`}>
        <option value="">{t("desk.list.all")}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <div className="desk-list">
      <form className="desk-search" onSubmit={search} data-testid="desk-search">
        <Field label={t("desk.search.label")}>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            data-testid="search-name"
          />
        </Field>
        <button type="submit" data-testid="search-button">
          {t("desk.search.button")}
        </button>
        <p className="muted small">{t("desk.search.note")}</p>
        {found && (
          <div data-testid="search-results">
            <p>
              {found.length === 0 ? t("desk.search.none") : t("desk.search.results", { n: found.length })}
            </p>
            <ul className="plain">
              {found.map((c) => (
                <li key={c.id}>
                  <button type="button" className="link" onClick={() => props.onOpen(c.id)}>
                    {t("desk.case.title", { no: c.caseNo })}
                  </button>{" "}
                  <span className="muted small">
                    {props.deskName(c.deskId)}・
                    {formatIsoDate(c.lastContactAt.slice(0, 10), { weekday: true })}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </form>
      <fieldset className="desk-filters">
        <legend>{t("desk.list.filters")}</legend>
        {filterSelect(
          "fy",
          t("desk.list.fiscalYear"),
          years.map((y) => ({ id: String(y), label: fiscalYearLabel(y) })),
        )}
        {filterSelect(
          "month",
          t("desk.list.month"),
          FISCAL_MONTHS.map((m) => ({ id: String(m), label: `${m}月` })),
        )}
        {desks.desks.length > 1 &&
          filterSelect(
            "deskId",
            t("desk.field.desk"),
            desks.desks.map((d) => ({ id: d.id, label: d.name })),
          )}
        {filterSelect(
          "areaId",
          t("desk.field.area"),
          desks.areas.map((a) => ({ id: a.id, label: a.name })),
        )}
        {filterSelect("method", t("desk.field.method"), [...CONSULTATION_METHODS])}
        {filterSelect("consulterType", t("desk.field.consulterType"), [...CONSULTER_TYPES])}
        {filterSelect("topic", t("desk.field.topics").replace("（複数可）", ""), [...CONSULTATION_TOPICS])}
        {filterSelect(
          "followUp",
          t("desk.list.followUp"),
          FOLLOW_UP_FILTERS.map((f) => ({ id: f, label: t(`desk.followUp.${f}` as MessageKey) })),
        )}
      </fieldset>
      <ErrorBanner message={error} />
      {list && (
        <>
          <p data-testid="desk-list-total">{t("desk.list.total", { n: list.total })}</p>
          {list.consultations.length === 0 ? (
            <p className="muted">{t("desk.list.empty")}</p>
          ) : (
            <div className="table-scroll">
              <table className="desk-table" data-testid="desk-list">
                <thead>
                  <tr>
                    <th scope="col">{t("desk.list.no")}</th>
                    <th scope="col">{t("desk.list.receivedAt")}</th>
                    <th scope="col">{t("desk.field.method")}</th>
                    <th scope="col">{t("desk.field.consulterType")}</th>
                    <th scope="col">{t("desk.field.topics").replace("（複数可）", "")}</th>
                    <th scope="col">{t("desk.list.followUp")}</th>
                    {desks.desks.length > 1 && <th scope="col">{t("desk.field.desk")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.consultations.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <button
                          type="button"
                          className="link"
                          onClick={() => props.onOpen(c.caseId)}
                          data-testid="open-case"
                        >
                          {c.caseNo}
                          {c.seq > 1 ? `-${c.seq}` : ""}
                        </button>
                        {c.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
                      </td>
                      <td className="nowrap">
                        {formatWarekiDateTime(Date.parse(`${c.receivedAt}:00+09:00`))}
                      </td>
                      <td>{labelOf(CONSULTATION_METHODS, c.method)}</td>
                      <td>{labelOf(CONSULTER_TYPES, c.consulterType)}</td>
                      <td>{c.topics.map((x) => labelOf(CONSULTATION_TOPICS, x)).join("・")}</td>
                      <td>
                        {labelOf(FOLLOW_UP_STATUSES, c.followUpStatus)}
                        {c.followUpDue && c.followUpStatus === "open"
                          ? `（${formatIsoDate(c.followUpDue, { weekday: true })}）`
                          : ""}
                      </td>
                      {desks.desks.length > 1 && <td>{props.deskName(c.deskId)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <div className="actions">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t("desk.list.prev")}
              </button>
              <span>{t("desk.list.page", { page, pages })}</span>
              <button
                type="button"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
                data-testid="list-next"
              >
                {t("desk.list.more")}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

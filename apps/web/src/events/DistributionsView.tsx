/**
 * 配布物 (printed materials handed out) of a 年度: 情報紙 全戸配布, チラシ, ACP冊子 … — the totals
 * per kind, the records by date, and recording, correcting and deleting one. The indicator
 * 啓発資材 配布部数 is counted from these records.
 */
import type { Distribution, Event } from "@tsumugi/contract";
import { currentFiscalYear, fiscalYearLabel, formatMonthOrDate } from "@tsumugi/domain";
import { useCallback, useState } from "react";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { FiscalYearSelect, fiscalYearChoices, useFiscalYearParam } from "../ui/FiscalYearSelect";
import { errorMessage } from "../ui/loaded";
import { useLoaded } from "../ui/use-loaded";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { DistributionForm, emptyForm, formOf, kindLabel } from "./DistributionForm";
import { eventsApi } from "./events-api";
import "../ui/table-scroll.css";
import "./distributions.css";

const number = (n: number) => n.toLocaleString("ja-JP");
const NO_EVENTS: Event[] = [];
const NO_YEARS: number[] = [];

export function DistributionsView({ wid, data }: { wid: string; data: WorkspaceData }) {
  const current = currentFiscalYear();
  const [fy, chooseYear] = useFiscalYearParam();
  const api = eventsApi(wid);
  const [editing, setEditing] = useState<Distribution | null>(null);
  const mayRecord = Boolean(data.detail.can["outreach.record"]);

  const {
    data: loaded,
    error,
    setError,
    reload: load,
  } = useLoaded(
    useCallback(async () => {
      const api = eventsApi(wid);
      const [year, all] = await Promise.all([api.distributions(fy), api.list()]);
      return {
        list: year,
        events: all.events.filter((e) => !e.cohost),
        years: [...new Set(all.events.map((e) => e.fiscalYear))],
      };
    }, [wid, fy]),
  );
  const list = loaded?.list;
  const { events = NO_EVENTS, years = NO_YEARS } = loaded ?? {};

  const setYear = (y: number) => {
    chooseYear(y);
    setEditing(null);
  };
  const total = list?.totals.reduce((n, x) => n + x.quantity, 0) ?? 0;

  return (
    <div className="distributions" data-testid="distributions-view">
      <ErrorBanner message={error} />
      <FiscalYearSelect
        value={fy}
        years={fiscalYearChoices([...years, current - 1, current, current + 1, fy])}
        onChange={setYear}
        testId="distributions-year"
      />
      <p className="muted small">{t("outreach.help")}</p>

      {list && (
        <section className="card distribution-totals" aria-labelledby="distribution-totals-title">
          <h2 id="distribution-totals-title">{t("outreach.totals", { year: fiscalYearLabel(fy) })}</h2>
          {list.totals.length === 0 ? (
            <p className="muted" data-testid="distributions-empty">
              {t("outreach.empty")}
            </p>
          ) : (
            <table className="grid-table totals-table" data-testid="distribution-totals">
              <thead>
                <tr>
                  <th scope="col">{t("outreach.kind")}</th>
                  <th scope="col">{t("outreach.quantity")}</th>
                  <th scope="col">{t("outreach.entries")}</th>
                </tr>
              </thead>
              <tbody>
                {list.totals.map((x) => (
                  <tr key={x.kind}>
                    <th scope="row">{kindLabel(x.kind)}</th>
                    <td className="num">{t("outreach.copies", { n: number(x.quantity) })}</td>
                    <td className="num">{t("outreach.entriesN", { n: x.entries })}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("outreach.total")}</th>
                  <td className="num" data-testid="distribution-total">
                    {t("outreach.copies", { n: number(total) })}
                  </td>
                  <td className="num">{t("outreach.entriesN", { n: list.distributions.length })}</td>
                </tr>
              </tfoot>
            </table>
          )}
        </section>
      )}

      {list && list.distributions.length > 0 && (
        <div className="table-scroll">
          <table className="grid-table distribution-table" data-testid="distribution-rows">
            <caption className="distribution-caption">
              {t("outreach.listCaption", { year: fiscalYearLabel(fy) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("outreach.date")}</th>
                <th scope="col">{t("outreach.kind")}</th>
                <th scope="col">{t("outreach.title")}</th>
                <th scope="col">{t("outreach.quantity")}</th>
                <th scope="col">{t("outreach.where")}</th>
                <th scope="col">{t("outreach.event")}</th>
                <th scope="col">{t("outreach.note")}</th>
                {mayRecord && <th scope="col">{t("outreach.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.distributions.map((d) => (
                <tr key={d.id} data-testid="distribution-row">
                  <td className="nowrap" data-label={t("outreach.date")}>
                    {formatMonthOrDate(d.distributedOn)}
                  </td>
                  <td className="nowrap" data-label={t("outreach.kind")}>
                    {kindLabel(d.kind)}
                  </td>
                  <th scope="row" className="distribution-title">
                    {d.title}
                  </th>
                  <td className="num" data-label={t("outreach.quantity")}>
                    {t("outreach.copies", { n: number(d.quantity) })}
                  </td>
                  <td className="long-text" data-label={t("outreach.where")}>
                    {d.where}
                  </td>
                  <td className="long-text" data-label={t("outreach.event")}>
                    {d.eventTitle ?? "—"}
                  </td>
                  <td className="long-text muted small" data-label={t("outreach.note")}>
                    {d.note}
                  </td>
                  {mayRecord && (
                    <td className="nowrap">
                      {d.abilities.update && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => setEditing(d)}
                          aria-label={t("outreach.editOne", { title: d.title })}
                        >
                          {t("outreach.edit")}
                        </button>
                      )}{" "}
                      {d.abilities.delete && (
                        <button
                          type="button"
                          className="link danger"
                          aria-label={t("outreach.deleteOne", { title: d.title })}
                          onClick={() => {
                            if (!window.confirm(t("outreach.confirmDelete", { title: d.title }))) return;
                            api
                              .removeDistribution(d.id)
                              .then(() => {
                                if (editing?.id === d.id) setEditing(null);
                                return load();
                              })
                              .catch((err) => setError(errorMessage(err)));
                          }}
                        >
                          {t("common.delete")}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {mayRecord && list && editing && (
        <section className="card" aria-labelledby="distribution-edit-title">
          <h2 id="distribution-edit-title">{t("outreach.editTitle", { title: editing.title })}</h2>
          <DistributionForm
            key={editing.id}
            events={events}
            initial={formOf(editing)}
            submitLabel={t("common.save")}
            testId="distribution-edit-form"
            onCancel={() => setEditing(null)}
            onSaved={async (body) => {
              await api.updateDistribution(editing.id, body);
              setEditing(null);
              await load();
            }}
          />
        </section>
      )}
      {mayRecord && list && !editing && (
        <details className="card new-distribution">
          <summary data-testid="distribution-new">{t("outreach.new")}</summary>
          <DistributionForm
            key={`new-${fy}`}
            events={events}
            initial={emptyForm(fy)}
            submitLabel={t("outreach.add")}
            testId="distribution-form"
            onSaved={async (body) => {
              await api.addDistribution(body);
              await load();
            }}
            resetAfterSave
          />
        </details>
      )}
    </div>
  );
}

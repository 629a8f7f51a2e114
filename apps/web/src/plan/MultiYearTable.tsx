/**
 * The multi-year table (年次計画表): items down, fiscal years across, each cell the actions of
 * that year (seed 004's layout). This year's column is live; other years come from the server.
 */
import type { PlanYear } from "@tsumugi/contract";
import { fiscalYearLabel, ITEMS, itemMark } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { planApi } from "./plan-api";
import { usePlanContext } from "./plan-context";
import { useFiscalYear, useTable } from "./plan-store";

/**
 * A year's column: another year's as the server reads it (the contract's PlanYear), this
 * year's from the live document.
 */
export type YearColumn = Pick<PlanYear, "fiscalYear" | "label"> & {
  actions: Pick<
    PlanYear["actions"][number],
    "id" | "title" | "items" | "status" | "goalCodes" | "fundingSource"
  >[];
  /** That year's 目的 and 取組例 per item (from the read model; the live year has its own). */
  itemNotes?: PlanYear["itemNotes"];
};

export function useYearColumns(): YearColumn[] | null {
  const { wid, store } = usePlanContext();
  const fiscalYear = useFiscalYear(store);
  const actions = useTable(store, "actions");
  const [others, setOthers] = useState<YearColumn[] | null>(null);
  useEffect(() => {
    void planApi(wid)
      .years()
      .then((r) => setOthers(r.years));
  }, [wid]);
  if (!others) return null;
  const live: YearColumn = {
    fiscalYear,
    label: fiscalYearLabel(fiscalYear),
    actions: [...actions],
  };
  return [...others.filter((y) => y.fiscalYear !== fiscalYear), live].sort(
    (a, b) => a.fiscalYear - b.fiscalYear,
  );
}

export function MultiYearTable() {
  const years = useYearColumns();
  if (!years) return <p className="muted">{t("common.loading")}</p>;
  return (
    <div>
      <table className="grid-table plan-grid years-table" data-testid="years-table">
        <colgroup>
          <col className="col-item" />
          {years.map((y) => (
            <col key={y.fiscalYear} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th>{t("plan.years.item")}</th>
            {years.map((y) => (
              <th key={y.fiscalYear}>{y.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ITEMS.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                {itemMark(item.id)} {t(`item.${item.id}` as MessageKey)}
              </th>
              {years.map((y) => {
                const actions = y.actions.filter((a) => a.items.includes(item.id));
                return (
                  <td
                    key={y.fiscalYear}
                    data-label={y.label}
                    data-testid={`years-cell-${item.id}-${y.fiscalYear}`}
                  >
                    <ul className="cell-list">
                      {actions.map((a) => (
                        <li key={a.id}>○{a.title}</li>
                      ))}
                    </ul>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The values per 年度 in a grid, six years at a time, moved by a year or to a typed 年度; each
 * indicator's name opens its trend.
 */
import { currentFiscalYear, fiscalYearLabel } from "@tsumugi/domain";
import { useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { enterableYears, FiscalYearForm } from "./FiscalYearForm";
import type { IndicatorData } from "./useIndicators";
import { ValueCell } from "./ValueCell";

const GRID_YEARS = 6;

export function ValueGrid({
  wid,
  data,
  onOpen,
}: {
  wid: string;
  data: IndicatorData;
  onOpen(id: string): void;
}) {
  const fy = currentFiscalYear();
  const { min, max } = enterableYears();
  const allYears = data.values.map((v) => v.fiscalYear);
  const [chosenLast, setChosenLast] = useState<number | null>(null);
  const last = Math.min(max, chosenLast ?? Math.max(fy, ...allYears));
  const years = Array.from({ length: GRID_YEARS }, (_, i) => last - GRID_YEARS + 1 + i);
  const move = (by: number) => setChosenLast(Math.max(min + GRID_YEARS - 1, Math.min(max, last + by)));
  return (
    <>
      <FiscalYearForm
        className="inline-form grid-years no-print"
        label={t("indicators.showYear")}
        testId="grid-year"
        submitLabel={t("indicators.show")}
        submitTestId="grid-year-show"
        onYear={(y) => {
          if (y < years[0]) setChosenLast(y + GRID_YEARS - 1);
          else if (y > last) setChosenLast(y);
        }}
      >
        <button
          type="button"
          onClick={() => move(-1)}
          disabled={years[0] <= min}
          data-testid="grid-years-earlier"
        >
          {t("indicators.yearsEarlier")}
        </button>
        <button type="button" onClick={() => move(1)} disabled={last >= max} data-testid="grid-years-later">
          {t("indicators.yearsLater")}
        </button>
      </FiscalYearForm>
      <div className="table-scroll">
        <table className="grid-table indicator-grid" data-testid="indicator-grid">
          <thead>
            <tr>
              <th scope="col" className="sticky-col">
                {t("indicators.name")}
              </th>
              {years.map((y) => (
                <th key={y} scope="col">
                  {fiscalYearLabel(y)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.indicators.map((i) => (
              <tr key={i.id} data-testid="indicator-row" data-code={i.code}>
                <th scope="row" className="sticky-col">
                  <span className="indicator-code">{i.code}</span>
                  <button
                    type="button"
                    className="link"
                    onClick={() => onOpen(i.id)}
                    data-testid="indicator-open"
                  >
                    {i.name}
                  </button>
                  <span className="indicator-meta">
                    {t(`indicatorType.${i.type}` as MessageKey)}
                    {i.unit && `・${i.unit}`}
                    {i.derived && <span className="badge">{t("indicators.derived")}</span>}
                  </span>
                </th>
                {years.map((y) => (
                  <td key={y}>
                    <ValueCell wid={wid} indicator={i} data={data} fiscalYear={y} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

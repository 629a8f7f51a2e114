/** The population bases (総人口, 65歳以上, 75歳以上) per 年度 that normalisation divides by. */
import { currentFiscalYear, fiscalYearLabel } from "@tsumugi/domain";
import { useState } from "react";
import { t } from "../i18n/t";
import { FiscalYearForm, valueErrorText } from "./FiscalYearForm";
import { indicatorsApi } from "./indicators-api";
import type { IndicatorData } from "./useIndicators";

export function PopulationView({ wid, data }: { wid: string; data: IndicatorData }) {
  const fy = currentFiscalYear();
  // Years a person added here that have no figures yet.
  const [added, setAdded] = useState<number[]>([]);
  // Every 年度 from the first with figures (or last year) to this one, and any added.
  const known = [...data.populations.keys(), fy - 1, fy, ...added];
  const first = Math.min(...known);
  const years = Array.from({ length: Math.max(...known) - first + 1 }, (_, i) => first + i);
  return (
    <div className="population-view">
      <div className="table-scroll">
        <table className="grid-table population-table" data-testid="population">
          <thead>
            <tr>
              <th className="sticky-col">{t("plans.year")}</th>
              <th>{t("indicators.pop.total")}</th>
              <th>{t("indicators.pop.aged65")}</th>
              <th>{t("indicators.pop.aged75")}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <PopulationRow key={y} wid={wid} fiscalYear={y} data={data} />
            ))}
          </tbody>
        </table>
      </div>
      {data.can.enter && (
        <FiscalYearForm
          className="inline-form"
          label={t("indicators.pop.addYear")}
          testId="population-year"
          submitLabel={t("indicators.pop.add")}
          submitTestId="population-add"
          onYear={(y) => setAdded((a) => (a.includes(y) ? a : [...a, y]))}
        />
      )}
    </div>
  );
}

function PopulationRow({ wid, fiscalYear, data }: { wid: string; fiscalYear: number; data: IndicatorData }) {
  const p = data.populations.get(fiscalYear);
  const [values, setValues] = useState({
    total: String(p?.total ?? ""),
    aged65: String(p?.aged65 ?? ""),
    aged75: String(p?.aged75 ?? ""),
  });
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const num = (s: string) => {
      const text = s.normalize("NFKC").replace(/[,\s]/g, "");
      return text === "" ? null : Number(text);
    };
    try {
      await indicatorsApi(wid).setPopulation(fiscalYear, {
        total: num(values.total),
        aged65: num(values.aged65),
        aged75: num(values.aged75),
      });
      setError(null);
    } catch (err) {
      setError(valueErrorText(err));
    }
  };
  return (
    <tr data-testid="population-row" data-year={fiscalYear}>
      <th scope="row" className="sticky-col">
        {fiscalYearLabel(fiscalYear)}
      </th>
      {(["total", "aged65", "aged75"] as const).map((k) => (
        <td key={k}>
          <input
            className="value-input"
            value={values[k]}
            disabled={!data.can.enter}
            aria-label={`${fiscalYearLabel(fiscalYear)} ${t(`indicators.pop.${k}`)}`}
            onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            onBlur={() => void save()}
          />
        </td>
      ))}
      {error && <td className="field-error">{error}</td>}
    </tr>
  );
}

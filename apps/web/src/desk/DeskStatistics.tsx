/**
 * Statistics of the consultation desk: 相談件数 per month of a 年度 and per coded dimension
 * (相談者, 相談内容, 相談方法, 対応, 相談窓口, 日常生活圏域), and the totals of the last years;
 * each chart has its table (a toggle, and the table is what a screen reader is offered), and
 * the exports (CSV/xlsx, reason required, logged) are here.
 */
import type { ConsultationStatistics } from "@tsumugi/contract";
import {
  currentFiscalYear,
  FISCAL_MONTHS,
  fiscalYearLabel,
  STATISTIC_DIMENSION_LABELS,
  STATISTIC_DIMENSIONS,
  type StatisticDimension,
} from "@tsumugi/domain";
import { type ReactElement, useCallback, useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { FiscalYearPicker } from "../ui/FiscalYearSelect";
import { DeskExportForm } from "./DeskExportForm";
import type { DeskApi } from "./desk-api";
import "../ui/table-scroll.css";

const MONTHS = FISCAL_MONTHS.map((m) => `${m}月`);

export function DeskStatistics(props: { api: DeskApi }) {
  const { api } = props;
  const [fy, setFy] = useState(currentFiscalYear());
  const [stats, setStats] = useState<ConsultationStatistics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asTable, setAsTable] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .statistics(fy)
      .then((s) => live && setStats(s))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, fy]);
  const years = Array.from({ length: 6 }, (_, i) => currentFiscalYear() - i);
  return (
    <div className="desk-stats" data-testid="desk-statistics">
      <div className="desk-stats-head">
        <Field label={t("desk.stats.fiscalYear")}>
          <FiscalYearPicker value={fy} years={years} onChange={setFy} testId="stats-fy" />
        </Field>
        <button
          type="button"
          onClick={() => setAsTable(!asTable)}
          data-testid="stats-toggle"
          aria-pressed={asTable}
        >
          {asTable ? t("desk.stats.chartToggle") : t("desk.stats.tableToggle")}
        </button>
      </div>
      <ErrorBanner message={error} />
      {stats && (
        <>
          <h3 data-testid="stats-total">
            {t("desk.stats.total", { fy: fiscalYearLabel(stats.fiscalYear), n: stats.year.total })}
          </h3>
          <section>
            <h4>{t("desk.stats.monthly")}</h4>
            {asTable ? (
              <CountTable
                rows={[
                  {
                    code: "total",
                    label: t("desk.stats.monthly"),
                    months: stats.year.months,
                    total: stats.year.total,
                  },
                ]}
                columns={MONTHS}
              />
            ) : (
              <DeskChart>
                {(drawn) => (
                  <BarChart
                    ref={drawn}
                    responsive
                    style={{ width: "100%", height: 220 }}
                    accessibilityLayer={false}
                    data={MONTHS.map((m, i) => ({ month: m, count: stats.year.months[i] }))}
                  >
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="month" tick={{ fontSize: 12 }} />
                    <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Bar dataKey="count" name="相談件数" fill="#30638e" isAnimationActive={false} />
                  </BarChart>
                )}
              </DeskChart>
            )}
          </section>
          {STATISTIC_DIMENSIONS.map((d) => (
            <DimensionSection key={d} dimension={d} stats={stats} asTable={asTable} />
          ))}
          <section>
            <h4>{t("desk.stats.yearly")}</h4>
            <CountTable
              rows={[
                { code: "total", label: "相談件数", months: stats.yearly.totals, total: null },
                ...stats.yearly.dimensions.consulterType.map((r) => ({
                  code: r.code,
                  label: `${STATISTIC_DIMENSION_LABELS.consulterType}：${r.label}`,
                  months: r.counts,
                  total: null,
                })),
              ]}
              columns={stats.yearly.years.map((y) => fiscalYearLabel(y))}
            />
          </section>
          <p className="muted small">{t("desk.stats.multi")}</p>
          <DeskExportForm api={api} fiscalYear={fy} />
        </>
      )}
    </div>
  );
}

function DimensionSection(props: {
  dimension: StatisticDimension;
  stats: ConsultationStatistics;
  asTable: boolean;
}) {
  const rows = props.stats.year.dimensions[props.dimension];
  const label = STATISTIC_DIMENSION_LABELS[props.dimension];
  return (
    <section data-testid={`stats-${props.dimension}`}>
      <h4>{t("desk.stats.byDimension", { dimension: label })}</h4>
      {props.asTable ? (
        <CountTable rows={rows} columns={MONTHS} />
      ) : (
        <DeskChart>
          {(drawn) => (
            <BarChart
              ref={drawn}
              responsive
              style={{ width: "100%", height: Math.max(120, rows.length * 28 + 30) }}
              accessibilityLayer={false}
              data={rows.map((r) => ({ label: r.label, total: r.total }))}
              layout="vertical"
              margin={{ left: 10, right: 20 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis
                type="category"
                dataKey="label"
                width={props.dimension === "desk" ? 240 : 150}
                tick={{ fontSize: 12 }}
              />
              <Tooltip />
              <Bar dataKey="total" name="件数" fill="#4f7f52" isAnimationActive={false} />
            </BarChart>
          )}
        </DeskChart>
      )}
      {!props.asTable && (
        // The chart's figures for screen readers and for reading exact numbers.
        <details>
          <summary>{t("desk.stats.tableToggle")}</summary>
          <CountTable rows={rows} columns={MONTHS} />
        </details>
      )}
    </section>
  );
}

/**
 * A chart's frame. The chart sizes itself to this frame (Recharts' `responsive`: the frame is
 * measured when the chart is attached, and again when it resizes), and the frame says when the
 * chart's drawing surface exists (`data-drawn`): Recharts draws one step after it is mounted, so
 * whoever needs the drawn chart (a test, a screenshot) waits for that mark rather than a delay.
 */
function DeskChart(props: { children: (drawn: (svg: SVGSVGElement | null) => void) => ReactElement }) {
  const [drawn, setDrawn] = useState(false);
  const surface = useCallback((svg: SVGSVGElement | null) => setDrawn(svg !== null), []);
  return (
    <div className="desk-chart" aria-hidden="true" data-drawn={drawn ? "true" : "false"}>
      {props.children(surface)}
    </div>
  );
}

function CountTable(props: {
  rows: { code: string; label: string; months: number[]; total: number | null }[];
  columns: string[];
}) {
  const hasTotal = props.rows.some((r) => r.total !== null);
  return (
    <div className="table-scroll">
      <table className="desk-table numbers">
        <thead>
          <tr>
            <th scope="col">{t("desk.stats.item")}</th>
            {props.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            {hasTotal && <th scope="col">{t("desk.stats.totalColumn")}</th>}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">{r.label}</th>
              {r.months.map((n, i) => (
                <td key={props.columns[i]}>{n}</td>
              ))}
              {hasTotal && <td>{r.total}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

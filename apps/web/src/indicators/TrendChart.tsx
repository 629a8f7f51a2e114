/**
 * An indicator's trend over fiscal years (和暦 年度 on the axis): values, the target as a
 * dashed line, raw or normalised, with markers where plan actions linked to it started.
 * Below it, the same figures as a table (the accessible alternative), with CSV and PNG
 * downloads. Meaning is carried by labels and line styles, not by colour alone.
 */
import {
  figureOf,
  fiscalYearLabel,
  fiscalYearOfPoint,
  type Normalisation,
  roundFigure,
  yearSeries,
} from "@tsumugi/domain";
import { useRef } from "react";
import { Deferred, lazyNamed } from "../app/lazy";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { chartPng } from "./chart-image";
import "./trend-chart.css";
import type { IndicatorData, IndicatorInfo } from "./useIndicators";

// Recharts loads with the first chart shown, not with every page that could show one.
const TrendPlot = lazyNamed(() => import("./TrendPlot"), "TrendPlot");

export interface PlanMarker {
  fiscalYear: number;
  label: string;
}

export function seriesOf(indicator: IndicatorInfo, data: IndicatorData, from: number, to: number) {
  const entries = data.values
    .filter((v) => v.indicatorId === indicator.id && v.month === 0)
    .map((v) => ({ fiscalYear: v.fiscalYear, value: figureOf(indicator.kind, v), target: v.target }));
  return yearSeries(entries, from, to, indicator.normalisation, data.populations);
}

/** Markers for the plan actions linked to this indicator, at the 年度 they started. */
export function markersFor(
  indicatorId: string,
  actions: readonly { title: string; indicatorIds: string[]; period: { start: string | null } }[],
): PlanMarker[] {
  return actions
    .filter((a) => a.indicatorIds.includes(indicatorId) && a.period.start)
    .map((a) => ({ fiscalYear: fiscalYearOfPoint(a.period.start as string), label: a.title }));
}

export function yearRange(data: IndicatorData, indicatorId: string, fallback: number): [number, number] {
  const years = data.values.filter((v) => v.indicatorId === indicatorId).map((v) => v.fiscalYear);
  if (years.length === 0) return [fallback - 4, fallback];
  return [Math.min(...years), Math.max(...years, fallback)];
}

export function downloadBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function normalisationUnit(n: Normalisation): string {
  return n === "none" ? "" : t(`indicators.per.${n}` as MessageKey);
}

export function TrendChart(props: {
  indicator: IndicatorInfo;
  data: IndicatorData;
  from: number;
  to: number;
  normalised: boolean;
  markers?: PlanMarker[];
  compact?: boolean;
  testId?: string;
}) {
  const { indicator, data, normalised } = props;
  const box = useRef<HTMLDivElement>(null);
  const series = seriesOf(indicator, data, props.from, props.to);
  const useNormalised = normalised && indicator.normalisation !== "none";
  const rows = series.map((p) => ({
    year: fiscalYearLabel(p.fiscalYear),
    fiscalYear: p.fiscalYear,
    value: roundFigure(
      useNormalised ? p.normalised : p.value,
      indicator.kind === "count" && !useNormalised ? 0 : 1,
    ),
    target: useNormalised ? null : p.target,
  }));
  const unit = useNormalised ? `${normalisationUnit(indicator.normalisation)}` : indicator.unit;
  const points = rows
    .filter((r) => r.value !== null)
    .map((r) => ({ fiscalYear: r.fiscalYear, value: r.value }));

  const csv = async () => {
    // The project's one CSV writer (quoting, BOM, formula-safe text), fetched on first use.
    const { toCsv } = await import("@tsumugi/plan-io/csv");
    const text = toCsv([
      [t("plans.year"), t("indicators.valueWithUnit", { unit }), t("indicators.target")],
      ...rows.map((r) => [r.year, r.value, r.target]),
    ]);
    downloadBlob(new Blob([text], { type: "text/csv" }), `${indicator.code}_${indicator.name}.csv`);
  };
  const png = async () => {
    const blob = box.current ? await chartPng(box.current) : null;
    if (blob) downloadBlob(blob, `${indicator.code}_${indicator.name}.png`);
  };
  // A 目標 line (and its legend entry) only when some year has a target.
  const hasTarget = !useNormalised && rows.some((r) => r.target !== null);

  return (
    <figure className={props.compact ? "trend compact" : "trend"} data-testid={props.testId ?? "trend-chart"}>
      <div
        ref={box}
        className="trend-plot"
        data-points={JSON.stringify(points)}
        role="img"
        aria-label={t("indicators.trendLabel", { name: indicator.name, unit })}
        style={{ minHeight: props.compact ? 90 : 300 }}
      >
        <Deferred label={t("indicators.chartLoading")} testId="chart-loading">
          <TrendPlot
            rows={rows}
            unit={unit}
            compact={props.compact}
            hasTarget={hasTarget}
            markers={props.markers}
          />
        </Deferred>
      </div>
      {!props.compact && (
        <>
          <table className="grid-table chart-table" data-testid="trend-table">
            <caption>
              {indicator.name}（{unit}）
            </caption>
            <thead>
              <tr>
                <th>{t("plans.year")}</th>
                <th>{t("indicators.value")}</th>
                <th>{t("indicators.target")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.fiscalYear}>
                  <th scope="row">{r.year}</th>
                  <td>{r.value ?? t("indicators.missing")}</td>
                  <td>{r.target ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row no-print">
            <button type="button" onClick={csv} data-testid="chart-csv">
              {t("indicators.downloadCsv")}
            </button>
            <button type="button" onClick={() => void png()} data-testid="chart-png">
              {t("indicators.downloadPng")}
            </button>
          </div>
        </>
      )}
    </figure>
  );
}

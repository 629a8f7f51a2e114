/**
 * One indicator side by side for the municipalities of this workspace's region groups,
 * normalised, with the group average (a bar chart and its table), and the region overview:
 * key indicators for all members; plan progress too for the prefecture's observers.
 */
import type { IndicatorComparison } from "@tsumugi/contract";
import { currentFiscalYear, fiscalYearLabel, roundFigure } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { t } from "../i18n/t";
import { FiscalYearPicker } from "../ui/FiscalYearSelect";
import "../ui/table-scroll.css";
import { chartPng } from "./chart-image";
import { indicatorsApi } from "./indicators-api";
import { RegionMembership, RegionOverview } from "./RegionGroups";
import { downloadBlob, normalisationUnit } from "./TrendChart";
import type { IndicatorData } from "./useIndicators";

type CompareResult = IndicatorComparison;

/** Whether some other municipality of a group has a figure to compare with. */
function hasNeighbourFigures(r: Pick<CompareResult, "groups">): boolean {
  return r.groups.some((g) => g.members.some((m) => !m.isSelf && m.normalised !== null));
}

export function CompareView({ wid, data }: { wid: string; data: IndicatorData }) {
  const comparable = data.indicators.filter((i) => i.kind !== "yesno");
  const [code, setCode] = useState(
    comparable.find((i) => i.code === "S04")?.code ?? comparable[0]?.code ?? "",
  );
  const years = [...new Set(data.values.map((v) => v.fiscalYear))].sort();
  const [fy, setFy] = useState(years.at(-1) ?? currentFiscalYear());
  // Until someone picks a 年度, the view steps back to the latest one the neighbours have
  // figures for: this 年度's own figures (some are counted from the resource directory at
  // once) come long before the other municipalities enter theirs.
  const [fyChosen, setFyChosen] = useState(false);
  const [result, setResult] = useState<CompareResult | null>(null);
  const [refresh, setRefresh] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh after joining or leaving a group
  useEffect(() => {
    if (!code) return;
    let current = true;
    void indicatorsApi(wid)
      .compare(code, fy)
      .then((r) => {
        if (!current) return;
        const earlier = years.filter((y) => y < fy).at(-1);
        if (!fyChosen && earlier !== undefined && r.groups.length > 0 && !hasNeighbourFigures(r))
          setFy(earlier);
        else setResult(r);
      });
    return () => {
      current = false;
    };
  }, [wid, code, fy, refresh]);
  const indicator = data.indicators.find((i) => i.code === code);
  const unit = indicator ? normalisationUnit(indicator.normalisation) || indicator.unit : "";
  return (
    <div data-testid="compare-view">
      <div className="row">
        <label className="inline-field">
          {t("indicators.name")}
          <select value={code} onChange={(e) => setCode(e.target.value)} data-testid="compare-indicator">
            {comparable.map((i) => (
              <option key={i.id} value={i.code}>
                {i.code} {i.name}
              </option>
            ))}
          </select>
        </label>
        {/* biome-ignore lint/a11y/noLabelWithoutControl: FiscalYearPicker is the select */}
        <label className="inline-field">
          {t("plans.year")}
          <FiscalYearPicker
            value={fy}
            years={years}
            onChange={(y) => {
              setFyChosen(true);
              setFy(y);
            }}
            testId="compare-year"
          />
        </label>
      </div>
      {result?.groups.length === 0 && <p className="muted">{t("indicators.noRegion")}</p>}
      {result?.groups.map((g) => {
        const rows = g.members.map((m) => ({
          name: m.isSelf ? t("indicators.ownMunicipality", { name: m.name }) : m.name,
          value: roundFigure(m.normalised, 2),
          raw: m.value,
        }));
        return (
          <section key={g.id} className="card" data-testid="compare-group">
            <h3>
              {g.name}　<span className="muted small">{unit}</span>
            </h3>
            {!hasNeighbourFigures({ groups: [g] }) && (
              <p className="muted" data-testid="compare-empty">
                {t("indicators.compareEmpty", { year: fiscalYearLabel(fy) })}
              </p>
            )}
            <div
              className="trend-plot"
              data-points={JSON.stringify(rows.map((r) => ({ name: r.name, value: r.value })))}
            >
              {/* Bars across, names down the side: every name stays readable, on a phone too. */}
              <ResponsiveContainer width="100%" height={60 + rows.length * 36}>
                <BarChart layout="vertical" data={rows} margin={{ top: 22, right: 28, bottom: 5, left: 4 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" tick={{ fontSize: 12 }} />
                  <YAxis
                    type="category"
                    dataKey="name"
                    interval={0}
                    tick={{ fontSize: 12 }}
                    width={Math.min(150, 16 + 13 * Math.max(0, ...rows.map((r) => r.name.length)))}
                  />
                  <Tooltip />
                  <Bar dataKey="value" name={unit} fill="#30638e" isAnimationActive={false} />
                  {g.average !== null && (
                    <ReferenceLine
                      x={roundFigure(g.average, 2) ?? 0}
                      stroke="#b54708"
                      strokeDasharray="6 4"
                      label={{
                        value: `${t("indicators.average")} ${roundFigure(g.average, 2)}`,
                        position: "top",
                        fontSize: 11,
                        fill: "#b54708",
                      }}
                    />
                  )}
                </BarChart>
              </ResponsiveContainer>
            </div>
            <div className="table-scroll">
              <table className="grid-table chart-table compare-table" data-testid="compare-table">
                <thead>
                  <tr>
                    <th>{t("indicators.municipality")}</th>
                    <th>{t("indicators.value")}</th>
                    <th>{unit}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.name}>
                      <th scope="row">{r.name}</th>
                      <td>{r.raw ?? t("indicators.missing")}</td>
                      <td>{r.value ?? t("indicators.missing")}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t("indicators.average")}</th>
                    <td />
                    <td data-testid="compare-average">
                      {roundFigure(g.average, 2) ?? t("indicators.missing")}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
            <div className="row no-print">
              <button
                type="button"
                onClick={async () => {
                  // The project's one CSV writer (quoting, BOM, formula-safe text).
                  const { toCsv } = await import("@tsumugi/plan-io/csv");
                  const text = toCsv([
                    [t("indicators.municipality"), t("indicators.value"), unit],
                    ...rows.map((r) => [r.name, r.raw, r.value]),
                    [t("indicators.average"), "", roundFigure(g.average, 2)],
                  ]);
                  downloadBlob(new Blob([text], { type: "text/csv" }), `${g.name}_${code}_${fy}.csv`);
                }}
              >
                {t("indicators.downloadCsv")}
              </button>
              <button
                type="button"
                data-testid="compare-png"
                onClick={async (e) => {
                  const plot = e.currentTarget.closest("section")?.querySelector(".trend-plot");
                  const blob = plot ? await chartPng(plot) : null;
                  if (blob) downloadBlob(blob, `${g.name}_${code}_${fy}.png`);
                }}
              >
                {t("indicators.downloadPng")}
              </button>
            </div>
          </section>
        );
      })}
      <RegionOverview key={refresh} wid={wid} />
      {data.can.define && <RegionMembership wid={wid} onChange={() => setRefresh((n) => n + 1)} />}
    </div>
  );
}

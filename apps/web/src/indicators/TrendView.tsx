/** One indicator's trend: its chart with the plan's actions marked, normalised on request. */
import { currentFiscalYear } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { planApi } from "../plan/plan-api";
import { markersFor, type PlanMarker, TrendChart, yearRange } from "./TrendChart";
import type { IndicatorData } from "./useIndicators";

export function TrendView(props: {
  wid: string;
  data: IndicatorData;
  selected: string | null;
  onSelect(id: string): void;
}) {
  const { data } = props;
  const indicator = data.indicators.find((i) => i.id === props.selected) ?? data.indicators[0];
  const [normalised, setNormalised] = useState(false);
  const [markers, setMarkers] = useState<PlanMarker[]>([]);
  useEffect(() => {
    if (!indicator) return;
    void planApi(props.wid)
      .years()
      .then((r) =>
        setMarkers(
          markersFor(
            indicator.id,
            r.years.flatMap((y) => y.actions.map((a) => ({ ...a, period: { start: a.periodStart } }))),
          ),
        ),
      );
  }, [props.wid, indicator]);
  if (!indicator) return null;
  const [from, to] = yearRange(data, indicator.id, currentFiscalYear());
  return (
    <div data-testid="trend-view">
      <div className="row">
        <label className="inline-field">
          {t("indicators.name")}
          <select
            value={indicator.id}
            onChange={(e) => props.onSelect(e.target.value)}
            data-testid="trend-select"
          >
            {data.indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.code} {i.name}
              </option>
            ))}
          </select>
        </label>
        {indicator.normalisation !== "none" && (
          <label className="check">
            <input
              type="checkbox"
              checked={normalised}
              onChange={(e) => setNormalised(e.target.checked)}
              data-testid="trend-normalised"
            />
            {t(`indicators.per.${indicator.normalisation}` as MessageKey)}
          </label>
        )}
      </div>
      <p className="muted small">
        {t(indicator.notes ? "indicators.summaryWithNotes" : "indicators.summary", {
          type: t(`indicatorType.${indicator.type}` as MessageKey),
          direction: t(`indicators.direction.${indicator.direction}` as MessageKey),
          source: indicator.source,
          notes: indicator.notes,
        })}
      </p>
      <TrendChart
        indicator={indicator}
        data={data}
        from={from}
        to={to}
        normalised={normalised}
        markers={markers}
      />
    </div>
  );
}

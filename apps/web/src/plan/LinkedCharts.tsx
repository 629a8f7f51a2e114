/**
 * Small trend charts of the indicators linked to an action or a scene, inline in the plan.
 * They follow new values live (the indicators stream), and open the full chart on click.
 */
import { currentFiscalYear } from "@tsumugi/domain";
import { Link } from "react-router";
import { t } from "../i18n/t";
import { TrendChart, yearRange } from "../indicators/TrendChart";
import { usePlanContext } from "./plan-context";

export function LinkedCharts({ indicatorIds, testId }: { indicatorIds: readonly string[]; testId?: string }) {
  const { indicators, wid } = usePlanContext();
  if (!indicators || indicatorIds.length === 0) return null;
  const list = indicators.indicators.filter((i) => indicatorIds.includes(i.id));
  const now = currentFiscalYear();
  return (
    <div className="linked-charts" data-testid={testId ?? "linked-charts"}>
      {list.map((i) => {
        const [from, to] = yearRange(indicators, i.id, now);
        return (
          <Link
            key={i.id}
            to={`/w/${wid}?tab=indicators&iview=trend&indicator=${i.id}`}
            className="linked-chart"
            title={t("indicators.openChart")}
            data-testid="linked-chart"
            data-code={i.code}
          >
            <div className="linked-chart-title">
              {i.name}（{i.unit}）
            </div>
            <TrendChart indicator={i} data={indicators} from={from} to={to} normalised={false} compact />
          </Link>
        );
      })}
    </div>
  );
}

/**
 * The plotted line of a trend chart (TrendChart.tsx), on its own so that Recharts is a chunk
 * fetched with the first chart shown.
 */
import { fiscalYearLabel } from "@tsumugi/domain";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { t } from "../i18n/t";
import type { PlanMarker } from "./TrendChart";

export interface TrendRow {
  year: string;
  fiscalYear: number;
  value: number | null;
  target: number | null;
}

export function TrendPlot(props: {
  rows: TrendRow[];
  unit: string;
  compact?: boolean;
  hasTarget: boolean;
  markers?: PlanMarker[];
}) {
  const { rows, unit, hasTarget } = props;
  return (
    <ResponsiveContainer width="100%" height={props.compact ? 90 : 300}>
      <LineChart
        data={rows}
        margin={{ top: 10, right: props.compact ? 8 : 36, bottom: 5, left: props.compact ? 0 : 10 }}
      >
        {!props.compact && <CartesianGrid strokeDasharray="3 3" />}
        <XAxis dataKey="year" hide={props.compact} tick={{ fontSize: 12 }} />
        <YAxis hide={props.compact} tick={{ fontSize: 12 }} width={50} />
        {!props.compact && <Tooltip />}
        {!props.compact && <Legend />}
        <Line
          type="monotone"
          dataKey="value"
          name={t("indicators.valueWithUnit", { unit })}
          stroke="#30638e"
          strokeWidth={2}
          connectNulls={false}
          isAnimationActive={false}
          dot={{ r: props.compact ? 2 : 4 }}
        />
        {hasTarget && !props.compact && (
          <Line
            type="stepAfter"
            dataKey="target"
            name={t("indicators.target")}
            stroke="#b54708"
            strokeDasharray="6 4"
            isAnimationActive={false}
            dot={{ r: 3, strokeDasharray: "" }}
          />
        )}
        {!props.compact &&
          (props.markers ?? []).map((m) => (
            <ReferenceLine
              key={`${m.fiscalYear}-${m.label}`}
              x={fiscalYearLabel(m.fiscalYear)}
              stroke="#667085"
              strokeDasharray="2 2"
              label={{ value: `▼${m.label.slice(0, 12)}`, position: "insideTopLeft", fontSize: 11 }}
            />
          ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/**
 * The charts of a series page, on their own so that Recharts is a chunk fetched with the first
 * chart shown: participants by 年度 (total as bars, per event as a line), and the questionnaire
 * figures event by event.
 */
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { t } from "../i18n/t";

export function ParticipationChart(props: {
  rows: { year: string; attended: number; perEvent: number | null }[];
}) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={props.rows} margin={{ top: 10, right: 24, bottom: 5, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" tick={{ fontSize: 12 }} />
        <YAxis yAxisId="total" tick={{ fontSize: 12 }} width={44} />
        <YAxis yAxisId="per" orientation="right" tick={{ fontSize: 12 }} width={36} />
        <Tooltip />
        <Legend />
        <Bar
          yAxisId="total"
          dataKey="attended"
          name={t("events.attendedTotal")}
          fill="#9bb8d3"
          isAnimationActive={false}
        />
        <Line
          yAxisId="per"
          type="monotone"
          dataKey="perEvent"
          name={t("events.trendPerEvent")}
          stroke="#b54708"
          strokeWidth={2}
          dot={{ r: 4 }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function MeasuresChart(props: {
  rows: { label: string; satisfaction: number | null; understanding: number | null }[];
}) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={props.rows} margin={{ top: 10, right: 24, bottom: 5, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} />
        <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} tick={{ fontSize: 12 }} width={30} />
        <Tooltip />
        <Legend />
        <Line
          type="monotone"
          dataKey="satisfaction"
          name={t("events.satisfaction")}
          stroke="#30638e"
          strokeWidth={2}
          dot={{ r: 4 }}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="understanding"
          name={t("events.understanding")}
          stroke="#067647"
          strokeDasharray="6 3"
          strokeWidth={2}
          dot={{ r: 4 }}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Participants of each 年度 by 職種, stacked (the table beside holds the same numbers). */
export function ProfessionChart(props: {
  rows: Record<string, string | number>[];
  professions: { key: string; label: string }[];
}) {
  const colours = [
    "#30638e",
    "#4e79a7",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#f28e2b",
    "#e15759",
    "#b07aa1",
    "#9c755f",
    "#bab0ac",
    "#7f7f7f",
    "#1f3b57",
  ];
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={props.rows} margin={{ top: 10, right: 16, bottom: 5, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" tick={{ fontSize: 12 }} />
        <YAxis tick={{ fontSize: 12 }} width={40} allowDecimals={false} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {props.professions.map((p, i) => (
          <Bar
            key={p.key}
            dataKey={p.key}
            name={p.label}
            stackId="people"
            fill={colours[i % colours.length]}
            isAnimationActive={false}
          />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

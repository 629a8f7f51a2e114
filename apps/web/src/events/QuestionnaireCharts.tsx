/**
 * The chart of one question's answers (Recharts, its own chunk): a horizontal bar per choice
 * or per point of a scale. The table beside it holds the same figures.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { t } from "../i18n/t";

export function ChoiceChart(props: { rows: { label: string; count: number }[] }) {
  const height = 36 + props.rows.length * 30;
  const short = (label: string) => (label.length > 10 ? `${label.slice(0, 9)}…` : label);
  const widest = Math.max(...props.rows.map((r) => short(r.label).length), 2);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={props.rows} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis
          type="category"
          dataKey="label"
          width={24 + widest * 13}
          tick={{ fontSize: 12 }}
          tickFormatter={short}
          interval={0}
        />
        <Tooltip />
        <Bar dataKey="count" name={t("qn.count")} fill="#4e79a7" isAnimationActive={false}>
          <LabelList dataKey="count" position="right" style={{ fontSize: 12 }} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

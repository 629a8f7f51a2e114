/** Months of a plan row's period, as officials write them in 和暦: a select and the shown period. */
import { eraOfIsoDate, FISCAL_MONTHS } from "@tsumugi/domain";
import { t } from "../i18n/t";

/**
 * A month of the 年度 around `fiscalYear` (April of the year before to March of the year
 * after), labelled in 和暦 as officials write it; "" means not set.
 */
export function MonthSelect(props: {
  value: string | null;
  fiscalYear: number;
  label: string;
  disabled: boolean;
  onChange(value: string | null): void;
}) {
  const months: string[] = [];
  for (let fy = props.fiscalYear - 1; fy <= props.fiscalYear + 1; fy++) {
    for (const m of FISCAL_MONTHS) months.push(`${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`);
  }
  const current = props.value?.slice(0, 7) ?? "";
  if (current && !months.includes(current)) months.push(current);
  return (
    <select
      aria-label={props.label}
      value={current}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value === "" ? null : e.target.value)}
    >
      <option value="">{t("plan.noGroup")}</option>
      {months.map((m) => (
        <option key={m} value={m}>
          {monthLabel(m)}
        </option>
      ))}
    </select>
  );
}

/** "令和5年4月" for "2023-04" (or a date of that month). */
export function monthLabel(value: string): string {
  const month = value.slice(0, 7);
  const { era, year } = eraOfIsoDate(`${month}-01`);
  return t("plan.month", {
    era,
    year: year === 1 ? t("plan.eraFirstYear") : year,
    month: Number(month.slice(5, 7)),
  });
}

/** A period as two short lines: 令和5年4月 / 〜令和6年3月. */
export function PeriodText({ start, end }: { start: string | null; end: string | null }) {
  if (!start && !end) return <span className="muted">{t("plan.noGroup")}</span>;
  return (
    <span className="period-text">
      <span>{start ? monthLabel(start) : ""}</span>
      <span>〜{end ? monthLabel(end) : ""}</span>
    </span>
  );
}

/**
 * Choosing the 年度 a view shows: the select of years (令和8年度 …), the same with its label on a
 * row of its own above a view, and the year kept in the page's address.
 */
import { currentFiscalYear, fiscalYearLabel } from "@tsumugi/domain";
import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { t } from "../i18n/t";

/** The select alone, for a label or field of the view's own; the years in the order given. */
export function FiscalYearPicker(props: {
  value: number;
  years: readonly number[];
  onChange(fiscalYear: number): void;
  testId: string;
}) {
  return (
    <select
      value={props.value}
      onChange={(e) => props.onChange(Number(e.target.value))}
      data-testid={props.testId}
    >
      {props.years.map((y) => (
        <option key={y} value={y}>
          {fiscalYearLabel(y)}
        </option>
      ))}
    </select>
  );
}

/** The select with its label (年度 unless told) before it, on a row of its own above a view. */
export function FiscalYearSelect(props: {
  label?: string;
  value: number;
  years: readonly number[];
  onChange(fiscalYear: number): void;
  testId: string;
}) {
  return (
    <div className="row">
      {/* biome-ignore lint/a11y/noLabelWithoutControl: FiscalYearPicker is the select */}
      <label>
        {props.label ?? t("plans.year")}{" "}
        <FiscalYearPicker
          value={props.value}
          years={props.years}
          onChange={props.onChange}
          testId={props.testId}
        />
      </label>
    </div>
  );
}

/** The years to offer: each once, in order. */
export function fiscalYearChoices(years: Iterable<number>): number[] {
  return [...new Set(years)].sort((a, b) => a - b);
}

/**
 * The 年度 a view shows, kept in the address (`?fy=`) so that a reload or a link shows the same
 * year; this 年度 when none is given.
 */
export function useFiscalYearParam(): [fiscalYear: number, choose: (fiscalYear: number) => void] {
  const [params, setParams] = useSearchParams();
  const fiscalYear = Number(params.get("fy")) || currentFiscalYear();
  const choose = useCallback(
    (fy: number) => {
      const next = new URLSearchParams(params);
      next.set("fy", String(fy));
      setParams(next);
    },
    [params, setParams],
  );
  return [fiscalYear, choose];
}

/** A 年度 chosen from a list (令和8年度 …), with its label before it, on a row of its own above a view. */
import { fiscalYearLabel } from "@tsumugi/domain";

export function FiscalYearSelect(props: {
  label: string;
  value: number;
  years: readonly number[];
  onChange(fiscalYear: number): void;
  testId: string;
}) {
  return (
    <div className="row">
      <label>
        {props.label}{" "}
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
      </label>
    </div>
  );
}

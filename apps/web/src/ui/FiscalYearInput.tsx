/**
 * A 年度 typed as officials write it (令和8, R8, 令和8年度, 2026, full-width digits too), with
 * the 和暦 label it reads as shown beside it, or a Japanese error when it reads as nothing.
 * Suggestions (a datalist) let a person choose instead of typing.
 */
import { fiscalYearLabel, parseFiscalYear } from "@tsumugi/domain";
import { useId } from "react";
import { t } from "../i18n/t";
import "./fiscal-year-input.css";

export function FiscalYearInput(props: {
  label: string;
  value: string;
  onChange(text: string): void;
  /** Years offered in the suggestion list. */
  suggestions?: readonly number[];
  testId?: string;
  disabled?: boolean;
  /** Hides the visible label (the control keeps it as its accessible name). */
  hideLabel?: boolean;
  onEnter?(): void;
}) {
  const listId = useId();
  const hintId = useId();
  const text = props.value.trim();
  const fy = text === "" ? null : parseFiscalYear(text);
  const invalid = text !== "" && fy === null;
  return (
    <span className="fy-input">
      <label className={props.hideLabel ? "fy-input-control" : "fy-input-control labelled"}>
        {!props.hideLabel && <span className="field-label">{props.label}</span>}
        <input
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.nativeEvent.isComposing && props.onEnter) {
              e.preventDefault();
              props.onEnter();
            }
          }}
          list={props.suggestions ? listId : undefined}
          aria-label={props.hideLabel ? props.label : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={hintId}
          placeholder={t("fiscalYear.placeholder")}
          disabled={props.disabled}
          inputMode="text"
          autoComplete="off"
          data-testid={props.testId}
        />
      </label>
      <span
        id={hintId}
        className={invalid ? "fy-input-hint field-error" : "fy-input-hint"}
        data-testid={props.testId ? `${props.testId}-hint` : undefined}
        aria-live="polite"
      >
        {fy !== null
          ? t("fiscalYear.reads", { label: fiscalYearLabel(fy), year: fy })
          : invalid
            ? t("fiscalYear.invalid")
            : ""}
      </span>
      {props.suggestions && (
        <datalist id={listId}>
          {props.suggestions.map((y) => (
            <option key={y} value={fiscalYearLabel(y)}>
              {`${y}年度`}
            </option>
          ))}
        </datalist>
      )}
    </span>
  );
}

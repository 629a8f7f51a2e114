/**
 * What the indicator views share: the 年度 the server accepts values for, a form to go to a
 * typed 年度 within them, and the Japanese text of a refused value.
 */
import { currentFiscalYear, fiscalYearLabel, parseFiscalYear } from "@tsumugi/domain";
import { type ReactNode, useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { FiscalYearInput } from "../ui/FiscalYearInput";

/** The 年度 the server accepts values for: 2000 to next year. */
export function enterableYears(): { min: number; max: number } {
  return { min: 2000, max: currentFiscalYear() + 1 };
}

/**
 * A 年度 typed as officials write it and submitted; one that reads as nothing or lies outside
 * the enterable years gets its error beside the input, and the input keeps the text.
 */
export function FiscalYearForm(props: {
  className: string;
  label: string;
  testId: string;
  submitLabel: string;
  submitTestId: string;
  onYear(fiscalYear: number): void;
  /** Controls before the input (the grid's earlier and later buttons). */
  children?: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const y = parseFiscalYear(typed);
    const { min, max } = enterableYears();
    if (y === null) return setError(t("fiscalYear.invalid"));
    if (y < min || y > max) {
      return setError(t("fiscalYear.outOfRange", { from: fiscalYearLabel(min), to: fiscalYearLabel(max) }));
    }
    setError(null);
    setTyped("");
    props.onYear(y);
  };
  return (
    <form
      className={props.className}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {props.children}
      <FiscalYearInput
        label={props.label}
        value={typed}
        onChange={(text) => {
          setTyped(text);
          setError(null);
        }}
        testId={props.testId}
      />
      <button type="submit" data-testid={props.submitTestId}>
        {props.submitLabel}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** A value or population base the server refused, by field (不正な数値, 範囲外, …). */
export function valueErrorText(err: unknown): string {
  if (!(err instanceof ApiError)) return String(err);
  return (
    Object.values(err.fields)
      .map((f) => t(`indicators.error.${f}` as MessageKey))
      .join(" ") || err.message
  );
}

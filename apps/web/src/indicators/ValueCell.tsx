import type { EnterValue } from "@tsumugi/contract";
import { figureOf, fiscalYearLabel, roundFigure } from "@tsumugi/domain";
import { useState } from "react";
import { t } from "../i18n/t";
import { valueErrorText } from "./FiscalYearForm";
import { indicatorsApi } from "./indicators-api";
import type { IndicatorData, IndicatorInfo } from "./useIndicators";

/** One cell: counts and scores typed in place; rates from numerator and denominator. */
export function ValueCell(props: {
  wid: string;
  indicator: IndicatorInfo;
  data: IndicatorData;
  fiscalYear: number;
}) {
  const { indicator, data, fiscalYear } = props;
  const entry = data.values.find(
    (v) => v.indicatorId === indicator.id && v.fiscalYear === fiscalYear && v.month === 0,
  );
  const shown = entry ? roundFigure(figureOf(indicator.kind, entry)) : null;
  const [draft, setDraft] = useState<string | null>(null);
  const [parts, setParts] = useState<{ numerator: string; denominator: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editable = indicator.abilities.enterValues;

  const save = async (figures: Pick<EnterValue, "value" | "numerator" | "denominator">) => {
    try {
      await indicatorsApi(props.wid).enterValue(indicator.id, {
        fiscalYear,
        month: 0,
        target: entry?.target ?? null,
        source: entry?.source ?? "",
        note: entry?.note ?? "",
        ...figures,
      });
      setError(null);
    } catch (err) {
      setError(valueErrorText(err));
    }
  };

  if (!editable) return <span data-testid="indicator-value">{shown ?? ""}</span>;
  if (indicator.kind === "rate") {
    return (
      <span className="rate-cell">
        {parts ? (
          <span className="rate-parts">
            <input
              aria-label={t("indicators.numerator")}
              value={parts.numerator}
              onChange={(e) => setParts({ ...parts, numerator: e.target.value })}
            />
            /
            <input
              aria-label={t("indicators.denominator")}
              value={parts.denominator}
              onChange={(e) => setParts({ ...parts, denominator: e.target.value })}
            />
            <button
              type="button"
              className="icon"
              onClick={async () => {
                const n = Number(parts.numerator);
                const d = Number(parts.denominator);
                if (
                  parts.numerator === "" ||
                  parts.denominator === "" ||
                  !Number.isFinite(n) ||
                  !Number.isFinite(d)
                ) {
                  setError(t("indicators.error.number"));
                  return;
                }
                await save({ value: null, numerator: n, denominator: d });
                setParts(null);
              }}
            >
              {t("common.save")}
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="link"
            data-testid="indicator-value"
            onClick={() =>
              setParts({
                numerator: String(entry?.numerator ?? ""),
                denominator: String(entry?.denominator ?? ""),
              })
            }
          >
            {shown !== null ? `${shown}%` : "＋"}
          </button>
        )}
        {error && <span className="field-error">{error}</span>}
      </span>
    );
  }
  return (
    <span>
      <input
        className="value-input"
        inputMode="decimal"
        aria-label={`${indicator.name} ${fiscalYearLabel(fiscalYear)}`}
        value={draft ?? (shown === null ? "" : String(shown))}
        data-testid="indicator-input"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={async () => {
          if (draft === null) return;
          const text = draft.normalize("NFKC").replace(/,/g, "").trim();
          setDraft(null);
          if (text === (shown === null ? "" : String(shown))) return;
          const n = text === "" ? null : Number(text);
          if (n !== null && !Number.isFinite(n)) {
            setError(t("indicators.error.number"));
            return;
          }
          await save({ value: n, numerator: null, denominator: null });
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.nativeEvent.isComposing) (e.target as HTMLInputElement).blur();
        }}
      />
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}

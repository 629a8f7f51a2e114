/** The workspace's plans by 年度, and (for the secretariat) creating one. */

import type { Plan } from "@tsumugi/contract";
import { currentFiscalYear, fiscalYearLabel, parseFiscalYear } from "@tsumugi/domain";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { FiscalYearInput } from "../ui/FiscalYearInput";
import { planApi } from "./plan-api";
import "./plans-panel.css";

export function PlansPanel({ wid, canCreate }: { wid: string; canCreate: boolean }) {
  const navigate = useNavigate();
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [current, setCurrent] = useState<number>(() => currentFiscalYear());
  const [year, setYear] = useState("");
  // null: as the year suggests (carry over when last year's plan exists).
  const [carryOver, setCarryOver] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    const res = await planApi(wid).list();
    setPlans(res.plans);
    setCurrent(res.currentFiscalYear);
    setYear((y) => y || fiscalYearLabel(res.currentFiscalYear));
  }, [wid]);
  useEffect(() => {
    void load().catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [load]);

  const fy = parseFiscalYear(year);
  const hasPrevious = fy !== null && (plans ?? []).some((p) => p.fiscalYear === fy - 1);
  const carry = hasPrevious && (carryOver ?? true);

  const create = async () => {
    if (fy === null) {
      setFields({ fiscalYear: "invalid" });
      return;
    }
    try {
      await planApi(wid).create({ fiscalYear: fy, carryOver: carry });
      navigate(`/w/${wid}/plans/${fy}`);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields ?? {});
      } else setError(String(err));
    }
  };

  if (!plans) return <p className="muted">{t("common.loading")}</p>;
  const years = Array.from({ length: 6 }, (_, i) => current - 3 + i);
  return (
    <section data-testid="plans-panel">
      <ErrorBanner message={error} />
      {plans.length === 0 && <p className="muted">{t("plans.empty")}</p>}
      <ul className="plain plan-years">
        {plans.map((p) => (
          <li key={p.id}>
            <Link to={`/w/${wid}/plans/${p.fiscalYear}`} data-testid={`plan-link-${p.fiscalYear}`}>
              {p.title}
            </Link>
          </li>
        ))}
      </ul>
      {canCreate && (
        <form
          className="plan-create"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <FiscalYearInput
            label={t("plans.year")}
            value={year}
            onChange={(text) => {
              setYear(text);
              setCarryOver(null);
              setFields({});
              setError(null);
            }}
            suggestions={years}
            testId="plan-year"
          />
          {hasPrevious ? (
            <label className="check">
              <input
                type="checkbox"
                checked={carry}
                onChange={(e) => setCarryOver(e.target.checked)}
                data-testid="plan-carry-over"
              />
              {t("plans.carryOver")}
            </label>
          ) : (
            fy !== null && (
              <p className="muted small" data-testid="plan-no-previous">
                {t("plans.noPrevious", { label: fiscalYearLabel(fy - 1) })}
              </p>
            )
          )}
          {fields.carryOver && <span className="field-error">{t("field.noPreviousPlan")}</span>}
          <button type="submit" data-testid="plan-create" disabled={fy === null}>
            {t("plans.create")}
          </button>
        </form>
      )}
    </section>
  );
}

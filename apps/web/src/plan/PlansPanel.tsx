/** The workspace's plans by 年度, and (for the secretariat) creating one. */
import { fiscalYearLabel } from "@tsumugi/domain";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError, get, post } from "../api/client";
import type { PlanInfo } from "../api/types";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";

export function PlansPanel({ wid, canCreate }: { wid: string; canCreate: boolean }) {
  const navigate = useNavigate();
  const [plans, setPlans] = useState<PlanInfo[] | null>(null);
  const [current, setCurrent] = useState<number>(new Date().getFullYear());
  const [year, setYear] = useState("");
  const [carryOver, setCarryOver] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    const res = await get<{ plans: PlanInfo[]; currentFiscalYear: number }>(`/api/workspaces/${wid}/plans`);
    setPlans(res.plans);
    setCurrent(res.currentFiscalYear);
    setYear((y) => y || String(res.currentFiscalYear));
  }, [wid]);
  useEffect(() => {
    void load().catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [load]);

  const create = async () => {
    const fy = Number(year);
    try {
      await post(`/api/workspaces/${wid}/plans`, { fiscalYear: fy, carryOver });
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
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <Field label={t("plans.year")} error={fields.fiscalYear}>
            <select value={year} onChange={(e) => setYear(e.target.value)} data-testid="plan-year">
              {years.map((y) => (
                <option key={y} value={y}>
                  {fiscalYearLabel(y)}（{y}）
                </option>
              ))}
            </select>
          </Field>
          <label className="check">
            <input type="checkbox" checked={carryOver} onChange={(e) => setCarryOver(e.target.checked)} />
            {t("plans.carryOver")}
          </label>
          {fields.carryOver && <span className="field-error">{t("field.noPreviousPlan")}</span>}
          <button type="submit" data-testid="plan-create">
            {t("plans.create")}
          </button>
        </form>
      )}
    </section>
  );
}

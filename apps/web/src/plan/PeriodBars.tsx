/**
 * The multi-year plan periods (地域福祉計画 第4期, 介護保険事業計画 第9期 …) as bars across
 * fiscal years, with their milestones (事業評価 …) where the papers' 年間予定 prints them.
 * The secretariat adds, edits (PeriodEditor) and removes them; everyone else reads them.
 */
import { fiscalYearLabel, newId, orderAfterLast, PLAN_TEXT_LIMITS, parseFiscalYear } from "@tsumugi/domain";
import { useLayoutEffect, useRef, useState } from "react";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { FiscalYearInput } from "../ui/FiscalYearInput";
import { PeriodEditor, periodTitle } from "./PeriodEditor";
import { usePlanContext } from "./plan-context";
import { addRow, removeRow } from "./plan-edits";
import { useFiscalYear, useTable } from "./plan-store";
import "./period-bars.css";

export function PeriodBars() {
  const { store, doc, papersEditable } = usePlanContext();
  const fy = useFiscalYear(store);
  const periods = useTable(store, "planPeriods");
  const from = Math.min(fy - 2, ...periods.map((p) => p.startFiscalYear));
  const to = Math.max(fy + 3, ...periods.map((p) => p.endFiscalYear));
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const [name, setName] = useState("");
  const [start, setStart] = useState(fiscalYearLabel(fy));
  const [end, setEnd] = useState(fiscalYearLabel(fy + 2));
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const edited = periods.find((p) => p.id === editing) ?? null;
  // Where the years scroll sideways (a phone), this year's column starts in sight.
  const wrap = useRef<HTMLDivElement>(null);
  const yearCount = years.length;
  useLayoutEffect(() => {
    const box = wrap.current;
    const current = box?.querySelector<HTMLElement>("th.current");
    const head = box?.querySelector<HTMLElement>("th");
    if (!box || !current || !head || yearCount === 0) return;
    box.scrollLeft = Math.max(0, current.offsetLeft - head.offsetWidth);
  }, [yearCount]);

  const add = () => {
    const s = parseFiscalYear(start);
    const e = parseFiscalYear(end);
    if (name.trim() === "" || s === null || e === null || s < 1989 || e > 2200 || s > e) {
      setError(
        t(
          name.trim() === ""
            ? "field.required"
            : s !== null && e !== null && s > e
              ? "plan.periods.order"
              : "field.invalid",
        ),
      );
      return;
    }
    addRow(doc, "planPeriods", {
      id: newId(),
      order: orderAfterLast(periods),
      name: name.trim(),
      series: "",
      startFiscalYear: s,
      endFiscalYear: e,
      milestones: [],
    });
    setName("");
    setError(null);
  };

  return (
    <section className="period-bars" data-testid="period-bars">
      <h2>{t("plan.periods")}</h2>
      <div className="bars-wrap" ref={wrap}>
        <table className="grid-table bars">
          <thead>
            <tr>
              <th />
              {years.map((y) => (
                <th key={y} className={y === fy ? "current" : ""}>
                  {fiscalYearLabel(y)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={p.id} data-testid="period-row" className={p.id === editing ? "editing" : undefined}>
                <th scope="row">
                  <span className="period-title">{periodTitle(p)}</span>
                  {papersEditable && (
                    <span className="period-tools no-print">
                      <button
                        type="button"
                        className="link"
                        onClick={() => setEditing(p.id === editing ? null : p.id)}
                        aria-expanded={p.id === editing}
                        aria-label={t("plan.periods.editNamed", { name: periodTitle(p) })}
                        data-testid="period-edit"
                      >
                        {t("plan.periods.edit")}
                      </button>
                      <button
                        type="button"
                        className="icon danger"
                        title={t("plan.delete")}
                        aria-label={t("plan.periods.deleteNamed", { name: periodTitle(p) })}
                        onClick={() => {
                          if (!window.confirm(t("plan.confirmDelete", { title: periodTitle(p) }))) return;
                          if (editing === p.id) setEditing(null);
                          removeRow(doc, "planPeriods", p.id);
                        }}
                      >
                        ×
                      </button>
                    </span>
                  )}
                </th>
                {years.map((y) => {
                  const marks = p.milestones.filter((m) => m.fiscalYear === y);
                  return (
                    <td key={y} className={y >= p.startFiscalYear && y <= p.endFiscalYear ? "bar-on" : ""}>
                      {y === p.startFiscalYear && <span className="bar-name">{p.name}</span>}
                      {marks.map((m) => (
                        <span
                          key={m.label}
                          className="milestone"
                          title={m.label}
                          data-testid="period-milestone"
                        >
                          ◆{m.label}
                        </span>
                      ))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {papersEditable && edited && (
        <PeriodEditor key={edited.id} period={edited} onDone={() => setEditing(null)} />
      )}
      {papersEditable && !edited && (
        <form
          className="inline-form no-print"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label>
            {t("plan.periods.name")}
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={PLAN_TEXT_LIMITS.planPeriods.name}
            />
            <LimitHint value={name} max={PLAN_TEXT_LIMITS.planPeriods.name} />
          </label>
          <FiscalYearInput
            label={t("plan.periods.start")}
            value={start}
            onChange={setStart}
            testId="period-start"
          />
          <FiscalYearInput label={t("plan.periods.end")} value={end} onChange={setEnd} testId="period-end" />
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
          <button type="submit">{t("plan.periods.add")}</button>
        </form>
      )}
    </section>
  );
}

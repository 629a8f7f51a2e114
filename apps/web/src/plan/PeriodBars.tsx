/**
 * The multi-year plan periods (地域福祉計画 第4期, 介護保険事業計画 第9期 …) as bars across
 * fiscal years, with their milestones (事業評価 …) where the papers' 年間予定 prints them.
 * The secretariat adds, edits and removes them; everyone else reads them.
 */
import {
  checkPlanPeriodDraft,
  fiscalYearLabel,
  MILESTONE_LABEL_MAX,
  MILESTONES_MAX,
  newId,
  orderAfterLast,
  type PeriodDraftProblem,
  PLAN_TEXT_LIMITS,
  type PlanPeriod,
  parseFiscalYear,
  setRowField,
} from "@tsumugi/domain";
import { type FormEvent, useLayoutEffect, useRef, useState } from "react";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { FiscalYearInput } from "../ui/FiscalYearInput";
import { usePlanContext } from "./PlanPage";
import { addRow, removeRow } from "./plan-edits";
import { useFiscalYear, useTable } from "./plan-store";
import "./period-bars.css";

const periodTitle = (p: Pick<PlanPeriod, "series" | "name">) => (p.series ? `${p.series} ${p.name}` : p.name);

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

interface MilestoneLine {
  key: number;
  year: string;
  label: string;
}

/** One period's fields and milestones, checked as a whole and written in one change. */
function PeriodEditor({ period, onDone }: { period: PlanPeriod; onDone(): void }) {
  const { doc } = usePlanContext();
  const [series, setSeries] = useState(period.series);
  const [name, setName] = useState(period.name);
  const [start, setStart] = useState(fiscalYearLabel(period.startFiscalYear));
  const [end, setEnd] = useState(fiscalYearLabel(period.endFiscalYear));
  const nextKey = useRef(period.milestones.length);
  const [lines, setLines] = useState<MilestoneLine[]>(() =>
    period.milestones.map((m, key) => ({ key, year: fiscalYearLabel(m.fiscalYear), label: m.label })),
  );
  const [errors, setErrors] = useState<Record<string, PeriodDraftProblem>>({});
  const [gone, setGone] = useState(false);

  const readYear = (text: string) => (text.trim() === "" ? null : parseFiscalYear(text));
  const message = (field: string): string | null => {
    const problem = errors[field];
    if (!problem) return null;
    const s = readYear(start);
    const e = readYear(end);
    switch (problem) {
      case "required":
        return t("field.required");
      case "tooLong":
        return t("plan.periods.tooLong", {
          max:
            field === "name"
              ? PLAN_TEXT_LIMITS.planPeriods.name
              : field === "series"
                ? PLAN_TEXT_LIMITS.planPeriods.series
                : MILESTONE_LABEL_MAX,
        });
      case "year":
        return t("fiscalYear.invalid");
      case "order":
        return t("plan.periods.order");
      case "outside":
        return t("plan.periods.milestoneOutside", {
          from: s ? fiscalYearLabel(s) : "",
          to: e ? fiscalYearLabel(e) : "",
        });
      case "duplicate":
        return t("plan.periods.milestoneDuplicate");
      case "tooMany":
        return t("plan.periods.milestoneTooMany", { max: MILESTONES_MAX });
    }
  };
  const ErrorText = ({ field }: { field: string }) => {
    const text = message(field);
    return text ? (
      <span className="field-error" role="alert" data-testid={`period-error-${field}`}>
        {text}
      </span>
    ) : null;
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkPlanPeriodDraft({
      name,
      series,
      startFiscalYear: readYear(start),
      endFiscalYear: readYear(end),
      // A year typed but unreadable is not an empty line.
      milestones: lines.map((l) => ({
        fiscalYear: l.year.trim() === "" ? null : (parseFiscalYear(l.year) ?? Number.NaN),
        label: l.label,
      })),
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    let written = true;
    doc.transact(() => {
      for (const [field, value] of Object.entries(checked.value))
        written = setRowField(doc, "planPeriods", period.id, field, value) && written;
    });
    if (!written) {
      // Removed by someone else meanwhile: nothing is brought back.
      setGone(true);
      return;
    }
    onDone();
  };

  const setLine = (key: number, patch: Partial<MilestoneLine>) =>
    setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  return (
    <form className="period-editor no-print" onSubmit={save} data-testid="period-editor" noValidate>
      <h3>{t("plan.periods.editing", { name: periodTitle(period) })}</h3>
      {gone && (
        <p className="field-error" role="alert">
          {t("plan.periods.gone")}
        </p>
      )}
      <div className="period-fields">
        <label>
          <span className="field-label">{t("plan.periods.series")}</span>
          <input
            value={series}
            onChange={(e) => setSeries(e.target.value)}
            placeholder={t("plan.periods.seriesExample")}
            aria-invalid={errors.series ? true : undefined}
            data-testid="period-series"
          />
          <LimitHint value={series} max={PLAN_TEXT_LIMITS.planPeriods.series} />
          <ErrorText field="series" />
        </label>
        <label>
          <span className="field-label">{t("plan.periods.term")}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            data-testid="period-name"
          />
          <LimitHint value={name} max={PLAN_TEXT_LIMITS.planPeriods.name} />
          <ErrorText field="name" />
        </label>
        <span>
          <FiscalYearInput
            label={t("plan.periods.start")}
            value={start}
            onChange={setStart}
            testId="period-edit-start"
          />
          <ErrorText field="startFiscalYear" />
        </span>
        <span>
          <FiscalYearInput
            label={t("plan.periods.end")}
            value={end}
            onChange={setEnd}
            testId="period-edit-end"
          />
          <ErrorText field="endFiscalYear" />
        </span>
      </div>
      <fieldset className="milestones">
        <legend>{t("plan.periods.milestones")}</legend>
        {lines.length === 0 && <p className="muted small">{t("plan.periods.noMilestones")}</p>}
        <ol>
          {lines.map((l, i) => (
            <li key={l.key} data-testid="milestone-line">
              <span>
                <FiscalYearInput
                  label={t("plan.periods.milestoneYear")}
                  value={l.year}
                  onChange={(year) => setLine(l.key, { year })}
                  testId="milestone-year"
                />
                <ErrorText field={`milestones.${i}.fiscalYear`} />
              </span>
              <label className="milestone-label">
                <span className="field-label">{t("plan.periods.milestoneLabel")}</span>
                <input
                  value={l.label}
                  onChange={(e) => setLine(l.key, { label: e.target.value })}
                  placeholder={t("plan.periods.milestoneExample")}
                  aria-invalid={errors[`milestones.${i}.label`] ? true : undefined}
                  data-testid="milestone-label"
                />
                <LimitHint value={l.label} max={MILESTONE_LABEL_MAX} />
                <ErrorText field={`milestones.${i}.label`} />
              </label>
              <button
                type="button"
                className="link danger"
                onClick={() => setLines((all) => all.filter((x) => x.key !== l.key))}
                data-testid="milestone-remove"
              >
                {t("plan.periods.milestoneRemove")}
              </button>
            </li>
          ))}
        </ol>
        <ErrorText field="milestones" />
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const key = nextKey.current++;
            setLines((all) => [...all, { key, year: end, label: t("plan.periods.milestoneDefault") }]);
          }}
          data-testid="milestone-add"
        >
          {t("plan.periods.milestoneAdd")}
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" data-testid="period-save">
          {t("common.save")}
        </button>
        <button type="button" className="link" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

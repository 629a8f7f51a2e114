/** A plan period's editor (the secretariat's): its plan, term, years and milestones. */
import {
  checkPlanPeriodDraft,
  fiscalYearLabel,
  MILESTONE_LABEL_MAX,
  MILESTONES_MAX,
  type PeriodDraftProblem,
  PLAN_TEXT_LIMITS,
  type PlanPeriod,
  parseFiscalYear,
  setRowField,
} from "@tsumugi/domain";
import { type FormEvent, useRef, useState } from "react";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { FiscalYearInput } from "../ui/FiscalYearInput";
import { usePlanContext } from "./plan-context";

/** A period as people name it: its plan and term (介護保険事業計画 第9期), or its name alone. */
export const periodTitle = (p: Pick<PlanPeriod, "series" | "name">) =>
  p.series ? `${p.series} ${p.name}` : p.name;

interface MilestoneLine {
  key: number;
  year: string;
  label: string;
}

/** One period's fields and milestones, checked as a whole and written in one change. */
export function PeriodEditor({ period, onDone }: { period: PlanPeriod; onDone(): void }) {
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

/**
 * A plan period as someone edits it on screen (年度 typed in 和暦 or 西暦, already read into
 * numbers or null when unreadable) and what is wrong with it, field by field, before anything
 * is written into the plan.
 */
import {
  MILESTONE_LABEL_MAX,
  MILESTONES_MAX,
  type Milestone,
  PLAN_TEXT_LIMITS,
  type PlanPeriod,
} from "./plan-schema.js";

export interface PlanPeriodDraft {
  name: string;
  series: string;
  /** null: empty or not readable as a 年度. */
  startFiscalYear: number | null;
  endFiscalYear: number | null;
  /** fiscalYear null: left empty; NaN: typed but not readable as a 年度. */
  milestones: { fiscalYear: number | null; label: string }[];
}

/**
 * - required: empty; tooLong: over the field's limit; year: not a 年度 (or out of range);
 * - order: ends before it starts; outside: a milestone outside the period's years;
 * - duplicate: two milestones with the same 年度 and words; tooMany: more than MILESTONES_MAX.
 */
export type PeriodDraftProblem =
  | "required"
  | "tooLong"
  | "year"
  | "order"
  | "outside"
  | "duplicate"
  | "tooMany";

/** Field keys: name, series, startFiscalYear, endFiscalYear, milestones, milestones.<i>.fiscalYear, milestones.<i>.label. */
export type PeriodDraftErrors = Record<string, PeriodDraftProblem>;

export type PeriodFields = Pick<
  PlanPeriod,
  "name" | "series" | "startFiscalYear" | "endFiscalYear" | "milestones"
>;

const YEAR_MIN = 1989;
const YEAR_MAX = 2200;
const isYear = (y: number | null): y is number =>
  y !== null && Number.isInteger(y) && y >= YEAR_MIN && y <= YEAR_MAX;

export function checkPlanPeriodDraft(
  draft: PlanPeriodDraft,
): { ok: true; value: PeriodFields } | { ok: false; errors: PeriodDraftErrors } {
  const errors: PeriodDraftErrors = {};
  const name = draft.name.trim();
  const series = draft.series.trim();
  if (name === "") errors.name = "required";
  else if (name.length > PLAN_TEXT_LIMITS.planPeriods.name) errors.name = "tooLong";
  if (series.length > PLAN_TEXT_LIMITS.planPeriods.series) errors.series = "tooLong";
  const start = draft.startFiscalYear;
  const end = draft.endFiscalYear;
  if (!isYear(start)) errors.startFiscalYear = "year";
  if (!isYear(end)) errors.endFiscalYear = "year";
  else if (isYear(start) && end < start) errors.endFiscalYear = "order";

  // Rows left wholly empty are dropped, as a form's spare line.
  const rows = draft.milestones
    .map((m, index) => ({ index, fiscalYear: m.fiscalYear, label: m.label.trim() }))
    .filter((m) => m.fiscalYear !== null || m.label !== "");
  if (rows.length > MILESTONES_MAX) errors.milestones = "tooMany";
  const seen = new Set<string>();
  const milestones: Milestone[] = [];
  for (const m of rows) {
    const key = `milestones.${m.index}`;
    if (!isYear(m.fiscalYear)) errors[`${key}.fiscalYear`] = "year";
    else if (isYear(start) && isYear(end) && (m.fiscalYear < start || m.fiscalYear > end))
      errors[`${key}.fiscalYear`] = "outside";
    if (m.label === "") errors[`${key}.label`] = "required";
    else if (m.label.length > MILESTONE_LABEL_MAX) errors[`${key}.label`] = "tooLong";
    const same = `${m.fiscalYear}|${m.label}`;
    if (seen.has(same)) errors[`${key}.label`] = "duplicate";
    seen.add(same);
    if (isYear(m.fiscalYear)) milestones.push({ fiscalYear: m.fiscalYear, label: m.label });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      series,
      startFiscalYear: start as number,
      endFiscalYear: end as number,
      milestones: milestones.sort((a, b) => a.fiscalYear - b.fiscalYear),
    },
  };
}

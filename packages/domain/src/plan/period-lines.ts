/**
 * The lines the plan periods are drawn on (the papers' 年間予定, seed 003): the terms of one
 * plan (地域福祉計画 第3期, 第4期) share a line named by the plan; a period without a series
 * is a line of its own named by itself. A term overlapping one already on its plan's line (a
 * revision, a typo) gets a line of its own under the same name rather than covering it.
 */
import type { PlanPeriod } from "./plan-schema.js";

export interface PeriodLine {
  label: string;
  /** Named by the plan (series), not by a period of its own. */
  series: boolean;
  periods: PlanPeriod[];
}

export function planPeriodLines(periods: readonly PlanPeriod[]): PeriodLine[] {
  const out: PeriodLine[] = [];
  const overlaps = (a: PlanPeriod, b: PlanPeriod) =>
    a.startFiscalYear <= b.endFiscalYear && b.startFiscalYear <= a.endFiscalYear;
  for (const p of periods) {
    const label = p.series.trim();
    const line = label
      ? out.find((l) => l.series && l.label === label && !l.periods.some((q) => overlaps(p, q)))
      : undefined;
    if (line) line.periods.push(p);
    else out.push({ label: label || p.name, series: label !== "", periods: [p] });
  }
  return out;
}

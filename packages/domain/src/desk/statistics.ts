/**
 * Statistics of the consultation desk (事業評価): counts of consultations per month of a 年度
 * and per 年度, by consulter type, topic, method, response, desk and 日常生活圏域. Pure: the
 * server reads the coded facts of each consultation and folds them here; the web app draws
 * the same figures. Topics and responses allow several per consultation, so their rows add up
 * to more than the number of consultations.
 */
import { FISCAL_MONTHS } from "../fiscal-year.js";
import { DIMENSION_VOCABULARY, STATISTIC_DIMENSIONS, type StatisticDimension } from "./vocabulary.js";

/** The coded facts of one consultation: nothing that identifies anyone. */
export interface ConsultationFact {
  fiscalYear: number;
  /** Calendar month 1–12 (Japan time) of the consultation. */
  month: number;
  deskId: string;
  areaId: string | null;
  method: string;
  consulterType: string;
  topics: readonly string[];
  responses: readonly string[];
}

/** A named row of a workspace's own dimension (a desk, an area). */
export interface NamedCode {
  id: string;
  name: string;
}

export interface StatisticRow {
  /** The code (a vocabulary id, a desk id, an area id; "" for 未設定). */
  code: string;
  label: string;
  /** Counts for April … March. */
  months: number[];
  total: number;
}

export interface YearStatistics {
  fiscalYear: number;
  /** Consultations in the 年度. */
  total: number;
  /** Consultations per month, April … March. */
  months: number[];
  dimensions: Record<StatisticDimension, StatisticRow[]>;
}

export interface YearTotalsRow {
  code: string;
  label: string;
  /** Counts per 年度, in the order of `years`. */
  counts: number[];
}

export interface YearlyStatistics {
  years: number[];
  totals: number[];
  dimensions: Record<StatisticDimension, YearTotalsRow[]>;
}

/** The label of an area that was not recorded. */
export const AREA_UNSET = { code: "", label: "未設定" } as const;

/** The codes a fact counts under, per dimension. */
function codesOf(fact: ConsultationFact, dimension: StatisticDimension): readonly string[] {
  switch (dimension) {
    case "consulterType":
      return [fact.consulterType];
    case "method":
      return [fact.method];
    case "topic":
      return [...new Set(fact.topics)];
    case "response":
      return [...new Set(fact.responses)];
    case "desk":
      return [fact.deskId];
    case "area":
      return [fact.areaId ?? AREA_UNSET.code];
  }
}

/** The rows of a dimension, in the order they are shown: the vocabulary's, or the named list's. */
function rowsOf(
  dimension: StatisticDimension,
  desks: readonly NamedCode[],
  areas: readonly NamedCode[],
): { code: string; label: string }[] {
  const vocabulary = DIMENSION_VOCABULARY[dimension];
  if (vocabulary) return vocabulary.map((v) => ({ code: v.id, label: v.label }));
  if (dimension === "desk") return desks.map((d) => ({ code: d.id, label: d.name }));
  return [...areas.map((a) => ({ code: a.id, label: a.name })), { ...AREA_UNSET }];
}

/** Index of a calendar month in the 年度 (April = 0 … March = 11). */
export function fiscalMonthIndex(month: number): number {
  return FISCAL_MONTHS.indexOf(month);
}

/**
 * The 年度's figures: every row of every dimension, zeros included, so a table reads the
 * same every month. Codes no longer in a list (a deleted desk) still count, under their code.
 */
export function yearStatistics(
  facts: readonly ConsultationFact[],
  fiscalYear: number,
  desks: readonly NamedCode[],
  areas: readonly NamedCode[],
): YearStatistics {
  const inYear = facts.filter((f) => f.fiscalYear === fiscalYear);
  const months = Array<number>(12).fill(0);
  const dimensions = {} as Record<StatisticDimension, StatisticRow[]>;
  for (const dimension of STATISTIC_DIMENSIONS) {
    const rows = new Map<string, StatisticRow>(
      rowsOf(dimension, desks, areas).map((r) => [
        r.code,
        { ...r, months: Array<number>(12).fill(0), total: 0 },
      ]),
    );
    for (const f of inYear) {
      const m = fiscalMonthIndex(f.month);
      if (m < 0) continue;
      for (const code of codesOf(f, dimension)) {
        let row = rows.get(code);
        if (!row) {
          row = { code, label: code, months: Array<number>(12).fill(0), total: 0 };
          rows.set(code, row);
        }
        row.months[m] += 1;
        row.total += 1;
      }
    }
    dimensions[dimension] = [...rows.values()];
  }
  for (const f of inYear) {
    const m = fiscalMonthIndex(f.month);
    if (m >= 0) months[m] += 1;
  }
  return { fiscalYear, total: inYear.length, months, dimensions };
}

/** Totals per 年度 over `years` (oldest first), by the same dimensions. */
export function yearlyStatistics(
  facts: readonly ConsultationFact[],
  years: readonly number[],
  desks: readonly NamedCode[],
  areas: readonly NamedCode[],
): YearlyStatistics {
  const perYear = years.map((fy) => yearStatistics(facts, fy, desks, areas));
  const dimensions = {} as Record<StatisticDimension, YearTotalsRow[]>;
  for (const dimension of STATISTIC_DIMENSIONS) {
    const rows = new Map<string, YearTotalsRow>();
    perYear.forEach((stats, i) => {
      for (const r of stats.dimensions[dimension]) {
        let row = rows.get(r.code);
        if (!row) {
          row = { code: r.code, label: r.label, counts: Array<number>(years.length).fill(0) };
          rows.set(r.code, row);
        }
        row.counts[i] = r.total;
      }
    });
    dimensions[dimension] = [...rows.values()];
  }
  return { years: [...years], totals: perYear.map((s) => s.total), dimensions };
}

/** Consultations per (年度, month): what the indicator 相談件数 shows, derived from the records. */
export interface MonthCount {
  fiscalYear: number;
  month: number;
  count: number;
}

/** Monthly counts plus one yearly total (month 0) per 年度, as indicator values are kept. */
export function indicatorCounts(counts: readonly MonthCount[]): MonthCount[] {
  const years = new Map<number, number>();
  const out: MonthCount[] = [];
  for (const c of counts) {
    out.push(c);
    years.set(c.fiscalYear, (years.get(c.fiscalYear) ?? 0) + c.count);
  }
  for (const [fiscalYear, count] of years) out.push({ fiscalYear, month: 0, count });
  return out.sort((a, b) => a.fiscalYear - b.fiscalYear || a.month - b.month);
}

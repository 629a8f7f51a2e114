/**
 * Indicator arithmetic: the value of a rate from its numerator and denominator, normalisation
 * per 10,000 people (aged 75+, 65+ or all) of the same 年度, series over years with gaps,
 * and group averages. Missing data and zero denominators give null, never 0 or Infinity.
 */
import type { IndicatorKind, Normalisation } from "./catalogue.js";

export interface Population {
  total: number | null;
  aged65: number | null;
  aged75: number | null;
}

export interface ValueInput {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** A rate's value in % (one decimal is the caller's to round); null without a denominator. */
export function rateOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return (numerator / denominator) * 100;
}

/** The figure of an entry: rates from their parts when given, else the entered value. */
export function figureOf(kind: IndicatorKind, v: ValueInput): number | null {
  if (kind === "rate" && v.numerator !== null && v.denominator !== null)
    return rateOf(v.numerator, v.denominator);
  return v.value;
}

export function baseOf(
  normalisation: Normalisation,
  population: Population | null | undefined,
): number | null {
  if (!population) return null;
  switch (normalisation) {
    case "per10k75":
      return population.aged75;
    case "per10k65":
      return population.aged65;
    case "per10kPop":
      return population.total;
    default:
      return null;
  }
}

/** Per 10,000 of the base population; the value itself when not normalised. */
export function normalise(
  value: number | null,
  normalisation: Normalisation,
  population: Population | null | undefined,
): number | null {
  if (value === null) return null;
  if (normalisation === "none") return value;
  const base = baseOf(normalisation, population);
  if (base === null || base <= 0) return null;
  return (value / base) * 10_000;
}

export interface SeriesPoint {
  fiscalYear: number;
  value: number | null;
  normalised: number | null;
  target: number | null;
}

/** One point per 年度 from `from` to `to`, null where nothing was entered. */
export function yearSeries(
  entries: readonly { fiscalYear: number; value: number | null; target: number | null }[],
  from: number,
  to: number,
  normalisation: Normalisation,
  populations: ReadonlyMap<number, Population>,
): SeriesPoint[] {
  const byYear = new Map(entries.map((e) => [e.fiscalYear, e]));
  const out: SeriesPoint[] = [];
  for (let fy = from; fy <= to; fy++) {
    const e = byYear.get(fy);
    const value = e?.value ?? null;
    out.push({
      fiscalYear: fy,
      value,
      normalised: normalise(value, normalisation, populations.get(fy)),
      target: e?.target ?? null,
    });
  }
  return out;
}

/** Mean of the values present; null when none is. */
export function averageOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return null;
  return present.reduce((a, b) => a + b, 0) / present.length;
}

/** Rounds for display and export: one decimal for rates and normalised figures. */
export function roundFigure(value: number | null, digits = 1): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

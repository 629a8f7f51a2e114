/**
 * When an action runs: months of the 年度 ("2023-04") or exact dates ("2023-05-10"), an
 * open start or end allowed. Month-level ends mean the end of that month.
 */
import { fiscalYearOfIsoDate } from "../fiscal-year.js";

export interface Period {
  start: string | null;
  end: string | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isPeriodPoint(value: unknown): value is string {
  if (typeof value !== "string") return false;
  if (MONTH.test(value)) return true;
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The last day a point covers: the date itself, or the month's last day. */
export function lastDayOf(point: string): string {
  if (point.length === 10) return point;
  const [y, m] = point.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${point}-${String(last).padStart(2, "0")}`;
}

export function firstDayOf(point: string): string {
  return point.length === 10 ? point : `${point}-01`;
}

/** Is the period over on `today` (ISO date)? Open ends are never over. */
export function isPeriodOver(period: Period, today: string): boolean {
  return period.end !== null && lastDayOf(period.end) < today;
}

export function hasPeriodStarted(period: Period, today: string): boolean {
  return period.start === null || firstDayOf(period.start) <= today;
}

/** Does the period touch the month `yearMonth` ("2024-01")? */
export function periodTouchesMonth(period: Period, yearMonth: string): boolean {
  const first = `${yearMonth}-01`;
  const last = lastDayOf(yearMonth);
  const startsBeforeEnd = period.start === null || firstDayOf(period.start) <= last;
  const endsAfterStart = period.end === null || lastDayOf(period.end) >= first;
  return startsBeforeEnd && endsAfterStart;
}

/** Moves a period one 年度 later (for carrying an action into next year's plan). */
export function shiftPeriodOneYear(period: Period): Period {
  const shift = (p: string | null) => {
    if (p === null) return null;
    const y = Number(p.slice(0, 4)) + 1;
    const shifted = `${y}${p.slice(4)}`;
    // 29 February has no counterpart in most years.
    return isPeriodPoint(shifted) ? shifted : `${y}${p.slice(4, 7)}-28`;
  };
  return { start: shift(period.start), end: shift(period.end) };
}

/** The 年度 a period point falls in. */
export function fiscalYearOfPoint(point: string): number {
  return fiscalYearOfIsoDate(firstDayOf(point));
}

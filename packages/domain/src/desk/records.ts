/**
 * Rules of consultation records that server and web share: when a consultation may have been
 * received (not in the future), its 年度 and month, the retention cut-off, the form a name is
 * compared in for the exact-name search, and the check that an anonymised summary copies
 * nothing that identifies the person.
 */
import { japanDateTime } from "../dates.js";
import { fiscalYearOfIsoDate } from "../fiscal-year.js";

/** A local Japan date-time as typed and stored: 2025-05-25T14:05. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
export const ISO_DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The earliest date a record may carry (records before the program are typos). */
export const EARLIEST_RECORD_DATE = "2000-04-01";
/** A clock a little ahead of the server's may stamp "now": this much is still accepted. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Is `iso` (YYYY-MM-DD) a real calendar day? */
export function isCalendarDate(iso: string): boolean {
  const m = ISO_DATE_ONLY.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso;
}

/** Is `value` a real local date-time (2025-05-25T14:05; 24:00 and 2月30日 are not)? */
export function isLocalDateTime(value: string): boolean {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m || !isCalendarDate(value.slice(0, 10))) return false;
  return Number(m[4]) < 24 && Number(m[5]) < 60;
}

/** Now as a local Japan date-time string, comparable with stored ones. */
export function japanNow(now: number = Date.now()): string {
  const { date, time } = japanDateTime(now);
  return `${date}T${time}`;
}

export type ReceivedAtProblem = "format" | "future" | "tooOld";

/** Why a consultation's time is refused, or null: not a date-time, in the future, before 2000. */
export function receivedAtProblem(value: string, now: number = Date.now()): ReceivedAtProblem | null {
  if (!isLocalDateTime(value)) return "format";
  if (value > japanNow(now + FUTURE_TOLERANCE_MS)) return "future";
  if (value.slice(0, 10) < EARLIEST_RECORD_DATE) return "tooOld";
  return null;
}

/** Why a date (birth date) is refused: not a date, in the future, or before 1900. */
export function pastDateProblem(value: string, now: number = Date.now()): ReceivedAtProblem | null {
  if (!isCalendarDate(value)) return "format";
  if (value > japanDateTime(now).date) return "future";
  if (value < "1900-01-01") return "tooOld";
  return null;
}

/** The 年度 and calendar month of a local date-time (2026-03-31T23:59 is 2025年度, 3月). */
export function fiscalYearAndMonth(local: string): { fiscalYear: number; month: number } {
  return { fiscalYear: fiscalYearOfIsoDate(local), month: Number(local.slice(5, 7)) };
}

/**
 * The day before which cases are anonymised: cases whose last contact is older than
 * `years` full years before today (Japan). 2031-06-01 with 5 years → 2026-06-01.
 */
export function retentionCutoff(years: number, now: number = Date.now()): string {
  const today = japanDateTime(now).date;
  const y = Number(today.slice(0, 4)) - years;
  const md = today.slice(5);
  // 29 February of a leap year becomes 1 March when the year back has none.
  const candidate = `${String(y).padStart(4, "0")}-${md}`;
  return isCalendarDate(candidate) ? candidate : `${String(y).padStart(4, "0")}-03-01`;
}

/**
 * A name as the exact-name search compares it: the same whatever the width (ＡＢＣ/ABC,
 * ｶﾀｶﾅ/カタカナ), spaces (山田 太郎 / 山田　太郎 / 山田太郎) and letter case. Nothing else
 * is folded: 髙橋 and 高橋, or ひらがな and カタカナ, are different names.
 */
export function normaliseName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

function compact(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

function digitsOf(text: string): string {
  return text.normalize("NFKC").replace(/\D+/g, "");
}

/**
 * The pieces of identifying values an anonymised text must not contain: each value (and each
 * part of a name, such as the family name) of two characters or more, and the digits of a
 * phone number or date of six or more.
 */
export function identifyingFragments(values: readonly (string | null | undefined)[]): {
  text: string[];
  digits: string[];
} {
  const text = new Set<string>();
  const digits = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    const whole = compact(value);
    if (whole.length >= 2) text.add(whole);
    for (const part of value.normalize("NFKC").split(/[\s・,、/]+/u)) {
      const p = compact(part);
      if (p.length >= 2) text.add(p);
    }
    const d = digitsOf(value);
    if (d.length >= 6) digits.add(d);
  }
  return { text: [...text], digits: [...digits] };
}

/** Does `text` contain any of the fragments (compared without spaces, width or case)? */
export function containsIdentifying(
  text: string,
  fragments: { text: readonly string[]; digits: readonly string[] },
): boolean {
  const body = compact(text);
  if (fragments.text.some((f) => body.includes(f))) return true;
  // Numbers as written, separators and all (03-1234-5678, (03)1234 5678), compared digit by digit.
  const numbers = (text.normalize("NFKC").match(/\d[\d\-‐−ー()（） ]*\d/g) ?? []).map(digitsOf);
  return fragments.digits.some((d) => numbers.some((n) => n.includes(d)));
}

/**
 * Dates and 年度 as officials write and type them.
 *
 * Shown: 令和5年5月25日（木）, with times as 14:00〜16:00. Timestamps are shown in Japan time
 * whatever the machine's time zone (municipal staff read Japanese dates).
 * Typed: a 年度 may be written 令和8, R8, 令和8年度, 令和元年度, H30, 2026, 2026年度, with
 * full-width digits and letters too.
 */
import { ERAS, eraOfIsoDate, fiscalYearLabel, fiscalYearOfIsoDate } from "./fiscal-year.js";

export const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** 木 for 2023-05-25 (the calendar day itself: no time zone involved). */
export function weekdayOfIsoDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return WEEKDAYS[new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()];
}

function eraYearText(n: number): string {
  return n === 1 ? "元" : String(n);
}

/** 令和5年5月25日（木）; 令和元年5月1日（水）; 平成31年4月30日（火）. */
export function formatIsoDate(iso: string, opts: { weekday?: boolean } = {}): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  const { era, year } = eraOfIsoDate(iso);
  const date = `${era}${eraYearText(year)}年${Number(m[2])}月${Number(m[3])}日`;
  return opts.weekday === false ? date : `${date}（${weekdayOfIsoDate(iso)}）`;
}

/** 令和5年10月 for "2023-10"; a full date for "2023-10-05" (plan periods hold either). */
export function formatMonthOrDate(point: string): string {
  if (/^\d{4}-\d{2}$/.test(point)) {
    const { era, year } = eraOfIsoDate(`${point}-01`);
    return `${era}${eraYearText(year)}年${Number(point.slice(5, 7))}月`;
  }
  return formatIsoDate(point);
}

const japanParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** A timestamp (ms) as Japan's local date and time: `{ date: "2023-05-25", time: "14:05" }`. */
export function japanDateTime(ms: number): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const p of japanParts.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Today's date in Japan, ISO (`2026-03-31`), whatever the machine's time zone. Every "today"
 * and "this 年度" of the app comes from here (or `currentFiscalYear`): never local date parts
 * of a shifted Date, which are off by the machine's own offset.
 */
export function todayInJapan(now: number = Date.now()): string {
  return japanDateTime(now).date;
}

/**
 * The instant (ms) a day begins in Japan, for an ISO date `2026-03-31`; null when it is not a
 * calendar date. Japan keeps UTC+9 all year (no daylight saving time).
 */
export function japanMidnight(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(utcMidnight).toISOString().slice(0, 10) !== iso) return null;
  return Date.parse(`${iso}T00:00:00+09:00`);
}

/** The 年度 it is now in Japan: 2025 until 31 March 2026 23:59 Japan time. */
export function currentFiscalYear(now: number = Date.now()): number {
  return fiscalYearOfIsoDate(todayInJapan(now));
}

/** 令和5年5月25日（木）14:05 for a timestamp, in Japan time. */
export function formatTimestamp(ms: number, opts: { time?: boolean } = {}): string {
  const { date, time } = japanDateTime(ms);
  return opts.time === false ? formatIsoDate(date) : `${formatIsoDate(date)}${time}`;
}

/**
 * A meeting's time as officials write it: 令和5年5月25日（木）14:00〜16:00, from local ISO
 * date-times ("2023-05-25T14:00"). An end on another day carries its own date.
 */
export function formatTimeRange(startsAt: string, endsAt?: string | null): string {
  const start = `${formatIsoDate(startsAt)}${startsAt.slice(11, 16)}`;
  if (!endsAt) return start;
  const sameDay = endsAt.slice(0, 10) === startsAt.slice(0, 10);
  return `${start}〜${sameDay ? "" : formatIsoDate(endsAt)}${endsAt.slice(11, 16)}`;
}

/** The 年度 this app labels: 大正2年度 (1913) … 令和99年度 (2117). */
const FIRST_FY = ERAS[ERAS.length - 1].firstFiscalYear;
const LAST_FY = Number(ERAS[0].start.slice(0, 4)) + 98;

const ERA_LETTERS: Record<string, string> = { R: "令和", H: "平成", S: "昭和", T: "大正" };

/** The last year number an era reached (令和 is open). */
function eraLastYear(name: string): number {
  const i = ERAS.findIndex((e) => e.name === name);
  if (i <= 0) return 99;
  const next = ERAS[i - 1];
  return Number(next.start.slice(0, 4)) - Number(ERAS[i].start.slice(0, 4)) + 1;
}

/**
 * A 年度 typed by a person: 令和8, 令和8年度, 令和八年度, R8, r8, Ｒ８, 令和元年度, H30, 平成31年度, 2026,
 * 2026年度, ２０２６, FY2026. Returns the fiscal year (2026), or null when the text is not a
 * 年度 this app can label (before 大正 or after 令和99).
 */
export function parseFiscalYear(input: string | number): number | null {
  if (typeof input === "number") {
    return Number.isInteger(input) && input >= FIRST_FY && input <= LAST_FY ? input : null;
  }
  const s = input.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (s === "") return null;
  const western = /^(?:FY)?(\d{4})(?:年度?)?$/.exec(s);
  if (western) {
    const fy = Number(western[1]);
    return fy >= FIRST_FY && fy <= LAST_FY ? fy : null;
  }
  const era = /^(令和|平成|昭和|大正|[RHST])\.?(\d{1,2}|元|[一二三四五六七八九十]{1,3})(?:年度?)?$/.exec(s);
  if (!era) return null;
  const name = ERA_LETTERS[era[1]] ?? era[1];
  const n = era[2] === "元" ? 1 : /^\d+$/.test(era[2]) ? Number(era[2]) : kanjiNumber(era[2]);
  if (!(n >= 1 && n <= eraLastYear(name))) return null;
  const fy = eraFirstYear(name) + n - 1;
  // 大正元年度 (1912) began before the first 年度 this app labels.
  return fy >= FIRST_FY ? fy : null;
}

const KANJI_DIGITS = "一二三四五六七八九";

/** 八 → 8, 十 → 10, 三十一 → 31 (the numbers era years use); NaN otherwise. */
function kanjiNumber(text: string): number {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || (!m[2] && (m[1] === undefined) === (m[3] === undefined))) return Number.NaN;
  const digit = (c: string | undefined) => (c ? KANJI_DIGITS.indexOf(c) + 1 : 0);
  if (!m[2]) return digit(m[1] ?? m[3]);
  return (m[1] ? digit(m[1]) : 1) * 10 + digit(m[3]);
}

function eraFirstYear(name: string): number {
  const era = ERAS.find((e) => e.name === name);
  if (!era) throw new RangeError(`unknown era: ${name}`);
  return Number(era.start.slice(0, 4));
}

/** "令和8年度（2026年度）" for what was typed, or null when it is not a 年度. */
export function fiscalYearHint(text: string): string | null {
  const fy = parseFiscalYear(text);
  return fy === null ? null : `${fiscalYearLabel(fy)}（${fy}年度）`;
}

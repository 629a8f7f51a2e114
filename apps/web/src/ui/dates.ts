/**
 * Dates as officials write them: 和暦 with the weekday (令和5年5月25日（木）), times in Japan
 * time, and the 年度 label. The formatting itself lives in @tsumugi/domain (dates.ts).
 */
import {
  fiscalYearLabel,
  fiscalYearOf,
  formatIsoDate,
  formatMonthOrDate,
  formatTimeRange,
  formatTimestamp,
  japanDateTime,
} from "@tsumugi/domain";

/** 令和5年5月25日（木）14:05 */
export function formatWarekiDateTime(ms: number): string {
  return formatTimestamp(ms);
}

/** 令和5年5月25日（木） */
export function formatWarekiDate(ms: number): string {
  return formatTimestamp(ms, { time: false });
}

/** The 年度 today is in, in Japan. */
export function currentFiscalYear(now = Date.now()): number {
  const [y, m, d] = japanDateTime(now).date.split("-").map(Number);
  return fiscalYearOf(new Date(y, m - 1, d));
}

export function currentFiscalYearLabel(now = Date.now()): string {
  return fiscalYearLabel(currentFiscalYear(now));
}

export { formatIsoDate, formatMonthOrDate, formatTimeRange };

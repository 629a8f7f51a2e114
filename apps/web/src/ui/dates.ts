/**
 * Dates as officials write them: 和暦 with the weekday (令和5年5月25日（木）), times in Japan
 * time, and the 年度 label. The formatting itself lives in @tsumugi/domain (dates.ts).
 */
import {
  currentFiscalYear,
  fiscalYearLabel,
  formatIsoDate,
  formatMonthOrDate,
  formatTimeRange,
  formatTimestamp,
} from "@tsumugi/domain";

/** 令和5年5月25日（木）14:05 */
export function formatWarekiDateTime(ms: number): string {
  return formatTimestamp(ms);
}

/** 令和5年5月25日（木） */
export function formatWarekiDate(ms: number): string {
  return formatTimestamp(ms, { time: false });
}

export function currentFiscalYearLabel(now = Date.now()): string {
  return fiscalYearLabel(currentFiscalYear(now));
}

export { currentFiscalYear, formatIsoDate, formatMonthOrDate, formatTimeRange };

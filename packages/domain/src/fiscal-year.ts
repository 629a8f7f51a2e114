/**
 * Fiscal year (年度) arithmetic and Japanese era (和暦) labels.
 *
 * A fiscal year runs 1 April – 31 March and is named by the calendar year it starts in.
 * We do not rely on ICU's Japanese calendar: it does not write 元年 and it labels by
 * calendar date, while officials label a fiscal year by convention (FY2019 = 令和元年度
 * although 1 April 2019 was still Heisei).
 */

export interface Era {
  name: string;
  /** First calendar day of the era, ISO date. */
  start: string;
  /** First fiscal year officially labelled with this era. */
  firstFiscalYear: number;
}

/** Newest first. */
export const ERAS: readonly Era[] = [
  { name: "令和", start: "2019-05-01", firstFiscalYear: 2019 },
  { name: "平成", start: "1989-01-08", firstFiscalYear: 1989 },
  { name: "昭和", start: "1926-12-25", firstFiscalYear: 1927 },
  { name: "大正", start: "1912-07-30", firstFiscalYear: 1913 },
];

const eraStartYear = (era: Era): number => Number(era.start.slice(0, 4));

function eraYearText(n: number): string {
  return n === 1 ? "元" : String(n);
}

/**
 * The fiscal year of a calendar date built from its parts (`new Date(y, m, d)`: local date
 * parts are read). Not for "now": use `currentFiscalYear()` (dates.ts), which is Japan's.
 */
export function fiscalYearOf(date: Date): number {
  const year = date.getFullYear();
  return date.getMonth() >= 3 ? year : year - 1;
}

/** The fiscal year of an ISO date string `YYYY-MM-DD` (no time-zone drift). */
export function fiscalYearOfIsoDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  const year = Number(m[1]);
  return Number(m[2]) >= 4 ? year : year - 1;
}

/** First and last day (ISO) of a fiscal year. */
export function fiscalYearRange(fy: number): { start: string; end: string } {
  return { start: `${fy}-04-01`, end: `${fy + 1}-03-31` };
}

/** Era and year number used to label a fiscal year. */
export function fiscalYearEra(fy: number): { era: string; year: number } {
  if (!Number.isInteger(fy)) throw new RangeError(`fiscal year must be an integer: ${fy}`);
  const era = ERAS.find((e) => fy >= e.firstFiscalYear);
  if (!era) throw new RangeError(`fiscal year before 大正 is not supported: ${fy}`);
  return { era: era.name, year: fy - eraStartYear(era) + 1 };
}

/** 令和5年度 for 2023, 令和元年度 for 2019, 平成30年度 for 2018. */
export function fiscalYearLabel(fy: number): string {
  const { era, year } = fiscalYearEra(fy);
  return `${era}${eraYearText(year)}年度`;
}

/** "令和5年度（2023年度）": both forms, as many municipal documents print them. */
export function fiscalYearLabelWithWestern(fy: number): string {
  return `${fiscalYearLabel(fy)}（${fy}年度）`;
}

/** Era of a calendar date, by the era's actual start day. */
export function eraOfIsoDate(iso: string): { era: string; year: number } {
  const day = iso.slice(0, 10);
  const era = ERAS.find((e) => day >= e.start);
  if (!era) throw new RangeError(`date before 大正 is not supported: ${iso}`);
  return { era: era.name, year: Number(day.slice(0, 4)) - eraStartYear(era) + 1 };
}

/** 令和5年5月25日 */
export function warekiDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  const { era, year } = eraOfIsoDate(iso);
  return `${era}${eraYearText(year)}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Months of a fiscal year in order: April (4) … March (3). */
export const FISCAL_MONTHS: readonly number[] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];

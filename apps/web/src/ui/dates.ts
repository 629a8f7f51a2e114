/** Dates as officials write them: 和暦 with the time, and the 年度 label. */
import { fiscalYearLabel, fiscalYearOf, warekiDate } from "@tsumugi/domain";

function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function formatWarekiDateTime(ms: number): string {
  const d = new Date(ms);
  const time = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  return `${warekiDate(isoDate(d))} ${time}`;
}

export function formatWarekiDate(ms: number): string {
  return warekiDate(isoDate(new Date(ms)));
}

export function currentFiscalYearLabel(now = new Date()): string {
  return fiscalYearLabel(fiscalYearOf(now));
}

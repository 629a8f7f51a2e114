/**
 * The meeting notice (開催通知) as officials write it: 令和5年7月31日（月）14時00分〜16時00分,
 * and the day by which attendance is to be answered.
 */
import { formatIsoDate } from "../dates.js";

function timeText(localDateTime: string): string {
  const [h, m] = localDateTime.slice(11, 16).split(":");
  return `${Number(h)}時${m}分`;
}

/** 令和5年7月31日（月）14時00分〜16時00分; an end on another day carries its own date. */
export function noticeDateTime(startsAt: string, endsAt?: string | null): string {
  const start = `${formatIsoDate(startsAt)}${timeText(startsAt)}`;
  if (!endsAt) return start;
  const sameDay = endsAt.slice(0, 10) === startsAt.slice(0, 10);
  return `${start}〜${sameDay ? "" : formatIsoDate(endsAt)}${timeText(endsAt)}`;
}

/**
 * The day attendance is to be answered by: `days` before the meeting (a week by default),
 * moved back to the Friday before when it falls on a weekend. ISO date.
 */
export function replyByDate(startsAt: string, days = 7): string {
  const [y, m, d] = startsAt.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d - days));
  const weekday = date.getUTCDay();
  if (weekday === 0) date.setUTCDate(date.getUTCDate() - 2);
  if (weekday === 6) date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

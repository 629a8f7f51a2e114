/** How a meeting's date and time read on screen: 令和5年5月25日（木）14:00〜16:00. */
import { formatTimeRange } from "@tsumugi/domain";

export function meetingWhen(m: { startsAt: string; endsAt: string | null }): string {
  return formatTimeRange(m.startsAt, m.endsAt);
}

/** The same while a date and time are being typed: "" until the start reads as one. */
export function meetingWhenTyped(startsAt: string, endsAt: string): string {
  const full = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
  if (!full.test(startsAt)) return "";
  return meetingWhen({ startsAt, endsAt: full.test(endsAt) ? endsAt : null });
}

/** "12:05" for an elapsed time in ms. */
export function elapsedText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, "0")}`;
}

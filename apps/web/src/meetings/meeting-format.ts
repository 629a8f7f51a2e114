/** How a meeting's date and time read on screen: 令和5年5月25日（木）14:00〜16:00. */
import { formatTimeRange } from "@tsumugi/domain";

export function meetingWhen(m: { startsAt: string; endsAt: string | null }): string {
  return formatTimeRange(m.startsAt, m.endsAt);
}

/** "12:05" for an elapsed time in ms. */
export function elapsedText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, "0")}`;
}

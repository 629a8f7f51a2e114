/** The meeting papers API (server: apps/server/src/meeting-papers), typed from @tsumugi/contract. */
import type { MeetingPaperSettingsResult, UpdateMeetingPaperSettings } from "@tsumugi/contract";
import { get, patch } from "../api/client";

export function meetingPapersApi(wid: string) {
  const base = `/api/workspaces/${wid}`;
  return {
    settings: () => get<MeetingPaperSettingsResult>(`${base}/meeting-papers/settings`),
    updateSettings: (body: UpdateMeetingPaperSettings) =>
      patch<MeetingPaperSettingsResult>(`${base}/meeting-papers/settings`, body),
    /** The 議事録 as a Word file (a download link). */
    minutesDocxUrl: (mid: string) => `${base}/meetings/${mid}/minutes.docx`,
    /** The 開催通知 as a Word file, with its own number and date when given. */
    noticeDocxUrl: (mid: string, q: { number?: string; date?: string } = {}) => {
      const params = new URLSearchParams();
      if (q.number?.trim()) params.set("number", q.number.trim());
      if (q.date) params.set("date", q.date);
      const query = params.toString();
      return `${base}/meetings/${mid}/notice.docx${query ? `?${query}` : ""}`;
    },
  };
}

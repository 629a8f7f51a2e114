/**
 * The meetings API (server: apps/server/src/meetings), typed from @tsumugi/contract. The papers
 * (settings, Word files) are in meeting-papers-api.ts, the minutes' correction round in
 * comments/comments-api.ts.
 */
import type {
  CreateMeeting,
  DecisionList,
  MeetingBacklog,
  MeetingDetail,
  MeetingList,
  MeetingPlanChanges,
  MeetingResult,
  MoveMeeting,
  MoveMinutes,
  OutcomeActionCreated,
  OutcomeToAction,
  UpdateMeeting,
} from "@tsumugi/contract";
import { get, patch, post } from "../api/client";
import { getRemembered } from "../offline/remembered";

export function meetingsApi(wid: string) {
  const base = `/api/workspaces/${wid}/meetings`;
  return {
    list: () => get<MeetingList>(base),
    create: (body: CreateMeeting) => post<MeetingResult>(base, body),
    /** Remembered for offline use (the meeting page opens from it). */
    get: (mid: string) => getRemembered<MeetingDetail>(`${base}/${mid}`),
    update: (mid: string, body: UpdateMeeting) => patch<MeetingResult>(`${base}/${mid}`, body),
    /** 下書き → 公開 → 開催中 → 終了. */
    move: (mid: string, body: MoveMeeting) => post<MeetingResult>(`${base}/${mid}/state`, body),
    /** The minutes: 確認依頼 (circulating) or 確定 (fixed). */
    moveMinutes: (mid: string, body: MoveMinutes) =>
      post<MeetingResult>(`${base}/${mid}/minutes-state`, body),
    decisions: (q: string) => get<DecisionList>(`${base}/decisions?q=${encodeURIComponent(q)}`),
    /** The plan's changes since the previous meeting of the kind and group closed. */
    changes: (mid: string) => get<MeetingPlanChanges>(`${base}/${mid}/changes`),
    /** The previous meeting's agenda items not reached. */
    backlog: (mid: string) => get<MeetingBacklog>(`${base}/${mid}/backlog`),
    /** An outcome (決定事項) becomes an action of the year's plan (owner and period: the server's defaults). */
    outcomeToAction: (mid: string, oid: string, body: OutcomeToAction = {}) =>
      post<OutcomeActionCreated>(`${base}/${mid}/outcomes/${oid}/action`, body),
    /** The minutes as Markdown (a download link). */
    markdownUrl: (mid: string) => `${base}/${mid}/markdown`,
    /** Server-sent events: meetings created and moved. */
    eventsUrl: () => `${base}/events`,
  };
}

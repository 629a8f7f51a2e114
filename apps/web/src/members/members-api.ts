/** The members API (server: apps/server/src/members), typed from @tsumugi/contract. */
import type { MemberList, UpdateMember } from "@tsumugi/contract";
import { patch, post } from "../api/client";
import { getRemembered } from "../offline/remembered";

export function membersApi(wid: string) {
  const base = `/api/workspaces/${wid}/members`;
  return {
    /** Remembered for offline use. */
    list: () => getRemembered<MemberList>(base),
    update: (uid: string, body: UpdateMember) => patch<void>(`${base}/${uid}`, body),
    endSessions: (uid: string) => post<void>(`${base}/${uid}/end-sessions`),
  };
}

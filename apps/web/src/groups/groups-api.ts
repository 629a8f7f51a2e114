/** The groups API (server: apps/server/src/groups), typed from @tsumugi/contract. */
import type { CreateGroup, GroupList, GroupResult, UpdateGroup } from "@tsumugi/contract";
import { del, patch, post, put } from "../api/client";
import { getRemembered } from "../offline/remembered";

export function groupsApi(wid: string) {
  const base = `/api/workspaces/${wid}/groups`;
  return {
    /** Remembered for offline use. */
    list: () => getRemembered<GroupList>(base),
    create: (body: CreateGroup) => post<GroupResult>(base, body),
    update: (gid: string, body: UpdateGroup) => patch<GroupResult>(`${base}/${gid}`, body),
    remove: (gid: string) => del<void>(`${base}/${gid}`),
    addMember: (gid: string, uid: string) => put<void>(`${base}/${gid}/members/${uid}`),
    removeMember: (gid: string, uid: string) => del<void>(`${base}/${gid}/members/${uid}`),
  };
}

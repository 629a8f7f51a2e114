/** The workspace API (server: apps/server/src/workspaces), typed from @tsumugi/contract. */
import type { UpdateWorkspace, WorkspaceDetail, WorkspaceResult } from "@tsumugi/contract";
import { patch } from "../api/client";
import { getRemembered } from "../offline/remembered";

export function workspaceApi(wid: string) {
  const base = `/api/workspaces/${wid}`;
  return {
    /** Remembered for offline use. */
    get: () => getRemembered<WorkspaceDetail>(base),
    update: (body: UpdateWorkspace) => patch<WorkspaceResult>(base, body),
  };
}

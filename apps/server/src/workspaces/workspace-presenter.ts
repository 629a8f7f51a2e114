/** The workspace as the API answers it (contract: Workspace, WorkspaceDetail). */
import type { Workspace, WorkspaceDetail } from "@tsumugi/contract";
import { type Actor, abilitiesOf } from "@tsumugi/domain";
import type { WorkspaceRecord } from "./workspace-repository.js";

export function presentWorkspace(w: WorkspaceRecord): Workspace {
  return { id: w.id, name: w.name, prefecture: w.prefecture, lgCode: w.lgCode };
}

/** With the caller's role, groups, and what they may do in the workspace. */
export function presentWorkspaceDetail(actor: Actor, w: WorkspaceRecord): WorkspaceDetail {
  if (actor.role === null) throw new Error("presentWorkspaceDetail: the actor is not a member");
  return {
    workspace: presentWorkspace(w),
    role: actor.role,
    groupIds: [...actor.groupIds],
    can: abilitiesOf(actor, { kind: "workspace" }),
  };
}

/** Loads a workspace with its documents, members and groups; `reload` after a change. */

import type { Document, Group, Member, WorkspaceDetail } from "@tsumugi/contract";
import { useCallback } from "react";
import { documentsApi } from "../documents/documents-api";
import { groupsApi } from "../groups/groups-api";
import { membersApi } from "../members/members-api";
import { useReloadWhenServerBack } from "../offline/remembered";
import { useLoaded } from "../ui/use-loaded";
import { workspaceApi } from "./workspace-api";

export interface WorkspaceData {
  detail: WorkspaceDetail;
  documents: Document[];
  members: Member[];
  groups: Group[];
}

export function useWorkspace(wid: string) {
  const { data, error, reload } = useLoaded(
    useCallback(async (): Promise<WorkspaceData> => {
      const [detail, documents, members, groups] = await Promise.all([
        workspaceApi(wid).get(),
        documentsApi(wid).list(),
        membersApi(wid).list(),
        groupsApi(wid).list(),
      ]);
      return { detail, documents: documents.documents, members: members.members, groups: groups.groups };
    }, [wid]),
  );
  useReloadWhenServerBack(reload);

  return { data: data ?? null, error, reload };
}

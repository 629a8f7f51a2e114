/** Loads a workspace with its documents, members and groups; `reload` after a change. */

import type { Document, Group, Member, WorkspaceDetail } from "@tsumugi/contract";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { documentsApi } from "../documents/documents-api";
import { groupsApi } from "../groups/groups-api";
import { membersApi } from "../members/members-api";
import { useReloadWhenServerBack } from "../offline/remembered";
import { workspaceApi } from "./workspace-api";

export interface WorkspaceData {
  detail: WorkspaceDetail;
  documents: Document[];
  members: Member[];
  groups: Group[];
}

export function useWorkspace(wid: string) {
  const [data, setData] = useState<WorkspaceData | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [detail, documents, members, groups] = await Promise.all([
        workspaceApi(wid).get(),
        documentsApi(wid).list(),
        membersApi(wid).list(),
        groupsApi(wid).list(),
      ]);
      setData({ detail, documents: documents.documents, members: members.members, groups: groups.groups });
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, [wid]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useReloadWhenServerBack(reload);

  return { data, error, reload };
}

/** A document's versions (server: apps/server/src/versions), typed from @tsumugi/contract. */
import type {
  CreateVersion,
  VersionCreated,
  VersionList,
  VersionRestored,
  VersionState,
} from "@tsumugi/contract";
import { get, post } from "../api/client";

export function versionsApi(wid: string, did: string) {
  const base = `/api/workspaces/${wid}/documents/${did}/versions`;
  return {
    list: () => get<VersionList>(base),
    create: (body: CreateVersion) => post<VersionCreated>(base, body),
    /** The version's whole Yjs state, base64. */
    state: (vid: number) => get<VersionState>(`${base}/${vid}`),
    restore: (vid: number) => post<VersionRestored>(`${base}/${vid}/restore`, {}),
  };
}

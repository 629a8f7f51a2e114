/** The audit log API (server: apps/server/src/audit), typed from @tsumugi/contract. */
import type { AuditList, AuditQuery } from "@tsumugi/contract";
import { get } from "../api/client";

export function auditApi(wid: string) {
  return {
    /** Newest first; `before` (an entry id) pages back. Empty filters are left out. */
    list: (query: AuditQuery) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query))
        if (value !== undefined && value !== "") params.set(name, String(value));
      return get<AuditList>(`/api/workspaces/${wid}/audit?${params}`);
    },
  };
}

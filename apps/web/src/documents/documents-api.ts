/** The documents API (server: apps/server/src/documents), typed from @tsumugi/contract. */
import type { CreateDocument, DocumentList, DocumentResult, MoveDraft } from "@tsumugi/contract";
import { post } from "../api/client";
import { getRemembered } from "../offline/remembered";

export function documentsApi(wid: string) {
  const base = `/api/workspaces/${wid}/documents`;
  return {
    /** Remembered for offline use. */
    list: () => getRemembered<DocumentList>(base),
    /** Remembered for offline use. */
    get: (did: string) => getRemembered<DocumentResult>(`${base}/${did}`),
    create: (body: CreateDocument) => post<DocumentResult>(base, body),
    /** One step of a draft's workflow. */
    move: (did: string, body: MoveDraft) => post<DocumentResult>(`${base}/${did}/status`, body),
  };
}

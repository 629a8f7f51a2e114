/** The resource directory's API (server: apps/server/src/resources), typed from @tsumugi/contract. */
import type {
  CreatedUpdateLink,
  DecideUpdateRequest,
  ImportFile,
  ImportPreview,
  ImportResult,
  MapConfig,
  ProviderUpdate,
  ProviderUpdateResult,
  ProviderView,
  ResourceDirectory,
  ResourceLinkList,
  ResourceRefList,
  ResourceResult,
  ResourceSearchResult,
  ResourceSettings,
  UpdateRequest,
  UpdateRequestList,
  UpdateResource,
  UpdateResourceSettings,
} from "@tsumugi/contract";
import { del, get, patch, post, put } from "../api/client";

export function resourcesApi(wid: string) {
  const base = `/api/workspaces/${wid}/resources`;
  return {
    directory: () => get<ResourceDirectory>(base),
    update: (rid: string, body: UpdateResource) => patch<ResourceResult>(`${base}/${rid}`, body),
    settings: (body: UpdateResourceSettings) => patch<ResourceSettings>(`${base}/settings`, body),
    search: (query: URLSearchParams) => get<ResourceSearchResult>(`${base}/search?${query}`),
    preview: (file: Omit<ImportFile, "confirm">) => post<ImportPreview>(`${base}/imports/preview`, file),
    confirm: (file: ImportFile) => post<ImportResult>(`${base}/imports`, file),
    /** A provider's personal update link, shown once (earlier links stop working). */
    sendLink: (rid: string) => post<CreatedUpdateLink>(`${base}/${rid}/update-links`),
    requests: () => get<UpdateRequestList>(`${base}/update-requests`),
    decide: (qid: string, body: DecideUpdateRequest) =>
      post<UpdateRequest>(`${base}/update-requests/${qid}`, body),
    /** Entries linked to plan actions: these actions', or every link of the workspace. */
    actionLinks: (actionIds?: readonly string[]) =>
      get<ResourceLinkList>(
        `${base}/links?targetKind=planAction${actionIds ? `&targetIds=${actionIds.map(encodeURIComponent).join(",")}` : ""}`,
      ),
    linkAction: (rid: string, actionId: string) =>
      put<void>(`${base}/${rid}/links/planAction/${encodeURIComponent(actionId)}`),
    unlinkAction: (rid: string, actionId: string) =>
      del<void>(`${base}/${rid}/links/planAction/${encodeURIComponent(actionId)}`),
    lookup: (text: string) => get<ResourceRefList>(`${base}/lookup?q=${encodeURIComponent(text)}`),
    /** The professionals' tables as Excel workbooks (downloaded by the browser). */
    workbookUrl: (which: "contact-times" | "liaison") => `${base}/tables/${which}.xlsx`,
  };
}

export const mapConfig = () => get<MapConfig>("/api/public/map");

/** A provider's own entry through their personal update link (no account). */
export function providerApi(token: string) {
  const path = `/api/provider/${encodeURIComponent(token)}`;
  return {
    get: () => get<ProviderView>(path),
    update: (body: ProviderUpdate) => post<ProviderUpdateResult>(path, body),
  };
}

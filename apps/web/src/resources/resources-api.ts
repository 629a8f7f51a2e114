/** The resource directory's API (server: apps/server/src/resources), typed from @tsumugi/contract. */
import type {
  CreatedUpdateLink,
  DecideUpdateRequest,
  ImportFile,
  ImportPreview,
  ImportResult,
  MapConfig,
  ResourceDirectory,
  ResourceResult,
  ResourceSearchResult,
  ResourceSettings,
  UpdateRequest,
  UpdateRequestList,
  UpdateResource,
  UpdateResourceSettings,
} from "@tsumugi/contract";
import { get, patch, post } from "../api/client";

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
    /** The professionals' tables as Excel workbooks (downloaded by the browser). */
    workbookUrl: (which: "contact-times" | "liaison") => `${base}/tables/${which}.xlsx`,
  };
}

export const mapConfig = () => get<MapConfig>("/api/public/map");

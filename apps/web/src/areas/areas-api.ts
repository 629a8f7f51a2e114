/** The 日常生活圏域 API (server: apps/server/src/areas), typed from @tsumugi/contract. */
import type { AreaList, AreaResult, CreateArea, UpdateArea } from "@tsumugi/contract";
import { del, get, patch, post } from "../api/client";

export function areasApi(wid: string) {
  const base = `/api/workspaces/${wid}/areas`;
  return {
    list: () => get<AreaList>(base),
    create: (body: Partial<CreateArea>) => post<AreaResult>(base, body),
    update: (aid: string, body: UpdateArea) => patch<AreaResult>(`${base}/${aid}`, body),
    /** `moveTo`: the area that takes over what names this one. */
    remove: (aid: string, moveTo?: string) =>
      del<null>(`${base}/${aid}${moveTo ? `?moveTo=${encodeURIComponent(moveTo)}` : ""}`),
  };
}
export type AreasApi = ReturnType<typeof areasApi>;

/** 町名, one a line or separated by 、/, (as officials paste them from a list). */
export function parseTowns(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n、,，]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

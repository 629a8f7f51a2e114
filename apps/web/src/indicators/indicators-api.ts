/**
 * The indicators' API and the region groups' (server: apps/server/src/indicators), typed from
 * @tsumugi/contract.
 */
import type {
  AvailableRegionGroups,
  CreateIndicator,
  CreateRegionGroup,
  EnterValue,
  ImportIndicatorValues,
  IndicatorComparison,
  IndicatorImportResult,
  IndicatorListing,
  IndicatorResult,
  Ok,
  RegionGroupList,
  RegionOverview,
  SetPopulation,
} from "@tsumugi/contract";
import { api, del, get, post } from "../api/client";

export function indicatorsApi(wid: string) {
  const base = `/api/workspaces/${wid}/indicators`;
  return {
    listing: () => get<IndicatorListing>(base),
    /** Server-sent events: `changed` when someone entered a value, `ready`, `end`. */
    eventsUrl: `${base}/events`,
    create: (body: CreateIndicator) => post<IndicatorResult>(base, body),
    enterValue: (indicatorId: string, body: EnterValue) =>
      api<Ok>("PUT", `${base}/${indicatorId}/values`, body),
    setPopulation: (fiscalYear: number, body: SetPopulation) =>
      api<Ok>("PUT", `${base}/populations/${fiscalYear}`, body),
    /** Checks the rows (dryRun) or writes them when nothing is wrong. */
    importValues: (body: ImportIndicatorValues) => post<IndicatorImportResult>(`${base}/import`, body),
    compare: (code: string, fiscalYear: number) =>
      get<IndicatorComparison>(`${base}/compare?code=${encodeURIComponent(code)}&fy=${fiscalYear}`),
    /** The values and the definitions as CSV files (downloaded by the browser). */
    exportUrl: `${base}/export.csv`,
    definitionsUrl: `${base}/definitions.csv`,
  };
}

export function regionsApi(wid: string) {
  const base = `/api/workspaces/${wid}/regions`;
  return {
    mine: () => get<RegionGroupList>(base),
    available: () => get<AvailableRegionGroups>(`${base}/available`),
    overview: (gid: string) => get<RegionOverview>(`${base}/${gid}/overview`),
    create: (body: CreateRegionGroup) => post<{ id: string }>(base, body),
    join: (gid: string) => post<{ membership: "pending" }>(`${base}/${gid}/join`, {}),
    leave: (gid: string) => del<Ok>(`${base}/${gid}/membership`),
    decide: (gid: string, workspaceId: string, decision: "approve" | "refuse") =>
      post<Ok>(`${base}/${gid}/requests/${workspaceId}/${decision}`, {}),
  };
}

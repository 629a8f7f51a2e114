/**
 * The directory's filters as the address bar holds them (?q, kind, service, area, sort, near,
 * nearId, lat, lng), the search they make, and where "nearest first" measures from.
 */
import type { Resource, ResourceDirectory } from "@tsumugi/contract";
import {
  isInJapan,
  originOfAddress,
  type ResourceKind,
  type ServiceTag,
  searchDirectory,
  townCentres,
} from "@tsumugi/domain";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { t } from "../i18n/t";
import { fieldsOf } from "./ResourceCard";

export interface Filters {
  text: string;
  kind: ResourceKind | "";
  service: ServiceTag | "";
  area: string;
  /** Nearest first from: an address or 町名, an entry, or the device's position. */
  sort: "" | "town" | "entry" | "here";
  near: string;
  nearId: string;
  lat: string;
  lng: string;
}

/** Where "nearest first" measures from, or why it cannot. */
export type Origin = { lat: number; lng: number; label: string } | { problem: string } | null;

/** The filters in the address bar, and how to change them (replacing the history entry). */
export function useResourceFilters(): {
  params: URLSearchParams;
  filters: Filters;
  setFilters: (values: Record<string, string>) => void;
  setFilter: (name: string, value: string) => void;
} {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    text: params.get("q") ?? "",
    kind: (params.get("kind") ?? "") as Filters["kind"],
    service: (params.get("service") ?? "") as Filters["service"],
    area: params.get("area") ?? "",
    sort: (["town", "entry", "here"].includes(params.get("sort") ?? "")
      ? params.get("sort")
      : "") as Filters["sort"],
    near: params.get("near") ?? "",
    nearId: params.get("nearId") ?? "",
    lat: params.get("lat") ?? "",
    lng: params.get("lng") ?? "",
  };
  const setFilters = (values: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  const setFilter = (name: string, value: string) => setFilters({ [name]: value });
  return { params, filters, setFilters, setFilter };
}

function filtered(
  data: ResourceDirectory,
  f: Filters,
  from: { lat: number; lng: number } | null,
): { entry: Resource; distanceKm: number | null }[] {
  const entries = data.resources.map((r) => ({ id: r.id, r, status: r.status, fields: fieldsOf(r) }));
  const hits = searchDirectory(
    entries.filter((e) => !(f.sort === "entry" && e.id === f.nearId)),
    {
      text: f.text || undefined,
      kinds: f.kind ? [f.kind] : undefined,
      services: f.service ? [f.service] : undefined,
      areaId: f.area && f.area !== "none" ? f.area : null,
      from,
    },
  );
  return hits
    .filter((h) => f.area !== "none" || h.entry.r.areaId === null)
    .map((h) => ({ entry: h.entry.r, distanceKm: h.distanceKm }));
}

/** Where "nearest first" measures from, as the filters say (null when not sorting). */
function originOf(
  data: ResourceDirectory,
  f: Filters,
  centres: ReturnType<typeof townCentres>,
  municipality: string,
): Origin {
  if (f.sort === "town") {
    if (!f.near.trim()) return null;
    const town = originOfAddress(f.near, centres, municipality);
    return town
      ? { lat: town.lat, lng: town.lng, label: t("resources.near.townLabel", { town: town.town }) }
      : { problem: t("resources.near.unknownTown", { text: f.near }) };
  }
  if (f.sort === "entry") {
    const r = data.resources.find((x) => x.id === f.nearId);
    if (!r) return null;
    if (r.lat === null || r.lng === null)
      return { problem: t("resources.near.entryUnplaced", { name: r.name }) };
    return { lat: r.lat, lng: r.lng, label: r.name };
  }
  if (f.sort === "here") {
    const lat = Number(f.lat);
    const lng = Number(f.lng);
    if (!f.lat || !f.lng || !isInJapan(lat, lng)) return null;
    return { lat, lng, label: t("resources.near.hereLabel") };
  }
  return null;
}

/**
 * What the filters show of the directory: the entries found (nearest first when sorting by
 * distance), where the distances run from, and the 町名 known from the active entries.
 */
export function useDirectorySearch(
  data: ResourceDirectory | null,
  filters: Filters,
  municipality: string,
): {
  centres: ReturnType<typeof townCentres>;
  origin: Origin;
  place: { lat: number; lng: number; label: string } | null;
  found: { entry: Resource; distanceKm: number | null }[];
} {
  const { text, kind, service, area, sort, near, nearId, lat, lng } = filters;
  const centres = useMemo(
    () =>
      townCentres(
        (data?.resources ?? []).filter((r) => r.status === "active"),
        municipality,
      ),
    [data, municipality],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the origin is these five values
  const origin = useMemo(
    () => (data ? originOf(data, filters, centres, municipality) : null),
    [data, centres, municipality, sort, near, nearId, lat, lng],
  );
  const place = origin && "lat" in origin ? origin : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are their values
  const found = useMemo(
    () => (data ? filtered(data, filters, place) : []),
    [data, text, kind, service, area, place],
  );
  return { centres, origin, place, found };
}

/** "約350m", "約1.2km". */
export function distanceText(km: number): string {
  if (km < 1) return t("resources.near.metres", { n: Math.max(10, Math.round((km * 1000) / 10) * 10) });
  return t("resources.near.km", { n: km < 10 ? km.toFixed(1) : String(Math.round(km)) });
}

/**
 * "Who can do X near Y": active entries offering every service asked for, of a kind and in a
 * 日常生活圏域 when asked, nearest first when a point is given (within a radius if one is).
 * Entries without coordinates come after the placed ones when sorting by distance.
 */
import { distanceKm } from "./geo.js";
import type { ResourceFields } from "./model.js";
import { type ResourceKind, resourceKindLabel, type ServiceTag, serviceTagLabel } from "./vocabulary.js";

export interface SearchQuery {
  services?: readonly ServiceTag[];
  kinds?: readonly ResourceKind[];
  areaId?: string | null;
  text?: string;
  from?: { lat: number; lng: number } | null;
  radiusKm?: number | null;
}

export interface Searchable {
  id: string;
  status: "active" | "closed";
  fields: ResourceFields;
}

/** Text as compared: NFKC, lower case, no spaces (カナ and かな compare equal too). */
export function searchText(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** Name, kana, address, kind and services (their labels), operator and numbers. */
export function matchesText(fields: ResourceFields, text: string): boolean {
  const needle = searchText(text);
  if (!needle) return true;
  return [
    fields.name,
    resourceKindLabel(fields.kind),
    ...fields.services.map(serviceTagLabel),
    fields.kana,
    fields.address,
    fields.subtype,
    fields.operator,
    fields.phone,
    fields.fax,
  ].some((v) => searchText(v).includes(needle));
}

export function searchDirectory<T extends Searchable>(
  entries: readonly T[],
  q: SearchQuery,
): { entry: T; distanceKm: number | null }[] {
  const hits: { entry: T; distanceKm: number | null }[] = [];
  for (const entry of entries) {
    const f = entry.fields;
    if (entry.status !== "active") continue;
    if (q.kinds?.length && !q.kinds.includes(f.kind)) continue;
    if (q.services?.length && !q.services.every((s) => f.services.includes(s))) continue;
    if (q.areaId && f.areaId !== q.areaId) continue;
    if (q.text && !matchesText(f, q.text)) continue;
    const distance =
      q.from && f.lat !== null && f.lng !== null ? distanceKm(q.from, { lat: f.lat, lng: f.lng }) : null;
    if (q.from && q.radiusKm && (distance === null || distance > q.radiusKm)) continue;
    hits.push({ entry, distanceKm: distance === null ? null : Math.round(distance * 100) / 100 });
  }
  if (q.from)
    hits.sort(
      (a, b) => (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY),
    );
  return hits;
}

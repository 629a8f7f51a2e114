/**
 * The public directory page (/p/<code>/resources) as it is shown: the entries the form asks
 * for (text over name, kana, address, kind and services; kind, service, 圏域), "nearest first"
 * from an address (its 町名's centre, from the directory's own entries: no geocoder is
 * reachable) or from a point, and the data the page's map script reads. The HTML is in
 * public-directory-html.ts.
 */
import type { MapConfig, PublicDirectory, PublicResource } from "@tsumugi/contract";
import {
  distanceKm,
  formatTimestamp,
  isInJapan,
  originOfAddress,
  resourceKindLabel,
  searchText,
  serviceTagLabel,
  townCentres,
} from "@tsumugi/domain";
import type { DirectoryForm } from "./public-directory-form.js";
import type { MapAssets } from "./public-directory-query.js";

/** Where "nearest first" measures from, as the page says it. */
export interface Origin {
  lat: number;
  lng: number;
  label: string;
}

/** The entries shown: none, as a 便利帳 by kind and 圏域, or nearest first from `origin`. */
export type DirectoryList =
  | { by: "none" }
  | { by: "kind"; resources: PublicResource[]; areas: string[] }
  | {
      by: "distance";
      origin: Origin;
      /** Entries with a place, nearest first, with their distance ("約350m"). */
      placed: { resource: PublicResource; distance: string }[];
      /** Entries without a place on the map, last. */
      unplaced: PublicResource[];
    };

export interface DirectoryPage {
  workspace: { name: string; prefecture: string };
  title: string;
  demo: boolean;
  /** The directory's last change, as a date, or "". */
  updated: string;
  /** Today, for the printed 便利帳. */
  printed: string;
  form: DirectoryForm;
  areas: string[];
  /** The 町名 an address may name, for the form's suggestions. */
  towns: string[];
  /** The point the form sends again (the one sorted from), or "". */
  point: { lat: string; lng: string };
  /** Why the place asked for could not be used, or "". */
  originProblem: string;
  /** The form asks for anything. */
  filtering: boolean;
  count: number;
  total: number;
  list: DirectoryList;
  /** What the page's map script reads (its entries in the list's order and the origin). */
  pageData: {
    resources: {
      id: string;
      name: string;
      kind: string;
      kindLabel: string;
      address: string;
      phone: string;
      distance: string;
      lat: number | null;
      lng: number | null;
    }[];
    origin: Origin | null;
  };
  map: Pick<MapConfig, "tileUrl" | "attribution">;
  assets: MapAssets | null;
}

export const homeCareLabel = (r: PublicResource) =>
  r.homeCareSupport ? (r.kind === "hospital" ? "在宅療養支援病院" : "在宅療養支援診療所") : "";

/** "約350m", "約1.2km", "約12km". */
function distanceLabel(km: number): string {
  if (km < 1) return `約${Math.max(10, Math.round((km * 1000) / 10) * 10)}m`;
  return km < 10 ? `約${km.toFixed(1)}km` : `約${Math.round(km)}km`;
}

function filtered(resources: readonly PublicResource[], f: DirectoryForm): PublicResource[] {
  const needle = searchText(f.q);
  return resources.filter(
    (r) =>
      (!f.kind || r.kind === f.kind) &&
      (!f.service || r.services.includes(f.service as never)) &&
      (!f.area || (r.area ?? "") === f.area) &&
      (!needle ||
        [
          r.name,
          r.kana,
          r.address,
          r.building,
          r.subtype,
          resourceKindLabel(r.kind),
          homeCareLabel(r),
          ...r.services.map(serviceTagLabel),
        ].some((v) => searchText(v).includes(needle))),
  );
}

/** The place to sort from that the form names, or why it cannot be used. */
function originOf(
  f: DirectoryForm,
  centres: ReturnType<typeof townCentres>,
  city: string,
): { origin: Origin | null; problem: string } {
  if (f.near.trim()) {
    const town = originOfAddress(f.near, centres, city);
    if (town) return { origin: { lat: town.lat, lng: town.lng, label: `${town.town}付近` }, problem: "" };
    return {
      origin: null,
      problem: `「${f.near}」の町名が見つかりませんでした。${city}の町名（例：${centres
        .slice(0, 3)
        .map((t) => t.town)
        .join("、")}）で入力するか、地図で場所を選んでください。`,
    };
  }
  if (f.lat === null && f.lng === null) return { origin: null, problem: "" };
  if (f.lat !== null && f.lng !== null && isInJapan(f.lat, f.lng))
    return {
      origin: { lat: f.lat, lng: f.lng, label: f.from === "here" ? "現在地" : "地図で選んだ地点" },
      problem: "",
    };
  return {
    origin: null,
    problem: "場所を読み取れませんでした。住所・町名を入力するか、地図で場所を選んでください。",
  };
}

/** `resources` nearest first from `origin`, entries without coordinates last. */
function nearestFirst(resources: readonly PublicResource[], origin: Origin): DirectoryList {
  const measured = resources.map((r) => ({
    r,
    km: r.lat !== null && r.lng !== null ? distanceKm(origin, { lat: r.lat, lng: r.lng }) : null,
  }));
  return {
    by: "distance",
    origin,
    placed: measured
      .filter((m) => m.km !== null)
      .sort((a, b) => (a.km ?? 0) - (b.km ?? 0))
      .map((m) => ({ resource: m.r, distance: distanceLabel(m.km ?? 0) })),
    unplaced: measured.filter((m) => m.km === null).map((m) => m.r),
  };
}

export function presentDirectoryPage(
  directory: PublicDirectory,
  form: DirectoryForm,
  shown: { map: MapConfig; assets: MapAssets | null; now: number },
): DirectoryPage {
  const ws = directory.workspace;
  const centres = townCentres(directory.resources, ws.name);
  const { origin, problem } = originOf(form, centres, ws.name);
  const resources = filtered(directory.resources, form);
  const list: DirectoryList = !resources.length
    ? { by: "none" }
    : origin
      ? nearestFirst(resources, origin)
      : { by: "kind", resources, areas: directory.areas };
  const distances = new Map(
    list.by === "distance" ? list.placed.map((p) => [p.resource.id, p.distance]) : [],
  );
  const ordered =
    list.by === "distance" ? [...list.placed.map((p) => p.resource), ...list.unplaced] : resources;
  const sendsPoint = origin !== null && !form.near.trim();
  return {
    workspace: { name: ws.name, prefecture: ws.prefecture },
    title: `${ws.name} 医療・介護資源マップ`,
    demo: directory.demo,
    updated: directory.updatedAt ? formatTimestamp(directory.updatedAt, { time: false }) : "",
    printed: formatTimestamp(shown.now, { time: false }),
    form,
    areas: directory.areas,
    towns: centres.map((t) => t.town),
    point: {
      lat: sendsPoint && form.lat !== null ? String(form.lat) : "",
      lng: sendsPoint && form.lng !== null ? String(form.lng) : "",
    },
    originProblem: problem,
    filtering: Boolean(form.q || form.kind || form.service || form.area || origin),
    count: resources.length,
    total: directory.resources.length,
    list,
    pageData: {
      resources: ordered.map((x) => ({
        id: x.id,
        name: x.name,
        kind: x.kind,
        kindLabel: resourceKindLabel(x.kind),
        address: [x.address, x.building].filter(Boolean).join(" "),
        phone: x.phone,
        distance: distances.get(x.id) ?? "",
        lat: x.lat,
        lng: x.lng,
      })),
      origin,
    },
    map: { tileUrl: shown.map.tileUrl, attribution: shown.map.attribution },
    assets: shown.assets,
  };
}

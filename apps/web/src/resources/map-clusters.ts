/**
 * Clustered pins for the directory maps (members' map and the public page): supercluster
 * indexes the placed entries, and the part of the map in view is drawn as clusters (a click
 * zooms in) and single pins (drawn by the caller). Imported only by map code: Leaflet stays
 * out of every other chunk.
 */
import L from "leaflet";
import Supercluster from "supercluster";
import "./map-pins.css";

export interface Placed {
  id: string;
  lat: number | null;
  lng: number | null;
}

export function clusterIndex(entries: readonly Placed[]): Supercluster<{ id: string }> {
  const sc = new Supercluster<{ id: string }>({ radius: 50, maxZoom: 16 });
  sc.load(
    entries
      .filter((r) => r.lat !== null && r.lng !== null)
      .map((r) => ({
        type: "Feature" as const,
        properties: { id: r.id },
        geometry: { type: "Point" as const, coordinates: [r.lng ?? 0, r.lat ?? 0] },
      })),
  );
  return sc;
}

/** The pins' box, padded, or null when no entry is placed. */
export function boundsOf(entries: readonly Placed[]): L.LatLngBounds | null {
  const points = entries
    .filter((r) => r.lat !== null && r.lng !== null)
    .map((r) => [r.lat ?? 0, r.lng ?? 0] as [number, number]);
  return points.length ? L.latLngBounds(points) : null;
}

/**
 * Redraws `group` with the clusters and pins in view. `pin` draws one entry's marker (or
 * nothing); `clusterTitle` names a cluster of n entries for screen readers and tooltips.
 */
export function drawClusters(
  map: L.Map,
  group: L.LayerGroup,
  index: Supercluster<{ id: string }>,
  pin: (id: string, at: L.LatLngExpression) => L.Marker | null,
  clusterTitle: (n: number) => string,
): void {
  group.clearLayers();
  const b = map.getBounds();
  const zoom = Math.round(map.getZoom());
  for (const c of index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom)) {
    const [lng, lat] = c.geometry.coordinates;
    const props = c.properties as {
      id?: string;
      cluster?: boolean;
      cluster_id?: number;
      point_count?: number;
    };
    if (props.cluster && props.cluster_id !== undefined) {
      const count = props.point_count ?? 0;
      const clusterId = props.cluster_id;
      L.marker([lat, lng], {
        icon: L.divIcon({ className: "map-cluster", html: `<span>${count}</span>`, iconSize: [36, 36] }),
        title: clusterTitle(count),
        alt: clusterTitle(count),
        keyboard: true,
      })
        .on("click", () => map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(clusterId), 18)))
        .addTo(group);
      continue;
    }
    if (props.id) pin(props.id, [lat, lng])?.addTo(group);
  }
}

/** A pin for an entry of a kind (coloured by kind). */
export function pinIcon(kind: string, selected = false): L.DivIcon {
  return L.divIcon({
    className: `map-pin kind-${kind}${selected ? " selected" : ""}`,
    html: "<span></span>",
    iconSize: [22, 22],
    iconAnchor: [11, 22],
  });
}

/** The point a "nearest first" search measures from. */
export function originIcon(): L.DivIcon {
  return L.divIcon({
    className: "map-origin",
    html: "<span></span>",
    iconSize: [18, 18],
    iconAnchor: [9, 9],
  });
}

/** Counts tile failures before any tile loads: the map is unusable (offline, blocked, wrong URL). */
export function watchTiles(layer: L.TileLayer, onFailed: () => void, failures = 3): void {
  let loaded = 0;
  let failed = 0;
  layer
    .on("tileload", () => {
      loaded++;
    })
    .on("tileerror", () => {
      failed++;
      if (loaded === 0 && failed === failures) onFailed();
    });
}

/**
 * The directory's map: Leaflet with the configured tiles (国土地理院 淡色地図 by default, with
 * its attribution), entries clustered with supercluster, a click on a pin shows the entry's
 * card. When the tiles cannot load the map says so and the list is shown instead. An entry
 * without coordinates is placed by dragging a pin. This module is its own chunk: nothing of
 * Leaflet loads before the map view is opened.
 */
import type { MapConfig, Resource } from "@tsumugi/contract";
import { resourceKindLabel } from "@tsumugi/domain";
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { boundsOf, clusterIndex, drawClusters, originIcon, pinIcon, watchTiles } from "./map-clusters";
import { ResourceCard } from "./ResourceCard";
import { mapConfig } from "./resources-api";
import "./resource-map.css";

/** The whole of Japan, when no entry has coordinates yet. */
const JAPAN: L.LatLngBoundsExpression = [
  [30.0, 129.0],
  [45.5, 146.0],
];

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

interface Props {
  entries: readonly Resource[];
  all: readonly Resource[];
  areaName: (id: string | null) => string;
  canPlace: (r: Resource) => boolean;
  place: (r: Resource, lat: number, lng: number) => Promise<void>;
  /** Where a "nearest first" search measures from, marked on the map. */
  origin?: { lat: number; lng: number; label: string } | null;
}

export function ResourceMap(props: Props) {
  const { entries } = props;
  const box = useRef<HTMLElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const pin = useRef<L.Marker | null>(null);
  const [config, setConfig] = useState<MapConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [placing, setPlacing] = useState<Resource | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [view, setView] = useState(0);

  useEffect(() => {
    mapConfig()
      .then(setConfig)
      .catch((e) => setError(e instanceof ApiError ? e.message : t("error.unknown")));
  }, []);

  // The map itself, once the tile settings are known.
  useEffect(() => {
    if (!config || !box.current) return;
    const m = L.map(box.current, { zoomControl: true, minZoom: 5, maxZoom: 18 });
    const attribution = config.attributionUrl
      ? `<a href="${escapeHtml(config.attributionUrl)}" target="_blank" rel="noopener">${escapeHtml(config.attributionText)}</a>`
      : escapeHtml(config.attributionText);
    const tiles = L.tileLayer(config.tileUrl, { attribution, maxZoom: 18, maxNativeZoom: 18 });
    watchTiles(tiles, () => setTilesFailed(true));
    tiles.addTo(m);
    layer.current = L.layerGroup().addTo(m);
    m.on("moveend", () => setView((v) => v + 1));
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, [config]);

  const placed = useMemo(() => entries.filter((r) => r.lat !== null && r.lng !== null), [entries]);
  const index = useMemo(() => clusterIndex(placed), [placed]);

  // Fit to the entries shown when they change, and once the map exists (`config`).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made when `config` arrives
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const box = boundsOf(placed);
    if (!box) m.fitBounds(JAPAN);
    else m.fitBounds(box, { padding: [30, 30], maxZoom: 15 });
  }, [placed, config]);

  // Clusters and pins for the part of the map in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `view` changes when the map moves
  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    const byId = new Map(placed.map((r) => [r.id, r]));
    drawClusters(
      m,
      group,
      index,
      (id, at) => {
        const r = byId.get(id);
        if (!r) return null;
        return L.marker(at, {
          icon: pinIcon(r.kind, r.id === selected),
          title: `${r.name}（${resourceKindLabel(r.kind)}）`,
          alt: r.name,
          keyboard: true,
        }).on("click", () => setSelected(r.id));
      },
      (n) => t("resources.map.cluster", { n }),
    );
  }, [index, placed, selected, view]);

  // The origin of a "nearest first" search.
  const origin = props.origin ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made when `config` arrives
  useEffect(() => {
    const m = map.current;
    if (!m || !origin) return;
    const marker = L.marker([origin.lat, origin.lng], {
      icon: originIcon(),
      title: origin.label,
      alt: origin.label,
      interactive: false,
      zIndexOffset: 1000,
    }).addTo(m);
    return () => {
      marker.remove();
    };
  }, [origin?.lat, origin?.lng, origin?.label, config]);

  // A draggable pin while an entry without coordinates is being placed.
  useEffect(() => {
    const m = map.current;
    if (!m || !placing) return;
    const marker = L.marker(m.getCenter(), {
      draggable: true,
      autoPan: true,
      title: placing.name,
      icon: L.divIcon({
        className: "map-pin placing",
        html: "<span></span>",
        iconSize: [28, 28],
        iconAnchor: [14, 28],
      }),
    }).addTo(m);
    pin.current = marker;
    return () => {
      marker.remove();
      pin.current = null;
    };
  }, [placing]);

  const unplaced = props.all.filter((r) => r.status === "active" && (r.lat === null || r.lng === null));
  const chosen = entries.find((r) => r.id === selected) ?? null;

  return (
    <div className="resource-map-view" data-testid="resource-map-view">
      <ErrorBanner message={error} />
      {tilesFailed && (
        <p className="notice warn" role="alert" data-testid="map-tiles-failed">
          {t("resources.map.tilesFailed")}
        </p>
      )}
      <section
        ref={box}
        className={`resource-map${tilesFailed ? " failed" : ""}`}
        aria-label={t("resources.map.label")}
        data-testid="resource-map"
      />
      {placing && (
        <div className="placing-bar" role="status" data-testid="placing-bar">
          <p>
            <strong>{placing.name}</strong> {t("resources.placeHint")}
          </p>
          <button
            type="button"
            className="primary"
            data-testid="place-save"
            onClick={async () => {
              const at = pin.current?.getLatLng();
              if (!at) return;
              try {
                await props.place(placing, Math.round(at.lat * 1e6) / 1e6, Math.round(at.lng * 1e6) / 1e6);
                setMessage(t("resources.placed", { name: placing.name }));
                setPlacing(null);
              } catch (e) {
                setError(e instanceof ApiError ? e.message : t("error.unknown"));
              }
            }}
          >
            {t("resources.placeSave")}
          </button>
          <button type="button" onClick={() => setPlacing(null)}>
            {t("resources.placeCancel")}
          </button>
        </div>
      )}
      {message && (
        <p className="notice" role="status" data-testid="place-done">
          {message}
        </p>
      )}
      {chosen && !tilesFailed && (
        <div className="map-card" data-testid="map-card">
          <ResourceCard resource={chosen} areaName={props.areaName} />
        </div>
      )}
      {tilesFailed && (
        <ul className="resource-cards plain" data-testid="resource-list">
          {entries.map((r) => (
            <li key={r.id}>
              <ResourceCard resource={r} areaName={props.areaName} />
            </li>
          ))}
        </ul>
      )}
      {unplaced.length > 0 && !tilesFailed && (
        <details className="unplaced" data-testid="unplaced">
          <summary>{t("resources.unplaced", { n: unplaced.length })}</summary>
          <ul className="plain">
            {unplaced.map((r) => (
              <li key={r.id}>
                {r.name} <span className="muted">{r.address}</span>{" "}
                {props.canPlace(r) && (
                  <button type="button" onClick={() => setPlacing(r)} data-testid="place-start">
                    {t("resources.placeOnMap")}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

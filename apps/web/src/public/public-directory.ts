/**
 * The script of the public directory page (/p/<code>/resources, rendered by the server): the
 * map over the list (Leaflet on the configured tiles, clustered pins, a pin's card), the search
 * origin marked on it, "nearest first from here" by a click on the map or from the device's
 * position, and the print button. Without this script the page still searches, sorts by an
 * address and prints; when the tiles cannot load the map goes away and the list stays.
 * A build entry of its own (vite.config.ts): none of the app is loaded with it.
 */
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import {
  boundsOf,
  clusterIndex,
  drawClusters,
  originIcon,
  pinIcon,
  watchTiles,
} from "../resources/map-clusters";

interface Entry {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  address: string;
  phone: string;
  distance: string;
  lat: number | null;
  lng: number | null;
}

interface PageData {
  resources: Entry[];
  origin: { lat: number; lng: number; label: string } | null;
}

const JAPAN: L.LatLngBoundsExpression = [
  [30.0, 129.0],
  [45.5, 146.0],
];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** The card shown when a pin is chosen: text set as text, never as HTML. */
function card(r: Entry): HTMLElement {
  const box = el("div", undefined, "map-popup");
  const title = el("a", r.name, "map-popup-name");
  title.href = `#r-${encodeURIComponent(r.id)}`;
  box.append(title, el("div", r.kindLabel, "map-popup-kind"));
  if (r.address) box.append(el("div", r.address));
  if (r.phone) {
    const tel = el("a", `電話 ${r.phone}`);
    tel.href = `tel:${r.phone.replace(/[^0-9+]/g, "")}`;
    box.append(el("div"));
    box.lastElementChild?.append(tel);
  }
  if (r.distance) box.append(el("div", r.distance, "map-popup-distance"));
  return box;
}

/** Submits the search form sorted from a point (the near field cleared). */
function sortFrom(form: HTMLFormElement, lat: number, lng: number, how: "here" | "point"): void {
  const set = (name: string, value: string) => {
    const input = form.elements.namedItem(name);
    if (input instanceof HTMLInputElement) input.value = value;
  };
  set("near", "");
  // About 100 m: enough to sort by, and the page's address does not carry a precise position.
  set("lat", lat.toFixed(3));
  set("lng", lng.toFixed(3));
  set("from", how);
  form.requestSubmit();
}

function start(): void {
  const dataNode = document.getElementById("directory-data");
  const box = document.getElementById("resource-map");
  const form = document.querySelector<HTMLFormElement>("form.search");
  const notice = document.getElementById("map-notice");
  if (!dataNode || !box || !form) return;
  const data = JSON.parse(dataNode.textContent ?? "{}") as PageData;

  const printButton = document.querySelector<HTMLButtonElement>("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", () => window.print());
  }

  const locate = document.querySelector<HTMLButtonElement>("[data-locate]");
  const locateStatus = document.querySelector<HTMLElement>("[data-locate-status]");
  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", () => {
      if (locateStatus) locateStatus.textContent = "現在地を確認しています…";
      navigator.geolocation.getCurrentPosition(
        (p) => sortFrom(form, p.coords.latitude, p.coords.longitude, "here"),
        () => {
          if (locateStatus)
            locateStatus.textContent =
              "現在地を確認できませんでした。住所・町名を入力するか、地図をクリックして場所を選んでください。";
        },
        { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
      );
    });
  }

  box.hidden = false;
  const map = L.map(box, { zoomControl: true, minZoom: 5, maxZoom: 18 });
  const tiles = L.tileLayer(box.dataset.tileUrl ?? "", {
    attribution: box.dataset.attribution ?? "",
    maxZoom: 18,
    maxNativeZoom: 18,
  });
  watchTiles(tiles, () => {
    map.remove();
    box.hidden = true;
    if (notice) {
      notice.hidden = false;
      notice.textContent = "地図を読み込めませんでした。下の一覧をご覧ください。";
    }
  });
  tiles.addTo(map);

  const placed = data.resources.filter((r) => r.lat !== null && r.lng !== null);
  const byId = new Map(placed.map((r) => [r.id, r]));
  const index = clusterIndex(placed);
  const group = L.layerGroup().addTo(map);
  const draw = () =>
    drawClusters(
      map,
      group,
      index,
      (id, at) => {
        const r = byId.get(id);
        if (!r) return null;
        return L.marker(at, {
          icon: pinIcon(r.kind),
          title: `${r.name}（${r.kindLabel}）`,
          alt: r.name,
          keyboard: true,
        }).bindPopup(() => card(r), { maxWidth: 260 });
      },
      (n) => `${n}件（クリックで拡大）`,
    );
  map.on("moveend", draw);

  if (data.origin) {
    L.marker([data.origin.lat, data.origin.lng], {
      icon: originIcon(),
      title: data.origin.label,
      alt: data.origin.label,
      zIndexOffset: 1000,
    })
      .bindTooltip(data.origin.label)
      .addTo(map);
  }

  // A click on the map (not on a pin): sort the list from that point.
  map.on("click", (e: L.LeafletMouseEvent) => {
    const body = el("div", undefined, "map-popup");
    const button = el("button", "ここから近い順に並べる", "map-popup-sort");
    button.type = "button";
    button.addEventListener("click", () => sortFrom(form, e.latlng.lat, e.latlng.lng, "point"));
    body.append(button);
    L.popup().setLatLng(e.latlng).setContent(body).openOn(map);
  });

  // Sorted from a point: the point and the nearest entries; else every entry.
  const bounds = boundsOf(data.origin ? [{ id: "", ...data.origin }, ...placed.slice(0, 8)] : placed);
  if (bounds) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
  else map.fitBounds(JAPAN);
  draw();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();

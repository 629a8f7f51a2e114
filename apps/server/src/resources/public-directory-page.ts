/**
 * The public directory page: /p/<local government code>/resources, for residents and anyone
 * without an account. Server-rendered HTML, every piece of text escaped: a search form (text
 * over name, kana, address, kind and services; kind, service, 日常生活圏域), "nearest first"
 * from an address (its 町名's centre, from the directory's own entries: no geocoder is
 * reachable) or from a point (the device's position or a click on the map, sent by the page's
 * script rounded to about 100 m and never stored), the list grouped by kind and 圏域 as a
 * printable 便利帳 (A4), and a map that the page's script (apps/web/src/public) draws over it;
 * the list stays when the map cannot load. Public fields only (readPublicDirectory): never
 * contact times, liaison windows or vacancies. The HTML itself is in public-directory-html.ts.
 *
 * The query string is the page's own search form, read leniently here: a value the page cannot
 * use is ignored and the page shown, never an error. It is not the API (/api/public/resources),
 * whose parameters are validated by the contract's schemas.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PublicResource } from "@tsumugi/contract";
import {
  formatTimestamp,
  isInJapan,
  isResourceKind,
  isServiceTag,
  originOfAddress,
  RESOURCE_KINDS,
  resourceKindLabel,
  SERVICE_TAGS,
  searchText,
  serviceTagLabel,
  townCentres,
} from "@tsumugi/domain";
import { Hono } from "hono";
import type { Config } from "../config.js";
import type { AppEnv } from "../http/env.js";
import { escapeHtml as esc, notPublishedHtml } from "../http/html.js";
import {
  homeCareLabel,
  listHtml,
  nearestHtml,
  type Origin,
  STYLE,
  scriptJson,
  select,
} from "./public-directory-html.js";
import { presentMapConfig, presentPublicDirectory } from "./resource-presenter.js";
import { readPublicDirectory } from "./resource-queries.js";

/** The built map script and its CSS (Vite's manifest), or null when the web app is not built. */
function mapAssets(config: Config): { js: string; css: string[] } | null {
  if (!config.webDist) return null;
  const file = join(config.webDist, ".vite", "manifest.json");
  if (!existsSync(file)) return null;
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<
      string,
      { file: string; css?: string[]; isEntry?: boolean; imports?: string[] }
    >;
    const entry = manifest["src/public/public-directory.ts"];
    if (!entry) return null;
    const css = new Set(entry.css ?? []);
    for (const key of entry.imports ?? []) for (const c of manifest[key]?.css ?? []) css.add(c);
    return { js: `/${entry.file}`, css: [...css].map((c) => `/${c}`) };
  } catch {
    return null;
  }
}

interface Filters {
  q: string;
  kind: string;
  service: string;
  area: string;
  /** An address or 町名 to sort from. */
  near: string;
  /** A point to sort from (the device's position or a point chosen on the map). */
  lat: number | null;
  lng: number | null;
  from: "here" | "point";
}

function filtered(resources: readonly PublicResource[], f: Filters): PublicResource[] {
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

/** A coordinate from the query, or null when absent or not a number. */
function coordinate(value: string | undefined): number | null {
  if (!value || !/^-?\d{1,3}(\.\d{1,6})?$/.test(value)) return null;
  return Number(value);
}

export function publicDirectoryPageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get("/:lg/resources", async (c) => {
    const read = await readPublicDirectory(c.var.app.kysely, c.req.param("lg"));
    if (!read) {
      return c.html(notPublishedHtml("この自治体の医療・介護資源の一覧は公開されていません。"), 404);
    }
    const directory = presentPublicDirectory(read);
    const query = (name: string) => c.req.query(name) ?? "";
    const filters: Filters = {
      q: query("q").slice(0, 100),
      kind: isResourceKind(query("kind")) ? query("kind") : "",
      service: isServiceTag(query("service")) ? query("service") : "",
      area: directory.areas.includes(query("area")) ? query("area") : "",
      near: query("near").slice(0, 100),
      lat: coordinate(query("lat")),
      lng: coordinate(query("lng")),
      from: query("from") === "here" ? "here" : "point",
    };
    const ws = directory.workspace;
    const centres = townCentres(directory.resources, ws.name);
    let origin: Origin | null = null;
    let originProblem = "";
    if (filters.near.trim()) {
      const town = originOfAddress(filters.near, centres, ws.name);
      if (town) origin = { lat: town.lat, lng: town.lng, label: `${town.town}付近` };
      else
        originProblem = `「${filters.near}」の町名が見つかりませんでした。${ws.name}の町名（例：${centres
          .slice(0, 3)
          .map((t) => t.town)
          .join("、")}）で入力するか、地図で場所を選んでください。`;
    } else if (filters.lat !== null || filters.lng !== null) {
      if (filters.lat !== null && filters.lng !== null && isInJapan(filters.lat, filters.lng))
        origin = {
          lat: filters.lat,
          lng: filters.lng,
          label: filters.from === "here" ? "現在地" : "地図で選んだ地点",
        };
      else originProblem = "場所を読み取れませんでした。住所・町名を入力するか、地図で場所を選んでください。";
    }
    const shown = filtered(directory.resources, filters);
    const title = `${ws.name} 医療・介護資源マップ`;
    const assets = mapAssets(c.var.app.config);
    const map = presentMapConfig(c.var.app.config);
    const updated = directory.updatedAt ? formatTimestamp(directory.updatedAt, { time: false }) : "";
    const printed = formatTimestamp(Date.now(), { time: false });
    const filtering = Boolean(filters.q || filters.kind || filters.service || filters.area || origin);
    const nearest = origin && shown.length ? nearestHtml(shown, origin) : null;
    const list = !shown.length
      ? '<p data-testid="public-empty">条件に合う資源はありません。</p>'
      : nearest
        ? nearest.html
        : listHtml(shown, directory.areas);
    const pageData = {
      resources: (nearest?.ordered ?? shown).map((x) => ({
        id: x.id,
        name: x.name,
        kind: x.kind,
        kindLabel: resourceKindLabel(x.kind),
        address: [x.address, x.building].filter(Boolean).join(" "),
        phone: x.phone,
        distance: nearest?.distances.get(x.id) ?? "",
        lat: x.lat,
        lng: x.lng,
      })),
      origin,
    };
    return c.html(`<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}｜${esc(ws.prefecture)}${esc(ws.name)}</title>
<style>${STYLE}</style>
${assets ? assets.css.map((href) => `<link rel="stylesheet" href="${esc(href)}">`).join("\n") : ""}
</head><body>
<header class="page"><p>${esc(ws.prefecture)} ${esc(ws.name)} 在宅医療・介護連携推進事業</p>
<h1>${esc(title)}</h1><p class="print-only">医療・介護情報便利帳　${esc(printed)} 印刷</p>
<p class="no-print">病院・診療所・歯科・薬局・訪問看護・介護の事業所を地図と一覧で探せます。${updated ? `最終更新：${esc(updated)}` : ""}</p></header>
${directory.demo ? '<p class="demo" data-testid="demo-notice" role="note">デモ用の例です。掲載している医療機関・事業所は実在しません。</p>' : ""}
<main id="content">
<form class="search" method="get" action="#results" role="search" aria-label="資源を探す">
<label class="wide">名前・ふりがな・住所・種類・できること<input type="search" name="q" value="${esc(filters.q)}" maxlength="100" data-testid="public-q"></label>
${select(
  "kind",
  "種類",
  RESOURCE_KINDS.map((k) => ({ value: k.id, label: k.label })),
  filters.kind,
)}
${select(
  "service",
  "対応できること",
  SERVICE_TAGS.map((s) => ({ value: s.id, label: s.label })),
  filters.service,
)}
${
  directory.areas.length
    ? select(
        "area",
        "日常生活圏域",
        directory.areas.map((a) => ({ value: a, label: a })),
        filters.area,
      )
    : ""
}
<fieldset class="near"><legend>近い順に並べる</legend>
<label>住所・町名から<input type="text" name="near" value="${esc(filters.near)}" maxlength="100" list="towns" autocomplete="street-address" placeholder="例：${esc(centres[0]?.town ?? "")}" data-testid="public-near"></label>
<datalist id="towns">${centres.map((t) => `<option value="${esc(t.town)}"></option>`).join("")}</datalist>
<button type="button" class="secondary" data-locate hidden data-testid="public-locate">現在地から</button>
<input type="hidden" name="lat" value="${origin && !filters.near.trim() && filters.lat !== null ? esc(String(filters.lat)) : ""}">
<input type="hidden" name="lng" value="${origin && !filters.near.trim() && filters.lng !== null ? esc(String(filters.lng)) : ""}">
<input type="hidden" name="from" value="${esc(filters.from)}">
<p class="hint">町名の中心からの距離（目安）です。現在地は並べ替えにだけ使い、記録しません。</p>
<p class="hint" data-locate-status role="status"></p>
</fieldset>
<p class="buttons"><button type="submit" data-testid="public-search">探す</button>${filtering ? ` <a href="?" data-testid="public-clear">条件をクリア</a>` : ""}</p>
</form>
${originProblem ? `<p class="problem" role="alert" data-testid="public-origin-problem">${esc(originProblem)}</p>` : ""}
<div class="actions" id="results"><span class="count" data-testid="public-count">${shown.length}件${filtering ? `（全${directory.resources.length}件中）` : ""}</span>
<button type="button" class="secondary" data-print hidden>印刷する（便利帳）</button></div>
<p class="map-notice" id="map-notice" role="status" hidden data-testid="public-map-notice"></p>
<div id="resource-map" hidden data-tile-url="${esc(map.tileUrl)}" data-attribution="${esc(map.attribution)}" role="region" aria-label="地図" data-testid="public-map"></div>
<script type="application/json" id="directory-data">${scriptJson(pageData)}</script>
<div id="directory-list" data-testid="public-list">
${list}
</div>
</main>
<footer><p>掲載内容は各医療機関・事業所の情報をもとに${esc(ws.name)}が作成しています。受診・利用の前に各機関へご確認ください。</p>
<p>出典の一部：介護サービス情報公表システム、医療情報ネット（厚生労働省）のオープンデータを加工して作成。</p></footer>
${assets ? `<script type="module" src="${esc(assets.js)}"></script>` : ""}
</body></html>`);
  });
  return r;
}

/**
 * The public directory page: /p/<local government code>/resources, for residents and anyone
 * without an account. Server-rendered HTML, every piece of text escaped: a search form (text,
 * kind, service, 日常生活圏域), the list grouped by kind and 圏域 as a printable 便利帳 (A4), and
 * a map that the page's script draws over it (the list stays when the map cannot load). Public
 * fields only (readPublicDirectory): never contact times, liaison windows or vacancies.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PublicResource } from "@tsumugi/contract";
import {
  formatTimestamp,
  hoursSummary,
  isResourceKind,
  isServiceTag,
  RESOURCE_KINDS,
  resourceKindLabel,
  SERVICE_TAGS,
  searchText,
  serviceTagLabel,
} from "@tsumugi/domain";
import { Hono } from "hono";
import type { Config } from "../config.js";
import type { AppEnv } from "../http/env.js";
import { mapConfigOf, readPublicDirectory } from "./public-routes.js";

const esc = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** JSON inside a <script type="application/json">: nothing in it can close the element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");

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
}

function filtered(resources: readonly PublicResource[], f: Filters): PublicResource[] {
  const needle = searchText(f.q);
  return resources.filter(
    (r) =>
      (!f.kind || r.kind === f.kind) &&
      (!f.service || r.services.includes(f.service as never)) &&
      (!f.area || (r.area ?? "") === f.area) &&
      (!needle || [r.name, r.kana, r.address, r.subtype].some((v) => searchText(v).includes(needle))),
  );
}

function entryHtml(r: PublicResource): string {
  const hours = hoursSummary(r.hours);
  const line = (label: string, value: string) =>
    value ? `<div class="row"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>` : "";
  const tel = r.phone
    ? `<div class="row"><dt>電話</dt><dd><a href="tel:${esc(r.phone.replace(/[^0-9+]/g, ""))}">${esc(r.phone)}</a></dd></div>`
    : "";
  const url = /^https?:\/\//i.test(r.url)
    ? `<div class="row url"><dt>ホームページ</dt><dd><a href="${esc(r.url)}" rel="noopener noreferrer" target="_blank">${esc(r.url)}</a></dd></div>`
    : "";
  const services = r.services.length
    ? `<ul class="services" aria-label="対応できること">${r.services.map((s) => `<li>${esc(serviceTagLabel(s))}</li>`).join("")}</ul>`
    : "";
  const badges = [
    r.subtype,
    r.homeCareSupport ? (r.kind === "hospital" ? "在宅療養支援病院" : "在宅療養支援診療所") : "",
  ]
    .filter(Boolean)
    .map((b) => `<span class="badge">${esc(b)}</span>`)
    .join("");
  return `<article class="entry" id="r-${esc(r.id)}" data-testid="public-entry" data-id="${esc(r.id)}">
<h4>${esc(r.name)}${r.kana ? ` <span class="kana">${esc(r.kana)}</span>` : ""}</h4>${badges ? `<p class="badges">${badges}</p>` : ""}
<dl>${line("所在地", [r.address, r.building].filter(Boolean).join(" "))}${tel}${line("FAX", r.fax)}${line("受付・診療時間", hours)}${url}</dl>${services}${r.publicNote ? `<p class="note">${esc(r.publicNote)}</p>` : ""}
</article>`;
}

/** The list as a 便利帳: by kind, then by 圏域 (entries without one last). */
function listHtml(resources: readonly PublicResource[], areas: readonly string[]): string {
  const parts: string[] = [];
  for (const kind of RESOURCE_KINDS) {
    const ofKind = resources.filter((r) => r.kind === kind.id);
    if (!ofKind.length) continue;
    parts.push(
      `<section class="kind" data-kind="${kind.id}"><h2>${esc(kind.label)}（${ofKind.length}件）</h2>`,
    );
    const groups = [...areas, null].map((area) => ({ area, entries: ofKind.filter((r) => r.area === area) }));
    for (const g of groups) {
      if (!g.entries.length) continue;
      if (areas.length) parts.push(`<h3>${esc(g.area ?? "圏域未設定")}</h3>`);
      parts.push(`<div class="entries">${g.entries.map(entryHtml).join("\n")}</div>`);
    }
    parts.push("</section>");
  }
  return parts.join("\n");
}

function select(
  name: string,
  label: string,
  options: { value: string; label: string }[],
  chosen: string,
): string {
  return `<label>${esc(label)}<select name="${name}"><option value="">すべて</option>${options
    .map(
      (o) =>
        `<option value="${esc(o.value)}"${o.value === chosen ? " selected" : ""}>${esc(o.label)}</option>`,
    )
    .join("")}</select></label>`;
}

const STYLE = `
:root{color-scheme:light;--ink:#1f2a37;--muted:#5b6574;--line:#c9d1dc;--accent:#1d5fa8}
*{box-sizing:border-box}
body{font-family:"Noto Sans JP","Hiragino Sans","Meiryo",sans-serif;margin:0;color:var(--ink);line-height:1.7;background:#fff}
header.page{padding:1rem 1.25rem;border-bottom:1px solid var(--line)}
header.page h1{font-size:1.4rem;margin:.2rem 0}
header.page p{margin:0;color:var(--muted)}
.demo{background:#fff4e5;border:1px solid #f0b45c;padding:.5rem .75rem;margin:.75rem 1.25rem;border-radius:4px}
main{padding:0 1.25rem 2rem;max-width:72rem;margin:0 auto}
form.search{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:1rem 0}
form.search label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
form.search input,form.search select{font:inherit;padding:.35rem .5rem;border:1px solid #98a2b3;border-radius:4px;min-width:10rem;color:var(--ink)}
form.search button,.actions button{font:inherit;padding:.4rem 1rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:4px;cursor:pointer}
.actions{display:flex;gap:.75rem;align-items:center;margin:.5rem 0 1rem}
.actions .secondary{background:#fff;color:var(--accent)}
#resource-map{height:420px;border:1px solid var(--line);border-radius:4px;margin-bottom:1rem}
#resource-map[hidden]{display:none}
.map-notice{background:#f2f4f7;border:1px solid var(--line);padding:.5rem .75rem;border-radius:4px}
h2{font-size:1.2rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin-top:1.75rem}
h3{font-size:1rem;margin:1rem 0 .5rem;color:var(--muted)}
.entries{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:.75rem}
.entry{border:1px solid var(--line);border-radius:4px;padding:.6rem .8rem;break-inside:avoid;overflow-wrap:anywhere}
.entry h4{margin:0;font-size:1rem}
.entry .kana{font-weight:normal;font-size:.75rem;color:var(--muted)}
.entry dl{margin:.3rem 0}
.entry .row{display:flex;gap:.5rem}
.entry dt{flex:0 0 6.5rem;color:var(--muted);font-size:.85rem}
.entry dd{margin:0}
.badge{display:inline-block;font-size:.75rem;border:1px solid #98a2b3;border-radius:999px;padding:0 .5rem;margin-right:.25rem}
.badges{margin:.2rem 0}
.services{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.25rem}
.services li{font-size:.75rem;background:#e8f0fa;border-radius:3px;padding:0 .4rem}
.note{font-size:.85rem;margin:.3rem 0 0}
.count{color:var(--muted)}
footer{color:var(--muted);font-size:.8rem;padding:1rem 1.25rem;border-top:1px solid var(--line)}
.print-only{display:none}
@media (max-width:600px){.entries{grid-template-columns:1fr}.entry dt{flex-basis:5.5rem}#resource-map{height:320px}}
@page{size:A4;margin:14mm 12mm 16mm;@bottom-center{content:counter(page) " / " counter(pages);font-size:9pt;color:#555}}
@media print{
 .no-print,#resource-map,.map-notice,form.search,.actions{display:none!important}
 .print-only{display:block}
 body{font-size:9.5pt;line-height:1.5}
 header.page{padding:0 0 4mm}
 main{padding:0;max-width:none}
 h2{break-after:avoid;margin-top:6mm}
 h3{break-after:avoid}
 .entries{grid-template-columns:1fr 1fr;gap:3mm}
 .entry{padding:2mm 3mm}
 .entry a{color:inherit;text-decoration:none}
 section.kind{break-before:page}
 section.kind:first-of-type{break-before:auto}
}`;

export function publicDirectoryPageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get("/:lg/resources", async (c) => {
    const data = await readPublicDirectory(c.var.app.kysely, c.req.param("lg"));
    if (!data) {
      return c.html(
        '<!doctype html><html lang="ja"><meta charset="utf-8"><title>見つかりません</title><p>この自治体の医療・介護資源の一覧は公開されていません。</p></html>',
        404,
      );
    }
    const { directory } = data;
    const filters: Filters = {
      q: (c.req.query("q") ?? "").slice(0, 100),
      kind: isResourceKind(c.req.query("kind")) ? (c.req.query("kind") as string) : "",
      service: isServiceTag(c.req.query("service")) ? (c.req.query("service") as string) : "",
      area: directory.areas.includes(c.req.query("area") ?? "") ? (c.req.query("area") as string) : "",
    };
    const shown = filtered(directory.resources, filters);
    const ws = directory.workspace;
    const title = `${ws.name} 医療・介護資源マップ`;
    const assets = mapAssets(c.var.app.config);
    const map = mapConfigOf(c.var.app.config);
    const updated = directory.updatedAt ? formatTimestamp(directory.updatedAt, { time: false }) : "";
    const printed = formatTimestamp(Date.now(), { time: false });
    const filtering = Boolean(filters.q || filters.kind || filters.service || filters.area);
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
<form class="search" method="get" role="search" aria-label="資源を探す">
<label>名前・住所<input type="search" name="q" value="${esc(filters.q)}" maxlength="100"></label>
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
<button type="submit">探す</button>${filtering ? ` <a href="?">条件をクリア</a>` : ""}
</form>
<div class="actions"><span class="count" data-testid="public-count">${shown.length}件${filtering ? `（全${directory.resources.length}件中）` : ""}</span>
<button type="button" class="secondary" data-print hidden>印刷する（便利帳）</button></div>
<div id="resource-map" hidden data-tile-url="${esc(map.tileUrl)}" data-attribution="${esc(map.attribution)}" aria-label="地図"></div>
<script type="application/json" id="directory-data">${scriptJson({ resources: shown.map((x) => ({ id: x.id, name: x.name, kind: x.kind, kindLabel: resourceKindLabel(x.kind), address: x.address, phone: x.phone, lat: x.lat, lng: x.lng })) })}</script>
<div id="directory-list" data-testid="public-list">
${shown.length ? listHtml(shown, directory.areas) : '<p data-testid="public-empty">条件に合う資源はありません。</p>'}
</div>
</main>
<footer><p>掲載内容は各医療機関・事業所の情報をもとに${esc(ws.name)}が作成しています。受診・利用の前に各機関へご確認ください。</p>
<p>出典の一部：介護サービス情報公表システム、医療情報ネット（厚生労働省）のオープンデータを加工して作成。</p></footer>
${assets ? `<script type="module" src="${esc(assets.js)}"></script>` : ""}
</body></html>`);
  });
  return r;
}

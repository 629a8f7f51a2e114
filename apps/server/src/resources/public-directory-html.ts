/**
 * The public directory page's HTML (/p/<code>/resources, shaped by public-directory-presenter.ts):
 * the search form, entries as cards, the list as a 便利帳 by kind and 圏域 or nearest first, and
 * the page's style (screen and A4 print). Every piece of text is escaped here.
 */
import type { PublicResource } from "@tsumugi/contract";
import {
  hoursSummary,
  RESOURCE_KINDS,
  resourceKindLabel,
  SERVICE_TAGS,
  serviceTagLabel,
} from "@tsumugi/domain";
import { escapeHtml as esc } from "../http/html.js";
import { type DirectoryList, type DirectoryPage, homeCareLabel } from "./public-directory-presenter.js";

/** JSON inside a <script type="application/json">: nothing in it can close the element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");

function entryHtml(r: PublicResource, distance = ""): string {
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
  const badges = [r.subtype, homeCareLabel(r)]
    .filter(Boolean)
    .map((b) => `<span class="badge">${esc(b)}</span>`)
    .join("");
  return `<article class="entry" id="r-${esc(r.id)}" data-testid="public-entry" data-id="${esc(r.id)}">
<h4>${esc(r.name)}${r.kana ? ` <span class="kana">${esc(r.kana)}</span>` : ""}</h4>${distance ? `<p class="distance" data-testid="public-distance">${esc(distance)}</p>` : ""}${badges ? `<p class="badges">${badges}</p>` : ""}
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
      `<section class="kind" data-kind="${kind.id}"><h2>${esc(kind.label)}（${ofKind.length}件）</h2><div class="kind-body">`,
    );
    const groups = [...areas, null].map((area) => ({ area, entries: ofKind.filter((r) => r.area === area) }));
    for (const g of groups) {
      if (!g.entries.length) continue;
      if (areas.length) parts.push(`<h3>${esc(g.area ?? "圏域未設定")}</h3>`);
      parts.push(`<div class="entries">${g.entries.map((e) => entryHtml(e)).join("\n")}</div>`);
    }
    parts.push("</div></section>");
  }
  return parts.join("\n");
}

/** The list nearest first (entries without coordinates last). */
function nearestHtml(list: Extract<DirectoryList, { by: "distance" }>): string {
  const parts = [
    `<section class="nearest" data-testid="public-nearest"><h2>近い順（${esc(list.origin.label)}から）</h2>`,
    `<div class="entries">${list.placed.map((p) => entryHtml(p.resource, `${resourceKindLabel(p.resource.kind)}・${p.distance}`)).join("\n")}</div>`,
  ];
  if (list.unplaced.length)
    parts.push(
      `<h3>地図上の位置が登録されていないところ</h3><div class="entries">${list.unplaced.map((r) => entryHtml(r)).join("\n")}</div>`,
    );
  parts.push("</section>");
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
form.search label.wide{flex:1 1 18rem}
form.search input,form.search select{font:inherit;padding:.35rem .5rem;border:1px solid #98a2b3;border-radius:4px;min-width:10rem;color:var(--ink);width:100%}
form.search fieldset.near{flex:1 1 36rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:flex-end;border:1px solid var(--line);border-radius:4px;padding:.25rem .75rem .5rem;margin:0}
form.search fieldset.near legend{font-size:.85rem;color:var(--muted);padding:0 .25rem}
form.search fieldset.near label{flex:0 1 20rem}
form.search .hint{flex:1 1 100%;margin:0;font-size:.8rem;color:var(--muted)}
form.search .hint:empty{display:none}
form.search .buttons{margin:0;display:flex;gap:1rem;align-items:center}
form.search button,.actions button{font:inherit;padding:.4rem 1rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:4px;cursor:pointer}
form.search button.secondary,.actions .secondary{background:#fff;color:var(--accent)}
.actions{display:flex;gap:.75rem;align-items:center;margin:.5rem 0 1rem}
.problem{background:#fef3f2;border:1px solid #fda29b;color:#912018;padding:.5rem .75rem;border-radius:4px}
#resource-map{height:420px;border:1px solid var(--line);border-radius:4px;margin-bottom:1rem}
#resource-map[hidden],.map-notice[hidden]{display:none}
.map-notice{background:#f2f4f7;border:1px solid var(--line);padding:.5rem .75rem;border-radius:4px}
.map-popup{font-size:.85rem;line-height:1.5}
.map-popup-name{font-weight:bold;font-size:.95rem}
.map-popup-kind,.map-popup-distance{color:var(--muted)}
.map-popup-sort{font:inherit;padding:.3rem .75rem;border:1px solid var(--accent);background:#fff;color:var(--accent);border-radius:4px;cursor:pointer}
h2{font-size:1.2rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin-top:1.75rem}
h3{font-size:1rem;margin:1rem 0 .5rem;color:var(--muted)}
.entries{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:.75rem}
.entry{border:1px solid var(--line);border-radius:4px;padding:.6rem .8rem;break-inside:avoid;overflow-wrap:anywhere}
.entry:target{outline:3px solid var(--accent)}
.entry h4{margin:0;font-size:1rem}
.entry .kana{font-weight:normal;font-size:.75rem;color:var(--muted)}
.entry .distance{margin:0;font-size:.85rem;color:var(--accent);font-weight:bold}
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
@media (max-width:600px){main{padding:0 .75rem 2rem}.entries{grid-template-columns:1fr}.entry dt{flex-basis:5.5rem}#resource-map{height:320px}form.search label,form.search fieldset.near label{flex:1 1 100%}form.search input,form.search select{min-width:0}}
@page{size:A4;margin:14mm 12mm 16mm;@bottom-center{content:counter(page) " / " counter(pages);font-size:9pt;color:#555}}
@media print{
 .no-print,#resource-map,.map-notice,form.search,.actions,.problem{display:none!important}
 .print-only{display:block}
 body{font-size:9.5pt;line-height:1.5}
 header.page{padding:0 0 4mm}
 main{padding:0;max-width:none}
 h2{break-after:avoid;margin-top:5mm}
 h3{break-after:avoid;margin:3mm 0 2mm}
 /* Two newspaper columns per kind: cards and 圏域 headings flow on, no half-empty rows. */
 .kind-body,.nearest .entries{column-count:2;column-gap:4mm}
 .entries{display:block}
 .entry{padding:2mm 3mm;margin-bottom:3mm}
 .kind-body h3:first-child{margin-top:0}
 .entry a{color:inherit;text-decoration:none}
}`;

function resultsHtml(list: DirectoryList): string {
  if (list.by === "none") return '<p data-testid="public-empty">条件に合う資源はありません。</p>';
  return list.by === "distance" ? nearestHtml(list) : listHtml(list.resources, list.areas);
}

/** The whole page. */
export function directoryPageHtml(page: DirectoryPage): string {
  const { workspace: ws, form, assets } = page;
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}｜${esc(ws.prefecture)}${esc(ws.name)}</title>
<style>${STYLE}</style>
${assets ? assets.css.map((href) => `<link rel="stylesheet" href="${esc(href)}">`).join("\n") : ""}
</head><body>
<header class="page"><p>${esc(ws.prefecture)} ${esc(ws.name)} 在宅医療・介護連携推進事業</p>
<h1>${esc(page.title)}</h1><p class="print-only">医療・介護情報便利帳　${esc(page.printed)} 印刷</p>
<p class="no-print">病院・診療所・歯科・薬局・訪問看護・介護の事業所を地図と一覧で探せます。${page.updated ? `最終更新：${esc(page.updated)}` : ""}</p></header>
${page.demo ? '<p class="demo" data-testid="demo-notice" role="note">デモ用の例です。掲載している医療機関・事業所は実在しません。</p>' : ""}
<main id="content">
<form class="search" method="get" action="#results" role="search" aria-label="資源を探す">
<label class="wide">名前・ふりがな・住所・種類・できること<input type="search" name="q" value="${esc(form.q)}" maxlength="100" data-testid="public-q"></label>
${select(
  "kind",
  "種類",
  RESOURCE_KINDS.map((k) => ({ value: k.id, label: k.label })),
  form.kind,
)}
${select(
  "service",
  "対応できること",
  SERVICE_TAGS.map((s) => ({ value: s.id, label: s.label })),
  form.service,
)}
${
  page.areas.length
    ? select(
        "area",
        "日常生活圏域",
        page.areas.map((a) => ({ value: a, label: a })),
        form.area,
      )
    : ""
}
<fieldset class="near"><legend>近い順に並べる</legend>
<label>住所・町名から<input type="text" name="near" value="${esc(form.near)}" maxlength="100" list="towns" autocomplete="street-address" placeholder="例：${esc(page.towns[0] ?? "")}" data-testid="public-near"></label>
<datalist id="towns">${page.towns.map((t) => `<option value="${esc(t)}"></option>`).join("")}</datalist>
<button type="button" class="secondary" data-locate hidden data-testid="public-locate">現在地から</button>
<input type="hidden" name="lat" value="${esc(page.point.lat)}">
<input type="hidden" name="lng" value="${esc(page.point.lng)}">
<input type="hidden" name="from" value="${esc(form.from)}">
<p class="hint">町名の中心からの距離（目安）です。現在地は並べ替えにだけ使い、記録しません。</p>
<p class="hint" data-locate-status role="status"></p>
</fieldset>
<p class="buttons"><button type="submit" data-testid="public-search">探す</button>${page.filtering ? ` <a href="?" data-testid="public-clear">条件をクリア</a>` : ""}</p>
</form>
${page.originProblem ? `<p class="problem" role="alert" data-testid="public-origin-problem">${esc(page.originProblem)}</p>` : ""}
<div class="actions" id="results"><span class="count" data-testid="public-count">${page.count}件${page.filtering ? `（全${page.total}件中）` : ""}</span>
<button type="button" class="secondary" data-print hidden>印刷する（便利帳）</button></div>
<p class="map-notice" id="map-notice" role="status" hidden data-testid="public-map-notice"></p>
<div id="resource-map" hidden data-tile-url="${esc(page.map.tileUrl)}" data-attribution="${esc(page.map.attribution)}" role="region" aria-label="地図" data-testid="public-map"></div>
<script type="application/json" id="directory-data">${scriptJson(page.pageData)}</script>
<div id="directory-list" data-testid="public-list">
${resultsHtml(page.list)}
</div>
</main>
<footer><p>掲載内容は各医療機関・事業所の情報をもとに${esc(ws.name)}が作成しています。受診・利用の前に各機関へご確認ください。</p>
<p>出典の一部：介護サービス情報公表システム、医療情報ネット（厚生労働省）のオープンデータを加工して作成。</p></footer>
${assets ? `<script type="module" src="${esc(assets.js)}"></script>` : ""}
</body></html>`;
}

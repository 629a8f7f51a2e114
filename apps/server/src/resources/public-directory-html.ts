/**
 * The public directory page's HTML (public-directory-page.ts): entries as cards, the list as a
 * 便利帳 by kind and 圏域 or nearest first, the form's selects and the page's style (screen and
 * A4 print). Every piece of text is escaped here.
 */
import type { PublicResource } from "@tsumugi/contract";
import {
  distanceKm,
  hoursSummary,
  RESOURCE_KINDS,
  resourceKindLabel,
  serviceTagLabel,
} from "@tsumugi/domain";
import { escapeHtml as esc } from "../http/html.js";

/** JSON inside a <script type="application/json">: nothing in it can close the element. */
export const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");

/** Where "nearest first" measures from, as the page says it. */
export interface Origin {
  lat: number;
  lng: number;
  label: string;
}

export const homeCareLabel = (r: PublicResource) =>
  r.homeCareSupport ? (r.kind === "hospital" ? "在宅療養支援病院" : "在宅療養支援診療所") : "";

/** "約350m", "約1.2km", "約12km". */
function distanceLabel(km: number): string {
  if (km < 1) return `約${Math.max(10, Math.round((km * 1000) / 10) * 10)}m`;
  return km < 10 ? `約${km.toFixed(1)}km` : `約${Math.round(km)}km`;
}

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
export function listHtml(resources: readonly PublicResource[], areas: readonly string[]): string {
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

/** The list nearest first from `origin` (entries without coordinates last). */
export function nearestHtml(
  resources: readonly PublicResource[],
  origin: Origin,
): { html: string; distances: Map<string, string>; ordered: PublicResource[] } {
  const measured = resources.map((r) => ({
    r,
    km: r.lat !== null && r.lng !== null ? distanceKm(origin, { lat: r.lat, lng: r.lng }) : null,
  }));
  const placed = measured.filter((m) => m.km !== null).sort((a, b) => (a.km ?? 0) - (b.km ?? 0));
  const unplaced = measured.filter((m) => m.km === null);
  const distances = new Map(placed.map((m) => [m.r.id, distanceLabel(m.km ?? 0)]));
  const parts = [
    `<section class="nearest" data-testid="public-nearest"><h2>近い順（${esc(origin.label)}から）</h2>`,
    `<div class="entries">${placed.map((m) => entryHtml(m.r, `${resourceKindLabel(m.r.kind)}・${distances.get(m.r.id)}`)).join("\n")}</div>`,
  ];
  if (unplaced.length)
    parts.push(
      `<h3>地図上の位置が登録されていないところ</h3><div class="entries">${unplaced.map((m) => entryHtml(m.r)).join("\n")}</div>`,
    );
  parts.push("</section>");
  return { html: parts.join("\n"), distances, ordered: [...placed, ...unplaced].map((m) => m.r) };
}

export function select(
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

export const STYLE = `
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

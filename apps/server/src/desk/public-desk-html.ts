/**
 * The public desk page's HTML (/p/<code>/desk): the published desks (hours, contact, how to
 * consult) and the examples 「主な相談内容と対応」 by 年度. Every text is escaped here.
 */
import {
  CONSULTATION_TOPICS,
  CONSULTER_TYPES,
  fiscalYearLabel,
  formatTimestamp,
  labelOf,
} from "@tsumugi/domain";
import { escapeHtml } from "../http/html.js";
import type { DeskRecord } from "./desk-repository.js";
import type { ExampleRecord } from "./example-repository.js";
import type { PublicDeskRead } from "./public-desk-query.js";

/** Text as paragraphs: blank lines separate, single line breaks stay. */
const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");

const STYLE = `body{font-family:"Noto Sans JP","Hiragino Sans","Meiryo",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.8;color:#1f2a37}
h1{font-size:1.5rem}h2{font-size:1.25rem;border-bottom:2px solid #2f6f4f;margin-top:2.5rem}h3{font-size:1.1rem;margin:1.5rem 0 .25rem}h4{font-size:1.05rem;margin:.25rem 0}h5{font-size:.95rem;margin:.75rem 0 0}
header p{color:#4b5563;margin:0}dl{display:grid;grid-template-columns:8em 1fr;gap:.25rem 1rem;margin:.5rem 0}dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}
.desk,.example{border:1px solid #98a2b3;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}.meta{color:#4b5563;font-size:.9rem}
.demo{display:inline-block;background:#fff4d6;border:1px solid #b7791f;color:#6b4a0f;border-radius:4px;padding:0 .4rem;font-size:.85rem;margin-left:.5rem}
@media (max-width:30rem){dl{grid-template-columns:1fr}dt{margin-top:.5rem}}`;

function deskHtml(d: DeskRecord): string {
  const rows: [string, string][] = [];
  if (d.hours) rows.push(["受付時間", escapeHtml(d.hours)]);
  if (d.phone)
    rows.push([
      "電話",
      `<a href="tel:${escapeHtml(d.phone.replace(/[^\d+]/g, ""))}">${escapeHtml(d.phone)}</a>`,
    ]);
  if (d.email) rows.push(["メール", escapeHtml(d.email)]);
  if (d.address) rows.push(["所在地", escapeHtml(d.address)]);
  return `<section class="desk" data-testid="public-desk"><h3>${escapeHtml(d.name)}${
    d.demo ? '<span class="demo">デモ用の例</span>' : ""
  }</h3><dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>${
    d.howToConsult ? `<h4>相談のしかた</h4>${paragraphs(d.howToConsult)}` : ""
  }</section>`;
}

function exampleHtml(e: ExampleRecord): string {
  const topics = e.topics.map((t) => labelOf(CONSULTATION_TOPICS, t)).join("・");
  return `<article class="example" data-testid="public-example"><h4>${escapeHtml(e.title)}${
    e.demo ? '<span class="demo">デモ用の例</span>' : ""
  }</h4><p class="meta">相談者：${escapeHtml(labelOf(CONSULTER_TYPES, e.consulterType))}${
    topics ? `　相談内容の分類：${escapeHtml(topics)}` : ""
  }</p><h5>主な相談内容</h5>${paragraphs(e.question)}<h5>対応</h5>${paragraphs(e.answer)}</article>`;
}

/** The whole page; its date is the latest change of a desk or publication of an example. */
export function publicDeskHtml({ workspace, desks, examples }: PublicDeskRead): string {
  const byYear = new Map<number, ExampleRecord[]>();
  for (const e of examples) byYear.set(e.fiscalYear, [...(byYear.get(e.fiscalYear) ?? []), e]);
  const updated = Math.max(0, ...desks.map((d) => d.updatedAt), ...examples.map((e) => e.publishedAt ?? 0));
  const title = "在宅医療・介護連携に関する相談窓口";
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}｜${escapeHtml(workspace.name)}</title><style>${STYLE}</style></head>
<body><header><p>${escapeHtml(workspace.prefecture)} ${escapeHtml(workspace.name)} 在宅医療・介護連携推進事業</p><h1>${title}</h1>${
    updated ? `<p>更新：${escapeHtml(formatTimestamp(updated, { time: false }))}</p>` : ""
  }</header>
<main>
${
  desks.length
    ? `<section aria-labelledby="desks"><h2 id="desks">相談窓口のご案内</h2><p>医療・介護の関係者の皆さまからの、在宅医療と介護の連携に関するご相談をお受けしています。内容により、市民の方からのご相談にも応じます。</p>${desks
        .map(deskHtml)
        .join("")}</section>`
    : ""
}
${
  examples.length
    ? `<section aria-labelledby="examples"><h2 id="examples">主な相談内容と対応</h2><p>相談窓口に寄せられた相談の例です。個人が特定されないよう内容を改めています。</p>${[
        ...byYear,
      ]
        .map(([fy, list]) => `<h3>${escapeHtml(fiscalYearLabel(fy))}</h3>${list.map(exampleHtml).join("")}`)
        .join("")}</section>`
    : ""
}
</main></body></html>`;
}

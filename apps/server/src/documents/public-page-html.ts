/**
 * The public page of a published draft as HTML (/p/<publicId>): the municipality, the title,
 * the date of the last change and the text (already HTML from the query). Every text escaped.
 */
import { formatTimestamp } from "@tsumugi/domain";
import { escapeHtml } from "../http/html.js";
import type { PublicPageRead } from "./public-page-query.js";

const STYLE = `body{font-family:"Noto Sans JP","Hiragino Sans","Meiryo",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.8;color:#1f2a37}h1{font-size:1.5rem}header p{color:#667085}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #98a2b3;padding:.3rem .5rem;vertical-align:top;text-align:left}th{background:#f2f4f7}td p,th p{margin:0}main{overflow-wrap:anywhere}`;

export function publicPageHtml(page: PublicPageRead): string {
  const updated = formatTimestamp(page.updatedAt, { time: false });
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}｜${escapeHtml(page.workspace.name)}</title>
<style>${STYLE}</style>
</head><body><header><p>${escapeHtml(page.workspace.prefecture)} ${escapeHtml(page.workspace.name)} 在宅医療・介護連携推進事業</p><h1>${escapeHtml(page.title)}</h1><p>更新：${escapeHtml(updated)}</p></header>
<main data-testid="public-body">${page.body}</main></body></html>`;
}

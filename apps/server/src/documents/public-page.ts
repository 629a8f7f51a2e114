/**
 * The public page of a published draft: /p/<publicId>, readable by professionals and
 * residents without an account. Server-rendered HTML from the document's rich text, every
 * piece of text escaped.
 */
import { formatTimestamp, RICH_TEXT_FIELD } from "@tsumugi/domain";
import { Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppEnv } from "../http/env.js";
import { escapeHtml, notPublishedHtml } from "../http/html.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import { findPublishedDraft } from "./document-repository.js";
import { richTextHtml } from "./rich-text.js";

export function publicPageRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get("/:publicId", async (c) => {
    const publicId = c.req.param("publicId");
    const kysely = c.get("app").kysely;
    const draft = /^[a-z0-9]{8,40}$/.test(publicId) ? await findPublishedDraft(kysely, publicId) : null;
    const workspace = draft ? await findWorkspace(kysely, draft.workspaceId) : undefined;
    const row = draft && workspace && { ...draft, ws: workspace.name, pref: workspace.prefecture };
    if (!row) {
      return c.html(notPublishedHtml(), 404);
    }
    const doc = await collab.readDocument(row.docName);
    const body = richTextHtml(doc.getXmlFragment(RICH_TEXT_FIELD));
    doc.destroy();
    const updated = formatTimestamp(row.updatedAt, { time: false });
    return c.html(`<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(row.title)}｜${escapeHtml(row.ws)}</title>
<style>body{font-family:"Noto Sans JP","Hiragino Sans","Meiryo",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.8;color:#1f2a37}h1{font-size:1.5rem}header p{color:#667085}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #98a2b3;padding:.3rem .5rem;vertical-align:top;text-align:left}th{background:#f2f4f7}td p,th p{margin:0}main{overflow-wrap:anywhere}</style>
</head><body><header><p>${escapeHtml(row.pref)} ${escapeHtml(row.ws)} 在宅医療・介護連携推進事業</p><h1>${escapeHtml(row.title)}</h1><p>更新：${escapeHtml(updated)}</p></header>
<main data-testid="public-body">${body}</main></body></html>`);
  });
  return r;
}

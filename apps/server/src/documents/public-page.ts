/**
 * The public page of a published draft: /p/<publicId>, readable by professionals and
 * residents without an account. Read by public-page-query.ts (404 when nothing is published at
 * the address), rendered by public-page-html.ts.
 */
import { Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppEnv } from "../http/env.js";
import { notPublishedHtml } from "../http/html.js";
import { publicPageHtml } from "./public-page-html.js";
import { readPublicPage } from "./public-page-query.js";

export function publicPageRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get("/:publicId", async (c) => {
    const page = await readPublicPage(c.var.app.kysely, collab, c.req.param("publicId"));
    if (!page) return c.html(notPublishedHtml(), 404);
    return c.html(publicPageHtml(page));
  });
  return r;
}

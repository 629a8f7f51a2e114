/**
 * The public desk page of a municipality: /p/<全国地方公共団体コード>/desk, for professionals
 * and residents without an account. The desks it publishes (hours, contact, how to consult)
 * and the published examples 「主な相談内容と対応」 the secretariat approved, read by
 * public-desk-query.ts (404 when the municipality publishes nothing) and rendered by
 * public-desk-html.ts.
 */
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { notPublishedHtml } from "../http/html.js";
import { publicDeskHtml } from "./public-desk-html.js";
import { readPublicDesk } from "./public-desk-query.js";

export const publicDeskPath = (lgCode: string) => `/p/${lgCode}/desk`;

export function publicDeskRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get("/:lg/desk", async (c) => {
    const read = await readPublicDesk(c.var.app.kysely, c.req.param("lg"));
    if (!read) return c.html(notPublishedHtml(), 404);
    return c.html(publicDeskHtml(read));
  });
  return r;
}

/**
 * The public directory page: /p/<local government code>/resources, for residents and anyone
 * without an account. Server-rendered HTML, every piece of text escaped: a search form (text
 * over name, kana, address, kind and services; kind, service, 日常生活圏域), "nearest first"
 * from an address or from a point (the device's position or a click on the map, sent by the
 * page's script rounded to about 100 m and never stored), the list grouped by kind and 圏域 as a
 * printable 便利帳 (A4), and a map that the page's script (apps/web/src/public) draws over it;
 * the list stays when the map cannot load. Public fields only (readPublicDirectory): never
 * contact times, liaison windows or vacancies.
 *
 * The route reads the directory (public-directory-query.ts; 404 when the municipality has not
 * opened it), reads the form leniently against it (public-directory-form.ts: what the page
 * cannot use is ignored, never a 400), shapes the page (public-directory-presenter.ts) and
 * renders it (public-directory-html.ts). It is not the API (/api/public/resources), whose
 * parameters are validated by the contract's schemas.
 */
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { notPublishedHtml } from "../http/html.js";
import { parseDirectoryForm } from "./public-directory-form.js";
import { directoryPageHtml } from "./public-directory-html.js";
import { presentDirectoryPage } from "./public-directory-presenter.js";
import { readDirectoryPage } from "./public-directory-query.js";
import { presentMapConfig, presentPublicDirectory } from "./resource-presenter.js";

export function publicDirectoryPageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get("/:lg/resources", async (c) => {
    const app = c.var.app;
    const read = await readDirectoryPage(app.kysely, app.config, c.req.param("lg"));
    if (!read) {
      return c.html(notPublishedHtml("この自治体の医療・介護資源の一覧は公開されていません。"), 404);
    }
    const directory = presentPublicDirectory(read.directory);
    const form = parseDirectoryForm(c.req.query(), directory.areas);
    const page = presentDirectoryPage(directory, form, {
      map: presentMapConfig(app.config),
      assets: read.assets,
      now: Date.now(),
    });
    return c.html(directoryPageHtml(page));
  });
  return r;
}

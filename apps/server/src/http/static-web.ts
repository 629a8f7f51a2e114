/**
 * Serves the built web app: files from WEB_DIST, and index.html for every other GET that is
 * not an API or collab path (the React router takes it from there).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { Config } from "../config.js";
import type { AppEnv } from "./env.js";

const NOT_BUILT = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>紡ぎ</title>
<p>Web アプリがビルドされていません。<code>npm run build</code> を実行してからサーバーを再起動してください。</p></html>`;

export function mountStaticWeb(app: Hono<AppEnv>, config: Config): void {
  const dist = config.webDist;
  const indexPath = dist ? join(dist, "index.html") : null;
  if (!dist || !indexPath || !existsSync(indexPath)) {
    app.get("*", (c) => (isReserved(c.req.path) ? c.notFound() : c.html(NOT_BUILT, 503)));
    return;
  }
  app.use(
    "/assets/*",
    async (c, next) => {
      await next();
      // Vite fingerprints asset names, so they never change.
      if (c.res.ok) c.header("Cache-Control", "public, max-age=31536000, immutable");
    },
    serveStatic({ root: dist }),
  );
  // The service worker must be re-checked on every visit: a stale one would keep serving an
  // old build's shell when the server is unreachable.
  app.use("/sw.js", async (c, next) => {
    await next();
    if (c.res.ok) c.header("Cache-Control", "no-cache");
  });
  app.use("*", async (c, next) => (isReserved(c.req.path) ? next() : serveStatic({ root: dist })(c, next)));
  app.get("*", (c) => {
    if (isReserved(c.req.path)) return c.notFound();
    c.header("Cache-Control", "no-cache");
    return c.html(readFileSync(indexPath, "utf8"));
  });
}

function isReserved(path: string): boolean {
  return path === "/api" || path.startsWith("/api/") || path.startsWith("/collab/");
}

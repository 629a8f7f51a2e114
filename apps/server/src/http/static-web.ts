/**
 * Serves the built web app: files from WEB_DIST, and index.html for every other GET that is
 * not an API, collab or asset path (the React router takes it from there).
 *
 * The build leaves brotli and gzip copies beside each file (`x.js.br`, `x.js.gz`, see
 * apps/web/vite.config.ts): a browser that accepts one of them gets it, with
 * `Content-Encoding`, and every answer for such a file says `Vary: Accept-Encoding` so a
 * shared cache keeps the variants apart. A range request gets bytes of the uncompressed
 * file. Cache policy: fingerprinted assets are immutable, the service worker and the app's
 * pages are re-checked on every visit (`no-cache`); no ETag.
 */
import { createReadStream, existsSync, type Stats, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { COLLAB_PATH_PREFIX } from "@tsumugi/domain";
import type { Context, Hono } from "hono";
import { getMimeType } from "hono/utils/mime";
import Negotiator from "negotiator";
import parseRange from "range-parser";
import type { Config } from "../config.js";
import type { AppEnv } from "./env.js";

const NOT_BUILT = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>紡ぎ</title>
<p>Web アプリがビルドされていません。<code>npm run build</code> を実行してからサーバーを再起動してください。</p></html>`;

/** Content codings the build writes, best first, with the suffix of their files. */
const CODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

export function mountStaticWeb(app: Hono<AppEnv>, config: Config): void {
  const dist = config.webDist;
  const indexPath = dist ? join(dist, "index.html") : null;
  if (!dist || !indexPath || !existsSync(indexPath)) {
    app.get("*", (c) => (isReserved(c.req.path) ? c.notFound() : c.html(NOT_BUILT, 503)));
    return;
  }
  const root = resolve(dist);
  app.get("*", (c) => {
    const path = c.req.path;
    if (isReserved(path)) return c.notFound();
    const file = fileFor(root, path);
    if (file) return sendFile(c, file, cacheControlFor(path));
    // Vite fingerprints asset names: a missing one is a 404, never the app's page (which the
    // browser would otherwise keep for a year as that script).
    if (path.startsWith("/assets/")) return c.text("Not Found", 404);
    return sendFile(c, resolve(root, "index.html"), REVALIDATE);
  });
}

function isReserved(path: string): boolean {
  return path === "/api" || path.startsWith("/api/") || path.startsWith(COLLAB_PATH_PREFIX);
}

function cacheControlFor(path: string): string | null {
  if (path.startsWith("/assets/")) return IMMUTABLE;
  // The service worker must be re-checked on every visit: a stale one would keep serving an
  // old build's shell when the server is unreachable.
  if (path === "/sw.js") return REVALIDATE;
  return null;
}

/** The regular file `path` names inside `root`, or null (directories, dot segments, outside). */
function fileFor(root: string, path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\") || /(^|\/)\.\.?(\/|$)/.test(decoded)) return null;
  const file = resolve(root, `.${decoded}`);
  if (!file.startsWith(root + sep)) return null;
  return statOf(file)?.isFile() ? file : null;
}

function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

type EncodingNegotiator = (
  available: readonly string[],
  options: { preferred: readonly string[] },
) => string[];

/** The coding to send among `available` (plus identity), or null when the client accepts none. */
function chooseCoding(c: Context<AppEnv>, available: readonly string[]): string | null {
  const negotiator = new Negotiator({ headers: { "accept-encoding": c.req.header("accept-encoding") } });
  // `preferred` breaks ties between equally acceptable codings (Chromium sends "gzip, deflate,
  // br, zstd", all q=1): brotli is the smaller.
  const encodings = (negotiator.encodings as unknown as EncodingNegotiator).bind(negotiator);
  const order = [...available, "identity"];
  return encodings(order, { preferred: order })[0] ?? null;
}

function sendFile(c: Context<AppEnv>, file: string, cacheControl: string | null): Response {
  const size = (statOf(file) as Stats).size;
  const variants = CODINGS.map((coding) => ({ ...coding, stats: statOf(file + coding.suffix) })).filter((v) =>
    v.stats?.isFile(),
  );
  const headers = new Headers({ "Content-Type": getMimeType(file) ?? "application/octet-stream" });
  if (variants.length > 0) headers.set("Vary", "Accept-Encoding");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  const head = c.req.method === "HEAD";

  const range = c.req.header("range");
  if (range !== undefined) {
    // Ranges are of the uncompressed file (one representation that ranges can be resumed on).
    headers.set("Accept-Ranges", "bytes");
    const ranges = parseRange(size, range, { combine: true });
    if (ranges === -1) {
      headers.set("Content-Range", `bytes */${size}`);
      return new Response(null, { status: 416, headers });
    }
    // A malformed header, another unit or several ranges: the whole file, as if none was asked.
    if (ranges !== -2 && ranges.type === "bytes" && ranges.length === 1) {
      const { start, end } = ranges[0];
      headers.set("Content-Range", `bytes ${start}-${end}/${size}`);
      headers.set("Content-Length", String(end - start + 1));
      return new Response(head ? null : stream(file, { start, end }), { status: 206, headers });
    }
    headers.set("Content-Length", String(size));
    return new Response(head ? null : stream(file), { status: 200, headers });
  }

  const coding = chooseCoding(
    c,
    variants.map((v) => v.name),
  );
  if (coding === null) return new Response(null, { status: 406, headers });
  const variant = variants.find((v) => v.name === coding);
  const path = variant ? file + variant.suffix : file;
  if (variant) headers.set("Content-Encoding", variant.name);
  headers.set("Content-Length", String(variant ? (variant.stats as Stats).size : size));
  return new Response(head ? null : stream(path), { status: 200, headers });
}

function stream(path: string, range?: { start: number; end: number }): ReadableStream {
  return Readable.toWeb(createReadStream(path, range)) as ReadableStream;
}

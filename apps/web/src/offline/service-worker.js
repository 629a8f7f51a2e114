/**
 * Tsumugi's service worker: one job, letting a page be (re)loaded while the server cannot
 * be reached. The build prepends `BUILD` (a version and the list of files of this build,
 * see vite-plugins/service-worker.ts).
 *
 * - Navigations go to the network first, so an online page is always the server's current
 *   one; only when the server does not answer is the cached index.html served, and the app
 *   then opens its documents from IndexedDB.
 * - The build's own files (fingerprinted, never changing) are served from the cache. The
 *   shell and every screen's code are fetched when the worker installs (`BUILD.precache`);
 *   the rest (the Excel reader) is fetched when a page first needs it and cached then.
 * - Everything else (REST API, WebSockets, server-rendered public pages) is left alone.
 */
/* global BUILD */
const CACHE_PREFIX = "tsumugi-shell-";
const CACHE = `${CACHE_PREFIX}${BUILD.version}`;
const BUILD_FILES = new Set(BUILD.files);
const NOT_THE_APP = ["/api/", "/collab/", "/p/"];
/** A network that drops packets silently would otherwise keep the page blank for minutes. */
const NAVIGATION_TIMEOUT_MS = 5_000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // "reload": fetch past the HTTP cache, so index.html matches the assets of this build.
      await cache.addAll(BUILD.precache.map((path) => new Request(path, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (NOT_THE_APP.some((prefix) => url.pathname.startsWith(prefix))) return;
    event.respondWith(pageOrShell(request));
  } else if (BUILD_FILES.has(url.pathname)) {
    event.respondWith(cachedOrFetched(request, (work) => event.waitUntil(work)));
  }
});

/**
 * The server's page; the cached app shell when the server is down, does not answer in time
 * or a proxy says it is down (502–504).
 */
async function pageOrShell(request) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS);
  });
  try {
    const response = await Promise.race([fetch(request), late]);
    if (response && (response.status < 502 || response.status > 504)) return response;
  } catch {
    // unreachable: fall through to the shell
  } finally {
    clearTimeout(timer);
  }
  return (await caches.match("/index.html", { cacheName: CACHE })) ?? Response.error();
}

/**
 * A build file from the cache; one not there yet is fetched and kept for the next time
 * (`waitUntil` keeps the worker alive until it is stored).
 */
async function cachedOrFetched(request, waitUntil) {
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  // Only whole answers (a 206 or an error page must not stand in for the file later).
  if (response.status === 200) {
    const copy = response.clone();
    waitUntil(
      caches
        .open(CACHE)
        .then((cache) => cache.put(request, copy))
        .catch(() => {
          // Storage full or blocked: the file was still served, only not kept.
        }),
    );
  }
  return response;
}

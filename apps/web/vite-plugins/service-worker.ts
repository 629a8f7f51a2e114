/**
 * Emits the service worker (src/offline/service-worker.js) as `/sw.js` with the build's files
 * and a version derived from their contents: a new build means a new cache, and the old one
 * is dropped when the new worker takes over.
 *
 * Two lists: `precache`, fetched when the worker installs (the shell and every screen's code,
 * so a page can be reloaded offline), and `files`, every file of the build, which the worker
 * caches when a page first uses it. Chunks holding an "on demand" module (the Excel reader:
 * a large chunk few people use), the chunks only they import, and Web Worker bundles (scripts
 * emitted as assets: the workbook reader's) are left out of `precache`: installing the worker
 * does not download them, and they are cached once used.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

export const SERVICE_WORKER_FILE = "sw.js";

export interface BundleFile {
  fileName: string;
  type: "chunk" | "asset";
  code?: string;
  source?: string | Uint8Array;
  /** Chunks only. */
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  moduleIds?: string[];
}

export interface ServiceWorkerOptions {
  /** Modules whose chunks are not precached (matched against the module id, a file path). */
  onDemand?: (moduleId: string) => boolean;
}

export interface BuildList {
  version: string;
  files: string[];
  precache: string[];
}

/** Source maps, compressed copies (`.br`, `.gz`) and the worker itself are not the app. */
function isAppFile(fileName: string): boolean {
  return fileName !== SERVICE_WORKER_FILE && !/\.(map|br|gz)$/.test(fileName);
}

/** The build's files and the ones to fetch on install (see the module comment). */
export function buildList(files: readonly BundleFile[], options: ServiceWorkerOptions = {}): BuildList {
  const shell = files
    .filter((f) => isAppFile(f.fileName))
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
  if (!shell.some((f) => f.fileName === "index.html")) {
    throw new Error("service worker: index.html is not part of the build");
  }
  const hash = createHash("sha256");
  for (const f of shell) {
    hash.update(f.fileName);
    hash.update((f.type === "chunk" ? f.code : f.source) ?? "");
  }
  const onDemand = options.onDemand ?? (() => false);
  const chunks = new Map(shell.filter((f) => f.type === "chunk").map((f) => [f.fileName, f]));
  // Roots: the entry and every screen loaded on demand but not marked on demand itself.
  const pending = [...chunks.values()]
    .filter((c) => c.isEntry || (c.isDynamicEntry && !(c.moduleIds ?? []).some(onDemand)))
    .map((c) => c.fileName);
  const needed = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (needed.has(name)) continue;
    needed.add(name);
    pending.push(...(chunks.get(name)?.imports ?? []));
  }
  // Scripts emitted as assets are Web Worker bundles (the Excel reader's): loaded on demand.
  const precache = shell.filter((f) =>
    f.type === "asset" ? !/\.m?js$/.test(f.fileName) : needed.has(f.fileName),
  );
  return {
    version: hash.digest("hex").slice(0, 16),
    files: shell.map((f) => `/${f.fileName}`),
    precache: precache.map((f) => `/${f.fileName}`),
  };
}

/** The service worker's source for one build: `BUILD` first, then the worker itself. */
export function serviceWorkerSource(
  template: string,
  files: readonly BundleFile[],
  options: ServiceWorkerOptions = {},
): string {
  return `const BUILD = ${JSON.stringify(buildList(files, options))};\n${template}`;
}

export function serviceWorker(templatePath: string, options: ServiceWorkerOptions = {}): Plugin {
  return {
    name: "tsumugi-service-worker",
    apply: "build",
    // After Vite's own plugins, so index.html is in the bundle.
    enforce: "post",
    generateBundle(_options, bundle) {
      const source = serviceWorkerSource(
        readFileSync(templatePath, "utf8"),
        Object.values(bundle) as BundleFile[],
        options,
      );
      this.emitFile({ type: "asset", fileName: SERVICE_WORKER_FILE, source });
    },
  };
}

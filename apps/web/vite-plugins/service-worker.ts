/**
 * Emits the service worker (src/offline/service-worker.js) as `/sw.js` with the list of the
 * build's files to cache and a version derived from their contents: a new build means a
 * new cache, and the old one is dropped when the new worker takes over.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

export const SERVICE_WORKER_FILE = "sw.js";

interface BundleFile {
  fileName: string;
  type: "chunk" | "asset";
  code?: string;
  source?: string | Uint8Array;
}

/** The service worker's source for one build: `BUILD` first, then the worker itself. */
export function serviceWorkerSource(template: string, files: BundleFile[]): string {
  const shell = files
    .filter((f) => f.fileName !== SERVICE_WORKER_FILE && !f.fileName.endsWith(".map"))
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
  if (!shell.some((f) => f.fileName === "index.html")) {
    throw new Error("service worker: index.html is not part of the build");
  }
  const hash = createHash("sha256");
  for (const f of shell) {
    hash.update(f.fileName);
    hash.update((f.type === "chunk" ? f.code : f.source) ?? "");
  }
  const build = { version: hash.digest("hex").slice(0, 16), files: shell.map((f) => `/${f.fileName}`) };
  return `const BUILD = ${JSON.stringify(build)};\n${template}`;
}

export function serviceWorker(templatePath: string): Plugin {
  return {
    name: "tsumugi-service-worker",
    apply: "build",
    // After Vite's own plugins, so index.html is in the bundle.
    enforce: "post",
    generateBundle(_options, bundle) {
      const source = serviceWorkerSource(readFileSync(templatePath, "utf8"), Object.values(bundle));
      this.emitFile({ type: "asset", fileName: SERVICE_WORKER_FILE, source });
    },
  };
}

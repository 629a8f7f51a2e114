import { describe, expect, it } from "vitest";
import { type BundleFile, buildList, serviceWorkerSource } from "./service-worker";

const TEMPLATE = "self.addEventListener('fetch', () => {});";

function buildOf(source: string): { version: string; files: string[]; precache: string[] } {
  const m = /^const BUILD = (.*);\n/.exec(source);
  if (!m) throw new Error("no BUILD line");
  return JSON.parse(m[1]);
}

const bundle = [
  { fileName: "assets/index-abc.js", type: "chunk" as const, code: "console.log(1)", isEntry: true },
  { fileName: "assets/index-abc.js.map", type: "asset" as const, source: "{}" },
  { fileName: "index.html", type: "asset" as const, source: "<!doctype html>" },
  { fileName: "assets/index-def.css", type: "asset" as const, source: new Uint8Array([1, 2]) },
];

describe("service worker source", () => {
  it("lists the build's files to cache, without source maps or itself, before the worker's code", () => {
    const source = serviceWorkerSource(TEMPLATE, [
      ...bundle,
      { fileName: "sw.js", type: "asset", source: "" },
    ]);
    expect(buildOf(source).files).toEqual(["/assets/index-abc.js", "/assets/index-def.css", "/index.html"]);
    expect(buildOf(source).precache).toEqual(buildOf(source).files);
    expect(source.endsWith(TEMPLATE)).toBe(true);
  });

  it("changes its version when any file changes, so a new build gets a new cache", () => {
    const first = buildOf(serviceWorkerSource(TEMPLATE, bundle)).version;
    expect(buildOf(serviceWorkerSource(TEMPLATE, [...bundle].reverse())).version).toBe(first);
    const changedPage = bundle.map((f) => (f.fileName === "index.html" ? { ...f, source: "<html>" } : f));
    expect(buildOf(serviceWorkerSource(TEMPLATE, changedPage)).version).not.toBe(first);
  });

  it("refuses a build without index.html: the worker would have no page to fall back to", () => {
    expect(() => serviceWorkerSource(TEMPLATE, bundle.slice(0, 2))).toThrow(/index\.html/);
  });

  it("leaves compressed copies out, and chunks holding an on-demand module and worker bundles out of the precache", () => {
    const chunk = (fileName: string, extra: Partial<BundleFile>): BundleFile => ({
      fileName,
      type: "chunk",
      code: fileName,
      ...extra,
    });
    const files: BundleFile[] = [
      { fileName: "index.html", type: "asset", source: "<!doctype html>" },
      { fileName: "assets/index-1.css", type: "asset", source: "p{}" },
      { fileName: "assets/index-1.css.br", type: "asset", source: "x" },
      chunk("assets/index-1.js", {
        isEntry: true,
        imports: ["assets/shared-1.js"],
        moduleIds: ["/src/main.tsx"],
      }),
      { fileName: "assets/index-1.js.gz", type: "asset", source: "x" },
      chunk("assets/shared-1.js", { imports: [], moduleIds: ["/node_modules/react/index.js"] }),
      // A screen: precached with what it imports.
      chunk("assets/Plan-1.js", {
        isDynamicEntry: true,
        imports: ["assets/shared-1.js", "assets/charts-1.js"],
        moduleIds: ["/src/plan/PlanPage.tsx"],
      }),
      chunk("assets/charts-1.js", { imports: [], moduleIds: ["/node_modules/recharts/index.js"] }),
      // The Excel reader and what only it imports: fetched when used.
      chunk("assets/excel-1.js", {
        isDynamicEntry: true,
        imports: ["assets/shared-1.js", "assets/zip-1.js"],
        moduleIds: ["/packages/plan-io/src/index.ts", "/node_modules/exceljs/index.js"],
      }),
      chunk("assets/zip-1.js", { imports: [], moduleIds: ["/node_modules/jszip/index.js"] }),
      // A Web Worker's bundle is an asset of the main build: fetched when the worker starts.
      { fileName: "assets/read-workbook.worker-1.js", type: "asset", source: "self.onmessage = () => {}" },
    ];
    const list = buildList(files, { onDemand: (id) => id.includes("/packages/plan-io/") });
    expect(list.files).toEqual([
      "/assets/charts-1.js",
      "/assets/excel-1.js",
      "/assets/index-1.css",
      "/assets/index-1.js",
      "/assets/Plan-1.js",
      "/assets/read-workbook.worker-1.js",
      "/assets/shared-1.js",
      "/assets/zip-1.js",
      "/index.html",
    ]);
    expect(list.precache).toEqual([
      "/assets/charts-1.js",
      "/assets/index-1.css",
      "/assets/index-1.js",
      "/assets/Plan-1.js",
      "/assets/shared-1.js",
      "/index.html",
    ]);
  });
});

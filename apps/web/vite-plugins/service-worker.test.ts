import { describe, expect, it } from "vitest";
import { serviceWorkerSource } from "./service-worker";

const TEMPLATE = "self.addEventListener('fetch', () => {});";

function buildOf(source: string): { version: string; files: string[] } {
  const m = /^const BUILD = (.*);\n/.exec(source);
  if (!m) throw new Error("no BUILD line");
  return JSON.parse(m[1]);
}

const bundle = [
  { fileName: "assets/index-abc.js", type: "chunk" as const, code: "console.log(1)" },
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
});

/**
 * What the public directory page (/p/<code>/resources) reads: the directory when the
 * municipality opened it (readPublicDirectory: open, published entries, public fields only) and
 * the built map script with its CSS. Reads only.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { type PublicDirectoryRead, readPublicDirectory } from "./resource-queries.js";

/** The built map script and its stylesheets, as the page links them. */
export interface MapAssets {
  js: string;
  css: string[];
}

/** The built map script and its CSS (Vite's manifest), or null when the web app is not built. */
export function readMapAssets(config: Config): MapAssets | null {
  if (!config.webDist) return null;
  const file = join(config.webDist, ".vite", "manifest.json");
  if (!existsSync(file)) return null;
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<
      string,
      { file: string; css?: string[]; isEntry?: boolean; imports?: string[] }
    >;
    const entry = manifest["src/public/public-directory.ts"];
    if (!entry) return null;
    const css = new Set(entry.css ?? []);
    for (const key of entry.imports ?? []) for (const c of manifest[key]?.css ?? []) css.add(c);
    return { js: `/${entry.file}`, css: [...css].map((c) => `/${c}`) };
  } catch {
    return null;
  }
}

export interface DirectoryPageRead {
  directory: PublicDirectoryRead;
  assets: MapAssets | null;
}

/** The page's directory and map assets, or null when the municipality has not opened it. */
export async function readDirectoryPage(
  q: QueryBuilder,
  config: Config,
  lgCode: string,
): Promise<DirectoryPageRead | null> {
  const directory = await readPublicDirectory(q, lgCode);
  return directory ? { directory, assets: readMapAssets(config) } : null;
}

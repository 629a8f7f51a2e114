/**
 * Browser tests run against the production build: build apps/web when dist is missing or
 * older than the sources, and fail loudly when Chromium is not installed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromiumPath, repoRoot } from "./harness.js";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: browser tests cannot run. Install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  const web = join(repoRoot, "apps/web");
  const built = join(web, "dist/index.html");
  const sources = Math.max(
    newestMtime(join(web, "src")),
    newestMtime(join(repoRoot, "packages/domain/src")),
    newestMtime(join(web, "vite-plugins")),
    statSync(join(web, "index.html")).mtimeMs,
    statSync(join(web, "vite.config.ts")).mtimeMs,
  );
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle
    // (and skip what only production does, such as registering the service worker).
    execFileSync("npx", ["vite", "build"], {
      cwd: web,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
  }
}

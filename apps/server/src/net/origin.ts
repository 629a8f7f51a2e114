/**
 * Cross-site request refusal: non-GET requests and WebSocket upgrades must carry an
 * Origin we serve. A missing Origin is refused too (browsers send it on these requests;
 * a missing one means a non-browser client or a stripped header).
 */
import type { Config } from "../config.js";

export function allowedOrigins(config: Config): Set<string> {
  const url = new URL(config.publicUrl);
  const origins = new Set([url.origin, ...config.extraOrigins]);
  if (!config.publicUrlExplicit) {
    // Local default: the same port under any loopback name.
    for (const host of ["localhost", "127.0.0.1", "[::1]"])
      origins.add(`${url.protocol}//${host}:${url.port}`);
  }
  return origins;
}

export function isAllowedOrigin(config: Config, origin: string | undefined | null): boolean {
  return typeof origin === "string" && allowedOrigins(config).has(origin);
}

/** Cross-cutting HTTP concerns: security headers, Origin check, client IP, session loading. */
import type { IncomingMessage } from "node:http";
import { SESSION_EXPIRES_IN_HEADER } from "@tsumugi/domain";
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { readSessionToken, sessionCookie } from "../auth/cookie.js";
import { isHttps, tileOrigin } from "../config.js";
import type { AppContext } from "../context.js";
import { clientIpOf } from "../net/client-ip.js";
import { isAllowedOrigin } from "../net/origin.js";
import type { AppEnv } from "./env.js";
import { ApiError, authRequired } from "./errors.js";

export function securityHeaders(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    // A route that sets a stricter header of its own keeps it (a file download's
    // Content-Security-Policy: events/material-routes.ts).
    overwrite: false,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Tiptap and React set inline style attributes (caret colours, positions).
      styleSrc: ["'self'", "'unsafe-inline'"],
      // The resource map's tiles (MAP_TILE_URL; 国土地理院 by default).
      imgSrc: ["'self'", "data:", "blob:", tileOrigin(ctx.config.map)],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'", "ws:", "wss:"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    strictTransportSecurity: isHttps(ctx.config) ? "max-age=31536000; includeSubDomains" : false,
    xFrameOptions: "DENY",
    referrerPolicy: "same-origin",
    crossOriginEmbedderPolicy: false,
    // The directory's "nearest first from here" asks for the device's position (this origin only).
    permissionsPolicy: { camera: [], microphone: [], geolocation: ["self"], payment: [] },
  });
}

/** Puts the app context and the client IP on every request. */
export function requestContext(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("app", ctx);
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    c.set("ip", incoming ? clientIpOf(incoming, ctx.config.trustProxy) : "unknown");
    await next();
  };
}

/** Refuses state-changing requests whose Origin is missing or foreign (CSRF). */
export function originCheck(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") {
      if (!isAllowedOrigin(ctx.config, c.req.header("origin"))) {
        throw new ApiError(
          403,
          "csrf.origin",
          "このページからの操作は受け付けられません。ページを開き直してください。",
        );
      }
    }
    await next();
  };
}

export { SESSION_EXPIRES_IN_HEADER };

/**
 * Validates the session cookie; refreshes the cookie's expiry when the session slid, and says
 * how long it lasts (relative, so the web app need not share the server's clock).
 */
export function sessionLoader(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("session", null);
    c.set("user", null);
    const token = readSessionToken(ctx.config, c.req.header("cookie"));
    if (token) {
      const result = await ctx.sessions.validate(token);
      if (result) {
        c.set("session", result.session);
        c.set("user", result.user);
        const expiresAt = ctx.sessions.expiresAt(result.session);
        c.header("Set-Cookie", sessionCookie(ctx.config, token, expiresAt), { append: true });
        c.header(SESSION_EXPIRES_IN_HEADER, String(Math.max(0, expiresAt - Date.now())));
      }
    }
    await next();
  };
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("user")) throw authRequired();
  await next();
};

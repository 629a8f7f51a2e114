/**
 * The session cookie. Over https it is `__Host-tsumugi_session` with Secure (the prefix
 * pins it to this host and path `/`); over plain http (local use) the prefix is not
 * allowed by browsers, so it is `tsumugi_session`.
 */
import { type Config, isHttps } from "../config.js";

export function sessionCookieName(config: Config): string {
  return isHttps(config) ? "__Host-tsumugi_session" : "tsumugi_session";
}

function attributes(config: Config): string {
  return `Path=/; HttpOnly; SameSite=Lax${isHttps(config) ? "; Secure" : ""}`;
}

export function sessionCookie(config: Config, token: string, expiresAt: number): string {
  return `${sessionCookieName(config)}=${token}; ${attributes(config)}; Expires=${new Date(expiresAt).toUTCString()}`;
}

export function clearedSessionCookie(config: Config): string {
  return `${sessionCookieName(config)}=; ${attributes(config)}; Max-Age=0`;
}

/** The value of cookie `name` in a raw `Cookie` header, or null. */
export function readCookie(cookieHeader: string | undefined | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** The session token from a raw `Cookie` header, or null. */
export function readSessionToken(config: Config, cookieHeader: string | undefined | null): string | null {
  return readCookie(cookieHeader, sessionCookieName(config));
}

/** A further cookie of ours (same attributes and prefix rule as the session cookie). */
export function ourCookieName(config: Config, base: string): string {
  return isHttps(config) ? `__Host-${base}` : base;
}

export function ourCookie(config: Config, base: string, value: string, maxAgeSeconds: number): string {
  return `${ourCookieName(config, base)}=${value}; ${attributes(config)}; Max-Age=${maxAgeSeconds}`;
}

export function clearedCookie(config: Config, base: string): string {
  return `${ourCookieName(config, base)}=; ${attributes(config)}; Max-Age=0`;
}

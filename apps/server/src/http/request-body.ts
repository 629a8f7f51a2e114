/**
 * Request bodies: a size limit per route (checked before anything is read, and again as the
 * bytes arrive), JSON objects only, fields checked by the route.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Config } from "../config.js";
import type { AppEnv } from "./env.js";
import { ApiError } from "./errors.js";

/** Every JSON body, unless its route is listed in BODY_LIMITS. */
export const MAX_JSON_BYTES = 64 * 1024;

/** The indicator import's rows (INDICATOR_IMPORT_MAX_ROWS in the contract) in at most this many bytes of JSON (5,000 rows with sources and short notes fit easily). */
export const INDICATOR_IMPORT_MAX_BYTES = 8 * 1024 * 1024;

/** An open-data CSV for the resource directory, base64 in JSON (a national file of one service type fits). */
export const RESOURCE_IMPORT_MAX_BYTES = 40 * 1024 * 1024;

/** A limit set by the server's configuration: bytes and how the refusal names them. */
type ConfiguredLimit = (config: Config) => { maxBytes: number; label: string };

/** Routes that take more than MAX_JSON_BYTES, and how much (docs/security.md, docs/api.md). */
const BODY_LIMITS: readonly ({ method: string; path: RegExp } & (
  | { maxBytes: number; label: string }
  | { configured: ConfiguredLimit }
))[] = [
  {
    method: "POST",
    path: /^\/api\/workspaces\/[^/]+\/indicators\/import$/,
    maxBytes: INDICATOR_IMPORT_MAX_BYTES,
    label: "5,000行・8MB",
  },
  {
    method: "POST",
    path: /^\/api\/workspaces\/[^/]+\/resources\/imports(\/preview)?$/,
    maxBytes: RESOURCE_IMPORT_MAX_BYTES,
    label: "ファイル30MB",
  },
  {
    // An event's material (資料): the file itself is the body (EVENT_MATERIAL_MAX_MB).
    method: "POST",
    path: /^\/api\/workspaces\/[^/]+\/events\/[^/]+\/materials$/,
    configured: (config) => ({
      maxBytes: config.publicForms.materialMaxBytes,
      label: `ファイル${Math.round(config.publicForms.materialMaxBytes / (1024 * 1024))}MB`,
    }),
  },
];

/** The body limit of a request to the API (bytes). */
export function bodyLimitOf(
  method: string,
  path: string,
  config: Config,
): { maxBytes: number; label: string | null } {
  const route = BODY_LIMITS.find((l) => l.method === method && l.path.test(path));
  if (!route) return { maxBytes: MAX_JSON_BYTES, label: null };
  return "configured" in route ? route.configured(config) : { maxBytes: route.maxBytes, label: route.label };
}

export const tooLarge = (label: string | null = null) =>
  new ApiError(
    413,
    "request.tooLarge",
    label ? `送信内容が大きすぎます（${label}まで）。` : "送信内容が大きすぎます。",
    undefined,
    // Refused before its body was read: the connection is not kept for another request.
    { Connection: "close" },
  );

/** Methods whose requests carry no body the app reads outside /api. */
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Answers before the body is read: 413 for an API request announcing more than its route's
 * limit, 405 for a body sent anywhere else (the web app's files and public pages read none);
 * both close the connection, so the server does not read on to find the next request. A body
 * sent without a length is counted as it arrives and cut off at the limit.
 */
export function requestBodyLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (!(path === "/api" || path.startsWith("/api/"))) {
      if (SAFE.has(c.req.method)) return next();
      throw new ApiError(405, "request.methodNotAllowed", "この操作はできません。", undefined, {
        Allow: "GET, HEAD",
        Connection: "close",
      });
    }
    const { maxBytes, label } = bodyLimitOf(c.req.method, path, c.var.app.config);
    c.set("maxBodyBytes", maxBytes);
    const announced = Number(c.req.header("content-length") ?? 0);
    if (announced > maxBytes) throw tooLarge(label);
    return bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw tooLarge(label);
      },
    })(c, next);
  };
}

export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new ApiError(415, "request.notJson", "JSON 形式で送信してください。");
  }
  // The route's body limit (requestBodyLimit) has already cut off anything larger, as it arrived.
  const text = await c.req.text();
  const maxBytes: number = c.get("maxBodyBytes") ?? MAX_JSON_BYTES;
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, "request.malformed", "送信内容を読み取れませんでした。");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "request.malformed", "送信内容を読み取れませんでした。");
  }
  return body as Record<string, unknown>;
}

/** Field checks that collect every problem before answering 400. */
export class FieldErrors {
  readonly fields: Record<string, string> = {};

  add(field: string, code: string): void {
    this.fields[field] ??= code;
  }

  string(
    body: Record<string, unknown>,
    field: string,
    opts: { min?: number; max: number; optional?: boolean },
  ): string {
    const v = body[field];
    if (v === undefined && opts.optional) return "";
    if (typeof v !== "string") {
      this.add(field, "required");
      return "";
    }
    const trimmed = v.trim();
    if (trimmed.length < (opts.min ?? 1)) this.add(field, "required");
    else if (trimmed.length > opts.max) this.add(field, "tooLong");
    return trimmed;
  }

  get any(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

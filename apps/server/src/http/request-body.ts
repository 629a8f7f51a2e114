/** Reading JSON request bodies: size-limited, must be an object, fields checked by the route. */
import type { Context } from "hono";
import { ApiError } from "./errors.js";

export const MAX_JSON_BYTES = 64 * 1024;

export const tooLarge = () => new ApiError(413, "request.tooLarge", "送信内容が大きすぎます。");

export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new ApiError(415, "request.notJson", "JSON 形式で送信してください。");
  }
  // The /api body limit (app.ts) has already cut off anything larger, as it arrived.
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw tooLarge();
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

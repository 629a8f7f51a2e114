/**
 * API errors: a stable `code` (the web app maps it to its message catalogue) and a Japanese
 * fallback message. Routes throw ApiError; the app's error handler renders
 * `{error: {code, message, fields?}}`.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toJSON() {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
  }
}

export const authRequired = () => new ApiError(401, "auth.required", "ログインしてください。");
export const forbidden = () => new ApiError(403, "forbidden", "この操作を行う権限がありません。");
export const notFound = (what = "not_found") => new ApiError(404, what, "見つかりません。");
export const invalid = (fields: Record<string, string>) =>
  new ApiError(400, "validation", "入力内容に誤りがあります。", fields);

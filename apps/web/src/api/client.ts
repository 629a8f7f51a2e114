/**
 * The REST client: JSON in and out, the session cookie sent by the browser, and errors
 * turned into ApiError with a Japanese message from the catalogue (the server's own
 * message when the catalogue has none).
 */
import { SESSION_EXPIRES_IN_HEADER } from "@tsumugi/domain";
import { hasMessage, t } from "../i18n/t";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function messageForCode(code: string, fallback: string, params: Record<string, string> = {}): string {
  const key = `error.${code}`;
  return hasMessage(key) ? t(key, params) : fallback || t("error.unknown");
}

/** "30秒" / "15分": a Retry-After header as the messages say it. */
export function waitText(retryAfter: string | null): string {
  const seconds = Math.max(1, Math.ceil(Number(retryAfter) || 1));
  return seconds < 60 ? t("wait.seconds", { n: seconds }) : t("wait.minutes", { n: Math.ceil(seconds / 60) });
}

/** Japanese text for a field error code ("required", "password.tooShort", …). */
export function fieldMessage(code: string): string {
  const key = `field.${code}`;
  return hasMessage(key) ? t(key) : t("field.format");
}

const sessionSeen = new Set<(expiresInMs: number) => void>();

/** Tells `listener` how long the session lasts, each time an answer says so. */
export function onSessionSeen(listener: (expiresInMs: number) => void): () => void {
  sessionSeen.add(listener);
  return () => sessionSeen.delete(listener);
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  init: { signal?: AbortSignal } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      signal: init.signal,
      credentials: "same-origin",
      // A file (an upload) is sent as it is; anything else as JSON.
      headers:
        body === undefined
          ? {}
          : { "Content-Type": body instanceof Blob ? "application/octet-stream" : "application/json" },
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", t("error.network"));
  }
  const expiresIn = Number(res.headers.get(SESSION_EXPIRES_IN_HEADER));
  if (expiresIn > 0) for (const listener of sessionSeen) listener(expiresIn);
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; fields?: Record<string, string> };
  } | null;
  // Every answer of ours is JSON: a 2xx page that is not (a captive portal, a proxy) is not
  // the server answering.
  if (res.ok && data === null) throw new ApiError(0, "network", t("error.network"));
  if (!res.ok) {
    const code = data?.error?.code ?? "unknown";
    throw new ApiError(
      res.status,
      code,
      messageForCode(code, data?.error?.message ?? "", { wait: waitText(res.headers.get("Retry-After")) }),
      data?.error?.fields,
    );
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>("PATCH", path, body);
export const put = <T>(path: string) => api<T>("PUT", path, {});
export const del = <T>(path: string) => api<T>("DELETE", path);

/**
 * A small HTTP client for integration tests: keeps the session cookie like a browser and
 * sends the server's Origin on state-changing requests.
 */
export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export class TestBrowser {
  /** Every cookie the server set and has not cleared, by name (the browser's cookie jar). */
  readonly jar = new Map<string, string>();
  /** Headers sent with every request (e.g. X-Forwarded-For behind a trusted proxy). */
  headers: Record<string, string> = {};

  /** The session cookie as `name=value`, or null; setting it replaces only the session cookie. */
  get cookie(): string | null {
    for (const [name, value] of this.jar) if (name.endsWith("tsumugi_session")) return `${name}=${value}`;
    return null;
  }

  set cookie(pair: string | null) {
    for (const name of [...this.jar.keys()]) if (name.endsWith("tsumugi_session")) this.jar.delete(name);
    if (pair) this.jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  }

  /** The Cookie header a browser would send. */
  get cookieHeader(): string | null {
    return this.jar.size ? [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ") : null;
  }

  constructor(
    readonly baseUrl: string,
    readonly origin: string | null = baseUrl,
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(this.cookieHeader ? { Cookie: this.cookieHeader } : {}),
        ...(this.origin && method !== "GET" ? { Origin: this.origin } : {}),
        ...this.headers,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const name = pair.slice(0, pair.indexOf("=")).trim();
      const value = pair.slice(pair.indexOf("=") + 1);
      if (/Max-Age=0/i.test(c) || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (static files)
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = Record<string, unknown>>(path: string, body: unknown = {}) {
    return this.request<T>("POST", path, body);
  }
  patch<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  put<T = Record<string, unknown>>(path: string, body: unknown = {}) {
    return this.request<T>("PUT", path, body);
  }
  delete<T = Record<string, unknown>>(path: string) {
    return this.request<T>("DELETE", path);
  }

  async login(email: string, password: string): Promise<HttpResponse> {
    return this.post("/api/auth/login", { email, password });
  }
}

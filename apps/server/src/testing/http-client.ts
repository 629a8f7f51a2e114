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
  cookie: string | null = null;

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
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...(this.origin && method !== "GET" ? { Origin: this.origin } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const value = pair.slice(pair.indexOf("=") + 1);
      this.cookie = /Max-Age=0/i.test(c) || value === "" ? null : pair;
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
  put<T = Record<string, unknown>>(path: string) {
    return this.request<T>("PUT", path, {});
  }
  delete<T = Record<string, unknown>>(path: string) {
    return this.request<T>("DELETE", path);
  }

  async login(email: string, password: string): Promise<HttpResponse> {
    return this.post("/api/auth/login", { email, password });
  }
}

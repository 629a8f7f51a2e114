/**
 * The service worker's decisions, run in a VM context with fake caches and network (Node has
 * no service worker runtime); the browser test offline.e2e.test.ts runs it for real.
 */
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { serviceWorkerSource } from "../../vite-plugins/service-worker";

const ORIGIN = "https://tsumugi.example";
const TEMPLATE = readFileSync(new URL("./service-worker.js", import.meta.url), "utf8");
const BUILD_FILES = [
  { fileName: "index.html", type: "asset" as const, source: "<html>shell</html>" },
  {
    fileName: "assets/app-1.js",
    type: "chunk" as const,
    code: "app",
    isEntry: true,
    moduleIds: ["/src/main.tsx"],
  },
  // Loaded on demand, not precached (see vite-plugins/service-worker.ts).
  {
    fileName: "assets/excel-1.js",
    type: "chunk" as const,
    code: "excel",
    isDynamicEntry: true,
    moduleIds: ["/packages/plan-io/src/index.ts"],
  },
];
const ON_DEMAND = { onDemand: (id: string) => id.includes("/plan-io/") };

interface FakeRequest {
  url: string;
  method: string;
  mode: string;
  cache?: string;
}

type Network = (request: FakeRequest) => Promise<Response>;

class FakeCaches {
  readonly stores = new Map<string, Map<string, Response>>();
  constructor(private readonly network: Network) {}
  async open(name: string) {
    const store = this.stores.get(name) ?? new Map<string, Response>();
    this.stores.set(name, store);
    return {
      addAll: async (requests: FakeRequest[]) => {
        for (const r of requests) store.set(new URL(r.url).pathname, await this.network(r));
      },
      put: async (request: FakeRequest, response: Response) => {
        store.set(new URL(request.url).pathname, response);
      },
    };
  }
  async match(request: FakeRequest | string, options: { cacheName: string }) {
    const url = typeof request === "string" ? request : new URL(request.url).pathname;
    return this.stores.get(options.cacheName)?.get(url)?.clone();
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
}

function startWorker(network: Network) {
  const listeners = new Map<string, (event: unknown) => void>();
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: vi.fn(async () => undefined),
    clients: { claim: vi.fn(async () => undefined) },
  };
  const caches = new FakeCaches(network);
  // Requests the worker builds itself ("/index.html" with cache "reload").
  const Request = function (this: FakeRequest, path: string, init: { cache?: string }) {
    Object.assign(this, { url: new URL(path, ORIGIN).href, method: "GET", mode: "cors", cache: init.cache });
  };
  runInNewContext(serviceWorkerSource(TEMPLATE, BUILD_FILES, ON_DEMAND), {
    self,
    caches,
    fetch: network,
    Request,
    Response,
    URL,
    setTimeout,
    clearTimeout,
  });
  async function lifecycle(type: "install" | "activate") {
    let work: Promise<unknown> = Promise.resolve();
    listeners.get(type)?.({ waitUntil: (p: Promise<unknown>) => (work = p) });
    await work;
  }
  /** The response the worker gives, or "network" when it leaves the request alone. */
  async function request(path: string, init: Partial<FakeRequest> = {}): Promise<Response | "network"> {
    const req = { url: new URL(path, ORIGIN).href, method: "GET", mode: "cors", ...init };
    let answer: Promise<Response> | null = null;
    const extended: Promise<unknown>[] = [];
    listeners.get("fetch")?.({
      request: req,
      respondWith: (p: Promise<Response>) => (answer = p),
      waitUntil: (p: Promise<unknown>) => extended.push(p),
    });
    if (answer === null) return "network";
    const response = await answer;
    await Promise.all(extended);
    return response;
  }
  return { self, caches, lifecycle, request };
}

const page = (body: string, status = 200) => new Response(body, { status });
const navigate = { mode: "navigate" };

async function installed(network: Network) {
  const worker = startWorker(async (r) => (r.cache === "reload" ? files(r) : network(r)));
  await worker.lifecycle("install");
  return worker;
}

function files(r: FakeRequest): Response {
  const file = BUILD_FILES.find((f) => `/${f.fileName}` === new URL(r.url).pathname);
  return page(file?.type === "chunk" ? file.code : String(file?.source));
}

async function body(answer: Response | "network"): Promise<string> {
  if (answer === "network") return "network";
  return answer.text();
}

describe("service worker", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("caches the build's files past the HTTP cache when installed (not the on-demand ones), and takes over at once", async () => {
    const worker = await installed(async () => page("unused"));
    const [name] = worker.caches.stores.keys();
    expect(name).toMatch(/^tsumugi-shell-[0-9a-f]{16}$/);
    expect([...(worker.caches.stores.get(name)?.keys() ?? [])].sort()).toEqual([
      "/assets/app-1.js",
      "/index.html",
    ]);
    expect(worker.self.skipWaiting).toHaveBeenCalled();
  });

  it("serves the server's page while it answers, its own error pages included", async () => {
    const worker = await installed(async (r) =>
      new URL(r.url).pathname === "/gone" ? page("not found", 404) : page("live"),
    );
    expect(await body(await worker.request("/w/1/d/2", navigate))).toBe("live");
    expect(await body(await worker.request("/gone", navigate))).toBe("not found");
  });

  it("serves the cached shell when the server is down, a proxy says so, or it does not answer in time", async () => {
    const down = await installed(async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await body(await down.request("/w/1/d/2", navigate))).toBe("<html>shell</html>");
    const proxied = await installed(async () => page("Bad Gateway", 502));
    expect(await body(await proxied.request("/w/1", navigate))).toBe("<html>shell</html>");

    const silent = await installed(() => new Promise<Response>(() => {}));
    const answer = silent.request("/w/1", navigate);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await body(await answer)).toBe("<html>shell</html>");
  });

  it("serves the build's files from the cache", async () => {
    const network = vi.fn(async () => page("from network"));
    const worker = await installed(network);
    expect(await body(await worker.request("/assets/app-1.js"))).toBe("app");
    expect(network).not.toHaveBeenCalled();
  });

  it("fetches an on-demand file when first used and serves it from the cache afterwards, offline too", async () => {
    let online = true;
    const network = vi.fn(async (r: FakeRequest) => {
      if (!online) throw new TypeError("Failed to fetch");
      return new URL(r.url).pathname === "/assets/excel-1.js" ? page("excel") : page("other");
    });
    const worker = await installed(network);
    expect(await body(await worker.request("/assets/excel-1.js"))).toBe("excel");
    expect(network).toHaveBeenCalledTimes(1);
    online = false;
    expect(await body(await worker.request("/assets/excel-1.js"))).toBe("excel");
    expect(network).toHaveBeenCalledTimes(1);
  });

  it("does not keep an error or a partial answer in place of a file", async () => {
    let status = 503;
    const worker = await installed(async () => page(`status ${status}`, status));
    expect((await worker.request("/assets/excel-1.js")) as Response).toHaveProperty("status", 503);
    status = 206;
    expect((await worker.request("/assets/excel-1.js")) as Response).toHaveProperty("status", 206);
    status = 200;
    expect(await body(await worker.request("/assets/excel-1.js"))).toBe("status 200");
    status = 500;
    expect(await body(await worker.request("/assets/excel-1.js"))).toBe("status 200");
  });

  it("leaves the API, sockets, public pages, other methods, other origins and other files alone", async () => {
    const worker = await installed(async () => page("x"));
    expect(await worker.request("/api/workspaces/w1/export.md", navigate)).toBe("network");
    expect(await worker.request("/api/auth/me")).toBe("network");
    expect(await worker.request("/collab/w1.d1")).toBe("network");
    expect(await worker.request("/p/abc", navigate)).toBe("network");
    expect(await worker.request("/w/1", { ...navigate, method: "POST" })).toBe("network");
    expect(await worker.request("https://elsewhere.example/", navigate)).toBe("network");
    expect(await worker.request("/assets/other-2.js")).toBe("network");
  });

  it("drops older builds' caches when it activates, and nothing else", async () => {
    const worker = await installed(async () => page("x"));
    await worker.caches.open("tsumugi-shell-0000000000000000");
    await worker.caches.open("someone-elses-cache");
    await worker.lifecycle("activate");
    const names = [...worker.caches.stores.keys()];
    expect(names).toHaveLength(2);
    expect(names).toContain("someone-elses-cache");
    expect(names.some((n) => n.startsWith("tsumugi-shell-") && n !== "tsumugi-shell-0000000000000000")).toBe(
      true,
    );
    expect(worker.self.clients.claim).toHaveBeenCalled();
  });
});

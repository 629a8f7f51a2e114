import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { describe, expect } from "vitest";
import {
  createUser,
  createWorkspace,
  startTestServer,
  TEST_PASSWORD,
  tempDataDir,
} from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it } from "../testing/workspace-world.js";

/** `it` for a server whose public address is https (behind a TLS-terminating proxy). */
const overHttps = it.extend({ serverEnv: { PUBLIC_URL: "https://tsumugi.example.lg.jp" } });

/** `it` for a server that sends a small built web app (index.html, a hashed asset, the worker). */
const withWebApp = it.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
  serverEnv: async ({}, use) => {
    const dist = tempDataDir();
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>紡ぎ</title>");
    writeFileSync(join(dist, "assets", "app-1234.js"), "console.log(1)");
    writeFileSync(join(dist, "sw.js"), "self.addEventListener('fetch', () => {})");
    await use({ WEB_DIST: dist });
    rmSync(dist, { recursive: true, force: true });
  },
});

describe("cross-site request refusal", () => {
  it("refuses non-GET requests with a foreign or missing Origin, and allows GET without one", async ({
    server,
  }) => {
    const foreign = new TestBrowser(server.origin, "https://evil.example");
    const missing = new TestBrowser(server.origin, null);
    for (const b of [foreign, missing]) {
      const res = await b.login("x@example.jp", "whatever password");
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: "csrf.origin" } });
    }
    expect((await missing.get("/api/health")).status).toBe(200);
  });
});

describe("request bodies", () => {
  /** POSTs `bytes` bytes of JSON to the login route, with or without a Content-Length. */
  function post(origin: string, bytes: number, chunked: boolean): Promise<{ status: number; body: string }> {
    const url = new URL("/api/auth/login", origin);
    const payload = Buffer.from(JSON.stringify({ email: "a@example.jp", password: "x".repeat(bytes) }));
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            Origin: origin,
            ...(chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": payload.length }),
          },
        },
        (res) => {
          let body = "";
          res.on("data", (d) => {
            body += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      // In pieces, as a streaming client would send them.
      for (let i = 0; i < payload.length; i += 8192) req.write(payload.subarray(i, i + 8192));
      req.end();
    });
  }

  it("refuses more than 64 KiB with 413 in Japanese, with or without a Content-Length", async ({
    server,
  }) => {
    const reachedLogin = async () =>
      (await server.ctx.db.all("SELECT 1 FROM audit_log WHERE event = 'login.failure'")).length;
    const declared = await post(server.origin, 200_000, false);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({
      error: { code: "request.tooLarge", message: "送信内容が大きすぎます。" },
    });
    // Chunked: counted as it arrives and cut off at the limit. The client in this same process
    // may see the 413 or only the closed connection; either way the route never ran.
    const chunked = await post(server.origin, 200_000, true).catch((err: Error) => ({
      status: 0,
      body: err.message,
    }));
    expect([413, 0]).toContain(chunked.status);
    expect(await reachedLogin()).toBe(0);
    // Within the limit, a chunked body reaches the route (unknown account: 401, audited).
    expect((await post(server.origin, 100, true)).status).toBe(401);
    expect(await reachedLogin()).toBe(1);
  });
});

describe("security headers", () => {
  it("are set on API answers and pages", async ({ server }) => {
    const browser = new TestBrowser(server.origin);
    for (const path of ["/api/health", "/"]) {
      const res = await browser.get(path);
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  overHttps("use the __Host- cookie with Secure and send HSTS when served over https", async ({ server }) => {
    const workspaceId = await createWorkspace(server.ctx.kysely);
    await createUser(server.ctx.kysely, { workspaceId, email: "a@example.jp" });
    // Behind a TLS-terminating proxy: the browser talks https, the proxy reaches us on the port.
    const browser = new TestBrowser(`http://localhost:${server.port}`, "https://tsumugi.example.lg.jp");
    const res = await browser.login("a@example.jp", TEST_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^__Host-tsumugi_session=/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Path=/");
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
  });
});

describe("OpenAPI", () => {
  // Loosely typed: the assertions below walk into the document by path.
  // biome-ignore lint/suspicious/noExplicitAny: JSON document inspected field by field
  type Json = any;
  const fetchDocument = (origin: string) =>
    new TestBrowser(origin).get<{
      openapi: string;
      paths: Record<string, Record<string, Json>>;
      components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
    }>("/api/openapi.json");

  it("describes every route of the contract", async ({ server }) => {
    const res = await fetchDocument(server.origin);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const expected: [string, string][] = [
      ["post", "/api/auth/login"],
      ["post", "/api/auth/logout"],
      ["get", "/api/auth/me"],
      ["post", "/api/auth/password"],
      ["get", "/api/workspaces/{wid}"],
      ["patch", "/api/workspaces/{wid}"],
      ["get", "/api/workspaces/{wid}/members"],
      ["patch", "/api/workspaces/{wid}/members/{uid}"],
      ["post", "/api/workspaces/{wid}/members/{uid}/end-sessions"],
      ["get", "/api/workspaces/{wid}/groups"],
      ["post", "/api/workspaces/{wid}/groups"],
      ["put", "/api/workspaces/{wid}/groups/{gid}/members/{uid}"],
      ["get", "/api/workspaces/{wid}/invites"],
      ["post", "/api/workspaces/{wid}/invites"],
      ["get", "/api/invites/{token}"],
      ["post", "/api/invites/{token}/accept"],
      ["get", "/api/workspaces/{wid}/home"],
      ["get", "/api/workspaces/{wid}/documents"],
      ["post", "/api/workspaces/{wid}/documents"],
      ["get", "/api/workspaces/{wid}/documents/{did}"],
      ["get", "/api/workspaces/{wid}/audit"],
      ["get", "/api/workspaces/{wid}/plans"],
      ["post", "/api/workspaces/{wid}/plans"],
      ["get", "/api/workspaces/{wid}/plans/multi-year"],
      ["get", "/api/workspaces/{wid}/plans/{fy}"],
      ["get", "/api/workspaces/{wid}/plans/{fy}/dashboard"],
      ["get", "/api/workspaces/{wid}/plans/{fy}/events"],
      ["post", "/api/workspaces/{wid}/plans/{fy}/rebuild"],
      ["get", "/api/workspaces/{wid}/plans/{fy}/comments"],
      ["post", "/api/workspaces/{wid}/plans/{fy}/comments"],
      ["get", "/api/workspaces/{wid}/mentions"],
      ["post", "/api/workspaces/{wid}/mentions/read"],
      ["get", "/api/health"],
      ["get", "/api/ready"],
    ];
    for (const [method, path] of expected)
      expect(res.body.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });

  it("describes every registered /api route, and registers every described operation", async ({ server }) => {
    const { paths } = (await fetchDocument(server.origin)).body;
    const toOpenApi = (path: string) =>
      path
        .split("/")
        // ":token{.+\\.ics}" → "{token}.ics"; ":gid" → "{gid}"
        .map((s) =>
          s.replace(/^:(\w+)(?:\{.*\\\.(\w+)\})?$/, (_, name, ext) => `{${name}}${ext ? `.${ext}` : ""}`),
        )
        .join("/");
    const registered = new Set(
      server.app.routes
        .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && !r.path.endsWith("*"))
        .map((r) => `${r.method.toLowerCase()} ${toOpenApi(r.path)}`),
    );
    const described = new Set(
      Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`)),
    );
    expect(
      [...registered].filter((op) => !described.has(op)),
      "registered but not described",
    ).toEqual([]);
    expect(
      [...described].filter((op) => !registered.has(op)),
      "described but not registered",
    ).toEqual([]);
    expect(described.size).toBeGreaterThan(60);
  });

  it("gives success and error responses their schemas, and request bodies their required fields", async ({
    server,
  }) => {
    const { paths, components } = (await fetchDocument(server.origin)).body;
    const resolve = (schema: Json): Json =>
      schema?.$ref ? components.schemas[schema.$ref.replace("#/components/schemas/", "")] : schema;
    const json = (response: Json) => response?.content?.["application/json"]?.schema;
    const errorRef = { $ref: "#/components/schemas/Error" };

    // The error body, as ApiError.toJSON renders it.
    const error = components.schemas.Error;
    expect(error.required).toEqual(["error"]);
    expect(error.properties.error.required).toEqual(["code", "message"]);
    expect(Object.keys(error.properties.error.properties)).toEqual(["code", "message", "fields"]);

    // Documents: the list and the created document, as toDocumentView renders them.
    const list = paths["/api/workspaces/{wid}/documents"].get;
    const listed = resolve(resolve(json(list.responses["200"])).properties.documents.items);
    for (const field of ["id", "docName", "title", "groupId", "kind", "access", "locked", "draftStatus"])
      expect(listed.required, field).toContain(field);
    expect(listed.properties.docName.type).toBe("string");
    expect(listed.properties.groupId.type).toEqual(["string", "null"]);
    expect(listed.properties.access.enum).toEqual(["write", "read", "none"]);
    for (const status of ["401", "404"]) expect(json(list.responses[status]), status).toEqual(errorRef);

    const create = paths["/api/workspaces/{wid}/documents"].post;
    expect(resolve(json(create.responses["201"])).properties.document).toEqual({
      $ref: "#/components/schemas/Document",
    });
    for (const status of ["400", "401", "403", "404"])
      expect(json(create.responses[status]), status).toEqual(errorRef);
    const createBody = json(create.requestBody);
    expect(createBody.required).toEqual(["kind"]);
    expect(createBody.properties.kind.enum).not.toContain("plan");

    // Login and /me answer the user and their workspaces (login may answer the second step
    // instead); login needs e-mail and password.
    const login = paths["/api/auth/login"].post;
    expect(json(login.requestBody).required).toEqual(["email", "password"]);
    const me = json(paths["/api/auth/me"].get.responses["200"]);
    expect(json(login.responses["200"]).anyOf).toEqual([me, { $ref: "#/components/schemas/SecondStep" }]);
    const session = resolve(me);
    expect(session.required).toEqual(["user", "workspaces", "sessionId", "sessionExpiresAt"]);
    expect(resolve(session.properties.user).required).toEqual(["id", "email", "name", "organization"]);
    expect(resolve(session.properties.workspaces.items).required).toEqual([
      "id",
      "name",
      "prefecture",
      "lgCode",
      "role",
    ]);
    expect(me).toEqual({ $ref: "#/components/schemas/SessionInfo" });
    // Throttled: the 429 says how long to wait, in its description and its Retry-After header.
    expect(login.responses["429"].headers["Retry-After"].schema).toEqual({ type: "integer" });
    expect(login.responses["429"].description).toContain("Retry-After");
    expect(login.description).toContain("Retry-After");
    expect(json(paths["/api/auth/password"].post.requestBody).required).toEqual([
      "currentPassword",
      "newPassword",
    ]);

    // Readiness answers its own body when it says no (503), not the error body.
    const ready = paths["/api/ready"].get;
    expect(json(ready.responses["503"])).toEqual(json(ready.responses["200"]));
    expect(resolve(json(ready.responses["503"])).required).toEqual(["ok", "database", "redis", "draining"]);

    // File answers declare their media types: the calendar feed, the desk's CSV or xlsx export.
    const mediaTypes = (op: Json) => Object.keys(op.responses["200"].content);
    expect(mediaTypes(paths["/api/calendar/{file}"].get)).toEqual(["text/calendar"]);
    expect(mediaTypes(paths["/api/workspaces/{wid}/consultations/exports"].post)).toEqual([
      "text/csv",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]);

    // The plan: its abilities, the dashboard's query and the comment body.
    const plan = resolve(
      resolve(json(paths["/api/workspaces/{wid}/plans/{fy}"].get.responses["200"])).properties.plan,
    );
    expect(Object.keys(plan.properties.abilities.properties)).toEqual([
      "read",
      "edit",
      "editPapers",
      "rebuild",
    ]);
    const dashboard = paths["/api/workspaces/{wid}/plans/{fy}/dashboard"].get;
    expect(dashboard.parameters.map((p: Json) => p.name)).toContain("today");
    for (const status of ["400", "401", "404", "503"])
      expect(json(dashboard.responses[status]), status).toEqual(errorRef);
    expect(json(paths["/api/workspaces/{wid}/plans/{fy}/comments"].post.requestBody).required).toEqual([
      "body",
      "table",
      "rowId",
    ]);

    const health = resolve(json(paths["/api/health"].get.responses["200"]));
    expect(Object.keys(health.properties)).toEqual(["ok", "documentsLoaded"]);

    // Every $ref points at a schema that exists.
    const refs = JSON.stringify({ paths, components }).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const r of new Set(refs)) expect(resolve({ $ref: r }), r).toBeDefined();
  });

  it("names the session cookie the server actually sets, over http and over https", async ({ server }) => {
    const plain = (await fetchDocument(server.origin)).body.components.securitySchemes.session;
    expect(plain).toMatchObject({ type: "apiKey", in: "cookie", name: "tsumugi_session" });
    const workspaceId = await createWorkspace(server.ctx.kysely);
    await createUser(server.ctx.kysely, { workspaceId, email: "a@example.jp" });
    const login = await new TestBrowser(server.origin).login("a@example.jp", TEST_PASSWORD);
    expect(login.headers.getSetCookie()[0]).toMatch(new RegExp(`^${plain.name}=`));

    const httpsServer = await startTestServer({ env: { PUBLIC_URL: "https://tsumugi.example.lg.jp" } });
    try {
      const secure = (await fetchDocument(`http://localhost:${httpsServer.port}`)).body.components
        .securitySchemes.session;
      expect(secure.name).toBe("__Host-tsumugi_session");
    } finally {
      await httpsServer.destroy();
    }
  });
});

describe("the web app", () => {
  withWebApp(
    "serves files, falls back to index.html for app routes and answers JSON 404 under /api",
    async ({ server }) => {
      const browser = new TestBrowser(server.origin);
      for (const path of ["/", "/w/abc/d/def", "/invite/xyz.abc"]) {
        const res = await browser.get(path);
        expect(res.status, path).toBe(200);
        expect(String(res.body)).toContain("<title>紡ぎ</title>");
      }
      const asset = await browser.get("/assets/app-1234.js");
      expect(asset.body).toBe("console.log(1)");
      expect(asset.headers.get("cache-control")).toContain("immutable");
      const worker = await browser.get("/sw.js");
      expect(worker.body).toBe("self.addEventListener('fetch', () => {})");
      expect(worker.headers.get("content-type")).toContain("javascript");
      expect(worker.headers.get("cache-control")).toBe("no-cache");
      const api = await browser.get("/api/nope");
      expect(api.status).toBe(404);
      expect(api.body).toMatchObject({ error: { code: "not_found" } });
    },
  );

  it("says in Japanese that the web app is not built when there is none", async ({ server }) => {
    const res = await new TestBrowser(server.origin).get("/");
    expect(res.status).toBe(503);
    expect(String(res.body)).toContain("ビルドされていません");
  });
});

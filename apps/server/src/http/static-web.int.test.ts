/**
 * The built web app as a real server sends it: precompressed brotli/gzip copies chosen by
 * Accept-Encoding, `Vary`, cache headers, HEAD, ranges and clients that accept nothing we have.
 * Raw node:http requests, so that no client decompresses or adds headers behind our back.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { startTestServer, tempDataDir } from "../testing/fixtures.js";

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const SCRIPT = Buffer.from(`export const greeting = "${"紡ぎ ".repeat(2000)}";\n`);
const SCRIPT_PATH = "/assets/app-1a2b3c.js";
const PAGE = "<!doctype html><title>紡ぎ</title>";

/** A request to the server as sent, answered with the bytes as received. */
type Raw = (method: string, path: string, headers?: Record<string, string>) => Promise<RawResponse>;

function rawRequest(port: number): Raw {
  return (method, path, headers = {}) =>
    new Promise((resolve, reject) => {
      // The path exactly as given (a URL object would resolve "..").
      const req = request({ host: "localhost", port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
}

/**
 * `raw`: requests to a server started once for the file on a build of its own (with a file
 * beside the build that must never be served); both removed after the file's tests.
 */
const it = test.extend<{ raw: Raw }>({
  raw: [
    // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const parent = tempDataDir();
      writeFileSync(join(parent, "secret.txt"), "not for the web");
      const dist = join(parent, "dist");
      mkdirSync(join(dist, "assets"), { recursive: true });
      writeFileSync(join(dist, "index.html"), PAGE);
      writeFileSync(join(dist, SCRIPT_PATH), SCRIPT);
      writeFileSync(join(dist, `${SCRIPT_PATH}.br`), brotliCompressSync(SCRIPT));
      writeFileSync(join(dist, `${SCRIPT_PATH}.gz`), gzipSync(SCRIPT));
      // A file the build did not compress (too small): sent as it is, whatever is accepted.
      writeFileSync(join(dist, "assets", "tiny-9z.css"), "p{}");
      const worker = "self.addEventListener('fetch', () => {});";
      writeFileSync(join(dist, "sw.js"), worker);
      writeFileSync(join(dist, "sw.js.br"), brotliCompressSync(worker));
      const server = await startTestServer({ env: { WEB_DIST: dist } });
      await use(rawRequest(server.port));
      await server.destroy();
      rmSync(parent, { recursive: true, force: true });
    },
    { scope: "file" },
  ],
});

describe("compressed static files", () => {
  it("sends brotli to a browser that accepts it (Chromium's header), gzip to one that accepts only gzip", async ({
    raw,
  }) => {
    const br = await raw("GET", SCRIPT_PATH, { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(br.body).equals(SCRIPT)).toBe(true);

    const gz = await raw("GET", SCRIPT_PATH, { "Accept-Encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers.vary).toBe("Accept-Encoding");
    expect(gz.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(gunzipSync(gz.body).equals(SCRIPT)).toBe(true);
  });

  it("follows the client's q-values", async ({ raw }) => {
    const gzipPreferred = await raw("GET", SCRIPT_PATH, { "Accept-Encoding": "br;q=0.5, gzip;q=1.0" });
    expect(gzipPreferred.headers["content-encoding"]).toBe("gzip");
    const brRefused = await raw("GET", SCRIPT_PATH, { "Accept-Encoding": "br;q=0, *" });
    expect(brRefused.headers["content-encoding"]).toBe("gzip");
    const star = await raw("GET", SCRIPT_PATH, { "Accept-Encoding": "*" });
    expect(star.headers["content-encoding"]).toBe("br");
  });

  it("sends the file as it is, still with Vary, without Accept-Encoding or with only codings it has no copy for", async ({
    raw,
  }) => {
    for (const accept of [
      undefined,
      "identity",
      "zstd",
      "compress, deflate",
      "gzip;q=0, br;q=0",
      "nonsense;;;==",
    ]) {
      const res = await raw("GET", SCRIPT_PATH, accept === undefined ? {} : { "Accept-Encoding": accept });
      expect(res.status, String(accept)).toBe(200);
      expect(res.headers["content-encoding"], String(accept)).toBeUndefined();
      expect(res.headers.vary, String(accept)).toBe("Accept-Encoding");
      expect(res.body.equals(SCRIPT), String(accept)).toBe(true);
    }
  });

  it("answers 406 when the client refuses every coding, the uncompressed one included", async ({ raw }) => {
    const res = await raw("GET", SCRIPT_PATH, { "Accept-Encoding": "identity;q=0, *;q=0" });
    expect(res.status).toBe(406);
    expect(res.headers.vary).toBe("Accept-Encoding");
  });

  it("answers HEAD with the headers and length of what GET would send, and no body", async ({ raw }) => {
    for (const [accept, coding] of [
      ["br", "br"],
      ["gzip", "gzip"],
      ["", undefined],
    ] as const) {
      const get = await raw("GET", SCRIPT_PATH, { "Accept-Encoding": accept });
      const head = await raw("HEAD", SCRIPT_PATH, { "Accept-Encoding": accept });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(head.headers["content-encoding"]).toBe(coding);
      expect(head.headers["content-length"]).toBe(String(get.body.length));
      expect(head.headers.vary).toBe("Accept-Encoding");
      expect(head.headers["cache-control"]).toBe(get.headers["cache-control"]);
    }
  });

  it("serves ranges of the uncompressed file, 416 for an unsatisfiable one, the whole file for a malformed one", async ({
    raw,
  }) => {
    const accept = { "Accept-Encoding": "gzip, deflate, br" };
    const first = await raw("GET", SCRIPT_PATH, { ...accept, Range: "bytes=0-99" });
    expect(first.status).toBe(206);
    expect(first.headers["content-encoding"]).toBeUndefined();
    expect(first.headers["content-range"]).toBe(`bytes 0-99/${SCRIPT.length}`);
    expect(first.headers.vary).toBe("Accept-Encoding");
    expect(first.body.equals(SCRIPT.subarray(0, 100))).toBe(true);

    const suffix = await raw("GET", SCRIPT_PATH, { ...accept, Range: "bytes=-10" });
    expect(suffix.status).toBe(206);
    expect(suffix.body.equals(SCRIPT.subarray(SCRIPT.length - 10))).toBe(true);

    const open = await raw("GET", SCRIPT_PATH, { ...accept, Range: `bytes=${SCRIPT.length - 5}-` });
    expect(open.body.equals(SCRIPT.subarray(SCRIPT.length - 5))).toBe(true);

    const beyond = await raw("GET", SCRIPT_PATH, { ...accept, Range: `bytes=${SCRIPT.length + 10}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers["content-range"]).toBe(`bytes */${SCRIPT.length}`);

    for (const range of ["bytes=abc", "items=0-5", "bytes=0-1,5-6"]) {
      const whole = await raw("GET", SCRIPT_PATH, { ...accept, Range: range });
      expect(whole.status, range).toBe(200);
      expect(whole.body.equals(SCRIPT), range).toBe(true);
    }

    const headRange = await raw("HEAD", SCRIPT_PATH, { Range: "bytes=10-19" });
    expect(headRange.status).toBe(206);
    expect(headRange.headers["content-length"]).toBe("10");
    expect(headRange.body.length).toBe(0);
  });

  it("sends files without compressed copies as they are, without Vary", async ({ raw }) => {
    const css = await raw("GET", "/assets/tiny-9z.css", { "Accept-Encoding": "br, gzip" });
    expect(css.status).toBe(200);
    expect(css.headers["content-encoding"]).toBeUndefined();
    expect(css.headers.vary).toBeUndefined();
    expect(css.body.toString()).toBe("p{}");
    expect(css.headers["content-type"]).toMatch(/^text\/css/);
  });

  it("keeps the cache policy: the worker and app pages re-checked, a missing asset a 404 and not the page", async ({
    raw,
  }) => {
    const worker = await raw("GET", "/sw.js", { "Accept-Encoding": "br" });
    expect(worker.headers["content-encoding"]).toBe("br");
    expect(worker.headers["cache-control"]).toBe("no-cache");
    expect(worker.headers.vary).toBe("Accept-Encoding");
    expect(brotliDecompressSync(worker.body).toString()).toContain("addEventListener");

    for (const path of ["/", "/w/abc/plans/2025", "/login?next=%2Fw%2Fabc"]) {
      const page = await raw("GET", path, { "Accept-Encoding": "br" });
      expect(page.status, path).toBe(200);
      expect(page.body.toString(), path).toBe(PAGE);
      expect(page.headers["cache-control"], path).toBe("no-cache");
      expect(page.headers["content-type"], path).toMatch(/^text\/html/);
    }

    const missing = await raw("GET", "/assets/gone-123.js", { "Accept-Encoding": "br" });
    expect(missing.status).toBe(404);
    expect(missing.headers["cache-control"]).toBeUndefined();
    expect(missing.body.toString()).not.toContain("<title>");
  });

  it("never serves a file outside the build", async ({ raw }) => {
    for (const path of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/assets/..%2f..%2fsecret.txt",
    ]) {
      const res = await raw("GET", path);
      expect(res.body.toString(), path).not.toContain("not for the web");
    }
  });
});

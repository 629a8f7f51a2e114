/**
 * /api/openapi.json: the operations described by the routes themselves (http/operation.ts
 * `describe`, `jsonBody`, `queryParams` with the schemas of @tsumugi/contract), read off the
 * app by hono-openapi. Every operation gets the errors common to its kind and the one error
 * body. http.int.test.ts checks that every registered /api route is described and every
 * described operation is registered.
 */
import { ErrorBody } from "@tsumugi/contract";
import type { Hono } from "hono";
import { generateSpecs } from "hono-openapi";
import * as z from "zod";
import type { AppEnv } from "./env.js";

type Json = Record<string, unknown>;
type Operation = Json & {
  requestBody?: { required?: boolean; content?: Record<string, unknown> };
  responses: Record<string, Json>;
};

/** What each error status means across the API; the body is always the Error schema. */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid request: `validation` with `fields` (field → problem code), or `request.malformed`",
  401: "Not logged in (`auth.required`), or wrong credentials (`auth.invalid`)",
  403: "Not allowed (`forbidden`), or a state-changing request from a foreign origin (`csrf.origin`)",
  404: "Not found; a workspace the caller is not an active member of is also 404 (`workspace.notFound`)",
  409: "Conflict with the current state",
  410: "Gone (used or expired)",
  413: "Request body larger than its route's limit: 64 KiB, the indicator import 8 MiB, an event's material EVENT_MATERIAL_MAX_MB (`request.tooLarge`)",
  415: "Request body is not JSON (`request.notJson`)",
  429: "Too many attempts (`auth.throttled`) or open streams (`stream.tooMany`); try again after the Retry-After header's seconds",
  503: "Temporarily unavailable",
};

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** Errors every operation of its kind can answer, besides those it lists. */
function commonErrors(path: string, method: string, op: Operation): number[] {
  const statuses: number[] = [];
  // workspaceGuard: not logged in → 401; not an active member (or a malformed id) → 404.
  if (path.startsWith("/api/workspaces/{wid}")) statuses.push(401, 404);
  // originCheck refuses state-changing requests from a foreign or missing Origin.
  if (method !== "get") statuses.push(403);
  // readJsonObject: malformed JSON, over the size limit, not JSON.
  // An optional body is read only when sent as JSON, so it never gets 415; nor does a file.
  const json = !op.requestBody?.content || "application/json" in op.requestBody.content;
  if (op.requestBody) statuses.push(400, 413, ...(op.requestBody.required === false || !json ? [] : [415]));
  return statuses;
}

function withErrors(path: string, method: string, op: Operation): Operation {
  const listed = Object.keys(op.responses)
    .map(Number)
    .filter((s) => s >= 400);
  const statuses = [...new Set([...listed, ...commonErrors(path, method, op)])].sort((a, b) => a - b);
  // Below 400, and errors that answer a body of their own (a 503 of /api/ready), stay as described.
  const own = (status: string) => Number(status) < 400 || op.responses[status]?.content !== undefined;
  const responses: Record<string, Json> = Object.fromEntries(
    Object.entries(op.responses).filter(([status]) => own(status)),
  );
  for (const status of statuses) {
    if (own(String(status))) continue;
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? "Error",
      ...(status === 429
        ? { headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } }
        : {}),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return { ...op, responses };
}

/**
 * The policy's checks (`x-policy`, from operation.ts `allow`, `allowIn`, `allowOn`) once each:
 * a check on every route of a router (`use("*", allowIn(…))`) is merged in once per piece of
 * each route by hono-openapi.
 */
function withPolicyOnce(op: Operation): Operation {
  const checks = op["x-policy"];
  if (!Array.isArray(checks)) return op;
  const seen = new Set<string>();
  const once = checks.filter((check) => {
    const key = JSON.stringify(check);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...op, "x-policy": once };
}

/** The session cookie's name, as auth/cookie.ts sessionCookieName picks it for the public URL. */
function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith("https:") ? "__Host-tsumugi_session" : "tsumugi_session";
}

async function buildPaths(app: Hono<AppEnv>): Promise<{ paths: Json; schemas: Json }> {
  const generated = await generateSpecs(app, {
    documentation: { openapi: "3.1.0" },
    // Paths such as /export.csv and /openapi.json are operations here, not static files.
    excludeStaticFile: false,
    defaultValidationErrorResponse: false,
  });
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [path, item] of Object.entries(generated.paths as Record<string, Record<string, unknown>>)) {
    for (const method of METHODS) {
      const op = item?.[method] as Operation | undefined;
      if (!op) continue;
      paths[path] ??= {};
      // Generated ids are long and unstable; operations are known by method and path.
      const { operationId: _, ...rest } = op;
      paths[path][method] = withErrors(path, method, withPolicyOnce(rest as Operation));
    }
  }
  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    paths: sorted,
    schemas: {
      Error: errorSchema(),
      ...(generated.components?.schemas as Json | undefined),
    },
  };
}

function errorSchema(): Json {
  const { $schema: _, ...schema } = z.toJSONSchema(ErrorBody);
  return schema;
}

const built = new WeakMap<Hono<AppEnv>, Promise<{ paths: Json; schemas: Json }>>();

/** The whole document for a server answering at `serverUrl`; the paths are built once per app. */
export async function openApiDocument(app: Hono<AppEnv>, serverUrl: string): Promise<Json> {
  let parts = built.get(app);
  if (!parts) {
    parts = buildPaths(app);
    built.set(app, parts);
  }
  const { paths, schemas } = await parts;
  return {
    openapi: "3.1.0",
    info: {
      title: "Tsumugi API",
      version: "1",
      description:
        "REST API of Tsumugi. Real-time documents: WebSocket /collab/{docName} (y-websocket protocol), see docs/api.md. `x-policy` on an operation lists the permission policy's checks its route makes: a workspace-level action with the roles it allows, a verb on the record the route loaded, or a verb decided from the request.",
    },
    servers: [{ url: serverUrl }],
    security: [{ session: [] }],
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: sessionCookieName(serverUrl),
          description:
            "Session cookie set by POST /api/auth/login: `__Host-tsumugi_session` (Secure) when served over https, `tsumugi_session` over plain http.",
        },
      },
      schemas,
    },
    paths,
  };
}

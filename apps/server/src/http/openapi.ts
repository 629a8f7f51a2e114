/**
 * Operations not yet described by their routes: a hand-written table, merged into
 * /api/openapi.json by openapi-document.ts with the operations generated from the routes
 * (http/operation.ts `describe` + `jsonBody`). A feature converted to the recipe removes its
 * rows here; docs/api.md is the prose version of the same contract.
 */
import { ROLES } from "@tsumugi/domain";
import { PASSWORD_MAX_LENGTH } from "../auth/password.js";

type Schema = Record<string, unknown>;

interface Operation {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  auth?: boolean;
  /** Request body fields: a JSON type name as shorthand, or a full schema. */
  body?: Record<string, string | Schema>;
  /** The body may be left out altogether. */
  bodyOptional?: boolean;
  /** Body fields the route refuses (400) when missing. */
  required?: string[];
  /** Further constraints merged into the request body schema. */
  bodyRules?: Schema;
  ok: number;
  /** The success response's JSON schema. */
  response?: Schema;
  errors?: number[];
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** Schemas of success responses, named as the code that renders them. */
const SCHEMAS: Record<string, Schema> = {
  Health: {
    type: "object",
    required: ["ok", "documentsLoaded"],
    properties: {
      ok: { type: "boolean", const: true },
      documentsLoaded: { type: "integer", description: "Collaborative documents held in memory" },
    },
  },
  Ready: {
    type: "object",
    required: ["ok", "database", "redis", "draining"],
    properties: {
      ok: { type: "boolean", description: "This node can serve (503 when false)" },
      database: { type: "boolean", description: "The database answered" },
      redis: { type: ["boolean", "null"], description: "Redis answered (null: a single node, no Redis)" },
      draining: { type: "boolean", description: "The node is stopping (SIGTERM) and accepts no new sockets" },
    },
  },
  // auth/account-repository.ts userView
  User: {
    type: "object",
    required: ["id", "email", "name", "organization"],
    properties: {
      id: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      organization: { type: "string" },
    },
  },
  // auth/account-repository.ts workspacesOf
  WorkspaceMembership: {
    type: "object",
    required: ["id", "name", "prefecture", "lgCode", "role"],
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      prefecture: { type: "string" },
      lgCode: { type: "string", description: "Local government code (地方公共団体コード)" },
      role: { type: "string", enum: [...ROLES], description: "The user's role in the workspace" },
    },
  },
  /** POST /api/auth/login and GET /api/auth/me. */
  SessionInfo: {
    type: "object",
    required: ["user", "workspaces", "sessionId", "sessionExpiresAt"],
    properties: {
      user: ref("User"),
      workspaces: {
        type: "array",
        items: ref("WorkspaceMembership"),
        description: "Workspaces where the user is an active member, by name",
      },
      sessionId: {
        type: "string",
        description: "Names this session (a later logout can say which session it ends); not a secret",
      },
      sessionExpiresAt: {
        type: "integer",
        description:
          "When this session ends unless it is used again (ms since the epoch): the earlier of the idle timeout and the absolute lifetime",
      },
    },
  },
};

const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/health",
    summary: "Health check",
    tag: "system",
    auth: false,
    ok: 200,
    response: ref("Health"),
  },
  {
    method: "get",
    path: "/api/ready",
    summary:
      "Readiness for a load balancer: the database and Redis answer and the node is not stopping (else 503)",
    tag: "system",
    auth: false,
    ok: 200,
    response: ref("Ready"),
    errors: [503],
  },
  {
    method: "post",
    path: "/api/auth/login",
    summary:
      'Log in; sets the session cookie, or (two-step verification) answers `{secondStep: "code" | "enrol"}` and sets only the second step\'s cookie',
    tag: "auth",
    auth: false,
    body: {
      email: { type: "string", maxLength: 254 },
      password: { type: "string", minLength: 1, maxLength: PASSWORD_MAX_LENGTH },
    },
    required: ["email", "password"],
    ok: 200,
    response: ref("SessionInfo"),
    errors: [400, 401, 403, 429],
  },
  {
    method: "post",
    path: "/api/auth/logout",
    summary:
      "Log out; ends the session and its sockets. With `sessionId`, only if the cookie's session is that one (a late logout never ends a newer session)",
    tag: "auth",
    body: { sessionId: "string" },
    bodyOptional: true,
    ok: 204,
  },
  {
    method: "get",
    path: "/api/auth/me",
    summary: "The logged-in user and their workspaces",
    tag: "auth",
    ok: 200,
    response: ref("SessionInfo"),
    errors: [401],
  },
  {
    method: "post",
    path: "/api/auth/password",
    summary: "Change password; ends the user's other sessions",
    tag: "auth",
    body: { currentPassword: "string", newPassword: "string" },
    required: ["currentPassword", "newPassword"],
    ok: 204,
    errors: [400, 401, 429],
  },
];

function bodyField(type: string | Schema): Schema {
  if (typeof type !== "string") return type;
  return type === "array" ? { type: "array", items: { type: "string" } } : { type };
}

/**
 * The table's operations as OpenAPI paths, with the statuses they list; openapi-document.ts
 * adds the errors common to every operation of a kind and the error bodies.
 */
export function handWrittenOperations(): {
  paths: Record<string, Record<string, unknown>>;
  schemas: Record<string, Schema>;
} {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const responses: Record<string, unknown> = {
      [op.ok]: {
        description: op.ok === 204 ? "No content" : op.ok === 201 ? "Created" : "OK",
        ...(op.response ? { content: { "application/json": { schema: op.response } } } : {}),
      },
    };
    for (const status of op.errors ?? []) responses[status] = { description: "" };
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth === false ? { security: [] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: !op.bodyOptional,
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: Object.fromEntries(
                      Object.entries(op.body).map(([k, t]) => [k, bodyField(t)]),
                    ),
                    ...(op.required ? { required: op.required } : {}),
                    ...op.bodyRules,
                  },
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return { paths, schemas: SCHEMAS };
}

/**
 * The OpenAPI 3.1 description served at /api/openapi.json, built from one table of
 * operations (docs/api.md is the prose version of the same contract).
 */

interface Operation {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  auth?: boolean;
  body?: Record<string, string>;
  ok: number;
  errors?: number[];
}

const OPERATIONS: Operation[] = [
  { method: "get", path: "/api/health", summary: "Health check", tag: "system", auth: false, ok: 200 },
  {
    method: "post",
    path: "/api/auth/login",
    summary: "Log in; sets the session cookie",
    tag: "auth",
    auth: false,
    body: { email: "string", password: "string" },
    ok: 200,
    errors: [400, 401, 403, 429],
  },
  {
    method: "post",
    path: "/api/auth/logout",
    summary: "Log out; ends the session and its sockets",
    tag: "auth",
    ok: 204,
  },
  {
    method: "get",
    path: "/api/auth/me",
    summary: "The logged-in user and their workspaces",
    tag: "auth",
    ok: 200,
    errors: [401],
  },
  {
    method: "post",
    path: "/api/auth/password",
    summary: "Change password; ends the user's other sessions",
    tag: "auth",
    body: { currentPassword: "string", newPassword: "string" },
    ok: 204,
    errors: [400, 401, 429],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}",
    summary: "Workspace, own role and permissions",
    tag: "workspaces",
    ok: 200,
    errors: [401, 404],
  },
  {
    method: "patch",
    path: "/api/workspaces/{wid}",
    summary: "Rename; set prefecture and local government code (check digit validated)",
    tag: "workspaces",
    body: { name: "string", prefecture: "string", lgCode: "string" },
    ok: 200,
    errors: [400, 403, 409],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/members",
    summary: "Members with roles and groups",
    tag: "members",
    ok: 200,
  },
  {
    method: "patch",
    path: "/api/workspaces/{wid}/members/{uid}",
    summary: "Change role or disable/enable a member",
    tag: "members",
    body: { role: "string", disabled: "boolean" },
    ok: 204,
    errors: [400, 403, 404, 409],
  },
  {
    method: "post",
    path: "/api/workspaces/{wid}/members/{uid}/end-sessions",
    summary: "End all sessions of a member",
    tag: "members",
    ok: 204,
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/groups",
    summary: "Groups (全体会, 部会, 班, 事務局) with member ids",
    tag: "groups",
    ok: 200,
  },
  {
    method: "post",
    path: "/api/workspaces/{wid}/groups",
    summary: "Create a group",
    tag: "groups",
    body: { name: "string", kind: "string" },
    ok: 201,
    errors: [400, 403, 409],
  },
  {
    method: "patch",
    path: "/api/workspaces/{wid}/groups/{gid}",
    summary: "Rename or re-kind a group",
    tag: "groups",
    body: { name: "string", kind: "string" },
    ok: 200,
  },
  {
    method: "delete",
    path: "/api/workspaces/{wid}/groups/{gid}",
    summary: "Delete a group without documents",
    tag: "groups",
    ok: 204,
    errors: [409],
  },
  {
    method: "put",
    path: "/api/workspaces/{wid}/groups/{gid}/members/{uid}",
    summary: "Add a member to a group",
    tag: "groups",
    ok: 204,
  },
  {
    method: "delete",
    path: "/api/workspaces/{wid}/groups/{gid}/members/{uid}",
    summary: "Remove a member from a group",
    tag: "groups",
    ok: 204,
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/invites",
    summary: "Invitations and their status",
    tag: "invites",
    ok: 200,
  },
  {
    method: "post",
    path: "/api/workspaces/{wid}/invites",
    summary: "Create a single-use invitation link (shown once)",
    tag: "invites",
    body: { email: "string", role: "string", groupIds: "array" },
    ok: 201,
    errors: [400, 403],
  },
  {
    method: "delete",
    path: "/api/workspaces/{wid}/invites/{iid}",
    summary: "Revoke an invitation",
    tag: "invites",
    ok: 204,
  },
  {
    method: "get",
    path: "/api/invites/{token}",
    summary: "What an invitation offers",
    tag: "invites",
    auth: false,
    ok: 200,
    errors: [404, 410],
  },
  {
    method: "post",
    path: "/api/invites/{token}/accept",
    summary: "Accept an invitation; creates the account (or joins an existing one) and logs in",
    tag: "invites",
    auth: false,
    body: { name: "string", email: "string", organization: "string", password: "string" },
    ok: 201,
    errors: [400, 404, 409, 410],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/documents",
    summary: "Documents with the caller's access",
    tag: "documents",
    ok: 200,
  },
  {
    method: "post",
    path: "/api/workspaces/{wid}/documents",
    summary: "Create a document; its docName opens /collab/{docName}",
    tag: "documents",
    body: { title: "string", kind: "string", groupId: "string" },
    ok: 201,
    errors: [400, 403],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/documents/{did}",
    summary: "One document with the caller's access",
    tag: "documents",
    ok: 200,
    errors: [404],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/plans",
    summary: "Fiscal-year plans with the caller's access, and the current 年度",
    tag: "plans",
    ok: 200,
  },
  {
    method: "post",
    path: "/api/workspaces/{wid}/plans",
    summary: "Create a 年度's plan (secretariat); carryOver copies last year's open rows",
    tag: "plans",
    body: { fiscalYear: "integer", carryOver: "boolean" },
    ok: 201,
    errors: [400, 403, 409],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/plans/multi-year",
    summary: "Every year's actions by item, from the read model",
    tag: "plans",
    ok: 200,
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/plans/{fy}",
    summary: "One plan; its docName opens /collab/{docName}",
    tag: "plans",
    ok: 200,
    errors: [404],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/plans/{fy}/dashboard",
    summary:
      "Progress roll-ups, overdue/unstarted actions, problems by status, events, recent changes (?today=YYYY-MM-DD)",
    tag: "plans",
    ok: 200,
    errors: [400, 404, 503],
  },
  {
    method: "post",
    path: "/api/workspaces/{wid}/plans/{fy}/rebuild",
    summary: "Rebuild the plan's read model from the stored document (secretariat)",
    tag: "plans",
    ok: 200,
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/plans/{fy}/comments",
    summary: "Row comments of a plan (?table=&rowId= for one row)",
    tag: "plans",
    ok: 200,
    errors: [404],
  },
  {
    method: "post",
    path: "/api/workspaces/{wid}/plans/{fy}/comments",
    summary: "Comment on a plan row, @mentioning members",
    tag: "plans",
    body: { table: "string", rowId: "string", body: "string", mentions: "array" },
    ok: 201,
    errors: [400, 403, 404],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/mentions",
    summary: "The caller's mentions in the workspace, newest first, with the unread count",
    tag: "plans",
    ok: 200,
  },
  {
    method: "post",
    path: "/api/workspaces/{wid}/mentions/read",
    summary: "Mark mentions read",
    tag: "plans",
    body: { commentIds: "array" },
    ok: 200,
    errors: [400],
  },
  {
    method: "get",
    path: "/api/workspaces/{wid}/audit",
    summary: "Audit log (secretariat)",
    tag: "audit",
    ok: 200,
    errors: [403],
  },
];

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string", description: "Japanese message" },
        fields: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};

export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const responses: Record<string, unknown> = {
      [op.ok]: { description: op.ok === 204 ? "No content" : "OK" },
    };
    for (const status of op.errors ?? []) {
      responses[status] = {
        description: "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth === false ? { security: [] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: Object.fromEntries(
                      Object.entries(op.body).map(([k, t]) => [
                        k,
                        t === "array" ? { type: "array", items: { type: "string" } } : { type: t },
                      ]),
                    ),
                  },
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tsumugi API",
      version: "1",
      description:
        "REST API of Tsumugi. Real-time documents: WebSocket /collab/{docName} (y-websocket protocol), see docs/api.md.",
    },
    servers: [{ url: serverUrl }],
    security: [{ session: [] }],
    components: {
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "tsumugi_session" } },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}

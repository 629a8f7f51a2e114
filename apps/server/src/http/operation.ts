/**
 * The pieces a route is made of, in the order it runs them:
 *
 *   r.patch("/:gid",
 *     describe({ summary: "Rename or re-kind a group", tag: "groups", response: GroupResult }),
 *     jsonBody(UpdateGroup),                              // validate (400 with field codes)
 *     loadGroup,                                          // load the resource (404)
 *     allow("update", "group", groupResource),            // authorize with the policy (403)
 *     async (c) => c.json(present(await command(...))))   // command or query, then present
 *
 * `describe` and `jsonBody` also describe the operation in /api/openapi.json (hono-openapi reads
 * them off the registered routes), so the contract is the code that enforces it.
 */
import { authorize, type Resource, ROLES, type VerbOf, type WorkspaceAction } from "@tsumugi/domain";
import type { Context, MiddlewareHandler } from "hono";
import { describeRoute, resolver, uniqueSymbol } from "hono-openapi";
import * as z from "zod";
import type { Caller } from "../context.js";
import type { AppEnv } from "./env.js";
import { type ApiError, forbidden, invalid } from "./errors.js";
import { readJsonObject } from "./request-body.js";

export interface OperationDoc {
  summary: string;
  /** The feature, as the folder is named (groups, members, …). */
  tag: string;
  /** Status of a success; 200 unless said. */
  ok?: 200 | 201 | 202 | 204;
  /** Schema of the success answer's JSON body (none for 204). */
  response?: z.ZodType;
  /** The success answer is a file of this media type, or of one of these (a download), not JSON. */
  file?: string | readonly string[];
  /** The request body is a file (an upload), not JSON: the media types it may be. */
  upload?: string;
  /** Errors this operation answers besides the common ones (docs: openapi-document.ts). */
  errors?: number[];
  /**
   * Answers other than success and the error body, by status: a 503 that still carries the
   * operation's own body (readiness).
   */
  answers?: Record<number, { description: string; response: z.ZodType }>;
  /** Reachable without a session. */
  public?: boolean;
  description?: string;
}

/** Describes the operation in the OpenAPI document; does nothing at run time. */
export function describe(doc: OperationDoc): MiddlewareHandler {
  const ok = doc.ok ?? 200;
  return describeRoute({
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [doc.tag],
    ...(doc.public ? { security: [] } : {}),
    ...(doc.upload
      ? {
          requestBody: {
            required: true,
            content: { [doc.upload]: { schema: { type: "string", format: "binary" } } },
          },
        }
      : {}),
    responses: {
      [ok]: {
        description: { 200: "OK", 201: "Created", 202: "Accepted", 204: "No content" }[ok],
        ...(doc.response ? { content: { "application/json": { schema: resolver(doc.response) } } } : {}),
        ...(doc.file ? { content: fileContent(doc.file) } : {}),
      },
      ...Object.fromEntries((doc.errors ?? []).map((status) => [status, errorResponse()])),
      ...Object.fromEntries(
        Object.entries(doc.answers ?? {}).map(([status, answer]) => [
          status,
          {
            description: answer.description,
            content: { "application/json": { schema: resolver(answer.response) } },
          },
        ]),
      ),
    },
  });
}

/** The OpenAPI content of a file answer: each media type it may have, as binary. */
function fileContent(types: string | readonly string[]) {
  return Object.fromEntries(
    (typeof types === "string" ? [types] : types).map((t) => [
      t,
      { schema: { type: "string", format: "binary" } },
    ]),
  );
}

/** Filled in with the error schema and the status's meaning by openapi-document.ts. */
function errorResponse() {
  return { description: "" };
}

/** Where the validated body is, for `c.req.valid("json")`. */
type JsonInput<S extends z.ZodType> = { in: { json: z.input<S> }; out: { json: z.output<S> } };

/**
 * Problems with a body that only the server can see (a group id that is not the workspace's):
 * `{field: code}`, reported together with the schema's own. It gets the body as sent, which
 * the schema may have refused, so it checks the types of what it reads.
 */
export type BodyCheck = (
  c: Context<AppEnv>,
  body: Record<string, unknown>,
) => Promise<Record<string, string>>;

/**
 * Reads the JSON body (415 not JSON, 400 malformed or not an object, 413 too large) and
 * validates it with `schema` (and `check`): 400 `validation` with a problem code per field, or
 * the parsed value for `c.req.valid("json")`.
 */
export function jsonBody<S extends z.ZodType>(
  schema: S,
  opts: { optional?: boolean; check?: BodyCheck } = {},
): MiddlewareHandler<AppEnv, string, JsonInput<S>> {
  const middleware: MiddlewareHandler<AppEnv, string, JsonInput<S>> = async (c, next) => {
    const sent = !opts.optional || (c.req.header("content-type") ?? "").includes("application/json");
    const body = sent ? await readJsonObject(c) : {};
    const parsed = schema.safeParse(body);
    const problems = parsed.success ? {} : fieldProblems(parsed.error);
    if (opts.check) {
      for (const [field, code] of Object.entries(await opts.check(c as unknown as Context<AppEnv>, body)))
        problems[field] ??= code;
    }
    if (!parsed.success || Object.keys(problems).length > 0) throw invalid(problems);
    c.req.addValidatedData("json", parsed.data as object);
    await next();
  };
  return Object.assign(middleware, {
    [uniqueSymbol]: {
      spec: {
        requestBody: {
          required: !opts.optional,
          content: { "application/json": { schema: resolver(schema) } },
        },
      },
    },
  });
}

/** Where the validated query is, for `c.req.valid("query")`. */
type QueryInput<S extends z.ZodType> = {
  in: { query: Record<string, string | undefined> };
  out: { query: z.output<S> };
};

/**
 * Validates the query string (each parameter once) with `schema`, an object of optional
 * fields: 400 `validation` with a problem code per parameter, or the parsed value for
 * `c.req.valid("query")`. The parameters are described in the OpenAPI document.
 */
export function queryParams<S extends z.ZodObject>(
  schema: S,
): MiddlewareHandler<AppEnv, string, QueryInput<S>> {
  const middleware: MiddlewareHandler<AppEnv, string, QueryInput<S>> = async (c, next) => {
    const parsed = schema.safeParse(c.req.query());
    if (!parsed.success) throw invalid(fieldProblems(parsed.error));
    c.req.addValidatedData("query", parsed.data as object);
    await next();
  };
  const parameters = Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const {
      $schema: _,
      description,
      ...json
    } = z.toJSONSchema(field, { unrepresentable: "any", io: "input" });
    return {
      name,
      in: "query",
      required: !field.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: json,
    };
  });
  return Object.assign(middleware, { [uniqueSymbol]: { spec: { parameters } } });
}

/** `{field: code}` from a refused parse: the first problem of each field, named by its check. */
export function fieldProblems(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "body";
    // Checks name their problem code as their message (contract/fields.ts); anything else
    // (a type the schema did not expect) is a wrong format.
    fields[field] ??= /^[A-Za-z.-]+$/.test(issue.message) ? issue.message : "format";
  }
  return fields;
}

/**
 * Loads what the route acts on into `c.var[key]`, or answers `notFound()`. `find` sees the
 * request's params; a malformed id is simply not found.
 */
export function load<K extends string, T>(
  key: K,
  find: (c: Context<AppEnv>) => Promise<T | undefined>,
  notFound: () => ApiError,
): MiddlewareHandler<AppEnv & { Variables: { [P in K]: T } }> {
  return async (c, next) => {
    const found = await find(c as unknown as Context<AppEnv>);
    if (found === undefined) throw notFound();
    c.set(key, found as never);
    await next();
  };
}

/**
 * The policy's check of an operation, as the OpenAPI document shows it (`x-policy`, a list:
 * a route may check more than once): a workspace-level action with the roles it allows, a
 * verb on the record the route loaded, or a verb the policy is asked from the request.
 */
export type PolicyCheck =
  | { action: WorkspaceAction; roles: string[] }
  | { verb: string; on: string }
  | { fromRequest: true };

function documented<M extends object>(middleware: M, check: PolicyCheck): M {
  return Object.assign(middleware, { [uniqueSymbol]: { spec: { "x-policy": [check] } } });
}

/** 403 unless the policy lets the actor do `verb` to the resource loaded under `key`. */
export function allow<K extends string, T, R extends Resource>(
  verb: VerbOf<R>,
  key: K,
  asResource: (loaded: T) => R,
): MiddlewareHandler<AppEnv & { Variables: { [P in K]: T } }> {
  const middleware: MiddlewareHandler<AppEnv & { Variables: { [P in K]: T } }> = async (c, next) => {
    if (!authorize(c.var.actor, verb, asResource(c.get(key) as T))) throw forbidden();
    await next();
  };
  return documented(middleware, { verb, on: key });
}

/** A verb and the resource of its kind. */
type Decision = {
  [K in Resource["kind"]]: {
    verb: VerbOf<Extract<Resource, { kind: K }>>;
    resource: Extract<Resource, { kind: K }>;
  };
}[Resource["kind"]];

/**
 * 403 unless the policy lets the actor do what `decide` names: for a resource the request
 * names rather than loads (the group a new meeting is for).
 */
export function allowOn(decide: (c: Context<AppEnv>) => Decision): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const { verb, resource } = decide(c);
    if (!authorize(c.var.actor, verb as never, resource)) throw forbidden();
    await next();
  };
  return documented(middleware, { fromRequest: true });
}

/** 403 unless the policy lets the actor do this workspace-level action. */
export function allowIn(action: WorkspaceAction): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!authorize(c.var.actor, action, { kind: "workspace" })) throw forbidden();
    await next();
  };
  // The roles the policy gives this action (an active member with no particular groups).
  const roles = ROLES.filter((role) =>
    authorize({ userId: "", role, groupIds: [] }, action, { kind: "workspace" }),
  );
  return documented(middleware, { action, roles });
}

/** The caller of a command, from a request on a workspace route. */
export function callerOf<E extends AppEnv>(c: Context<E>): Caller {
  return { actor: c.var.actor, workspaceId: c.var.workspaceId, ip: c.var.ip };
}

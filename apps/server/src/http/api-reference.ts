/**
 * Writes docs/api.md's operation tables from the OpenAPI document the server builds (the one
 * served at /api/openapi.json):
 *   npm run docs:api
 * Each table stands between `<!-- operations: <tag>, … -->` and `<!-- /operations -->` and
 * lists the operations of those tags (the feature folders); `*` among them takes the tags no
 * other table names. The prose around the tables is left as it is.
 * http/api-reference.int.test.ts fails when the committed file differs from what this writes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ROLES } from "@tsumugi/domain";
import type { PolicyCheck } from "./operation.js";

export const API_FILE = fileURLToPath(new URL("../../../../docs/api.md", import.meta.url));

export const REGENERATE = "npm run docs:api";

// Loosely typed: the document is walked field by field.
interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface Media {
  schema?: Schema;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { required?: boolean; content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
  "x-policy"?: PolicyCheck[];
}
export interface ApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
/** Errors every operation of its kind may answer; the prose of docs/api.md explains them. */
const COMMON_ERRORS = new Set([400, 401, 403, 404, 413, 415]);
/** Records the routes load, by the name the route keeps them under. */
const RECORD_NAMES: Record<string, string> = { kase: "case", regionGroup: "region group" };

/** Nested objects with more fields than this are shown as `{…}`. */
const MAX_NESTED_FIELDS = 12;
/** What shape() makes of a scalar or an object of unknown fields. */
const SCALAR = /^(string|number|integer|boolean|object|null| \| )*$/;

const START = /^<!-- operations: (.+) -->$/;
const END = "<!-- /operations -->";

/** Text fit for a table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

/** A short picture of a JSON schema: `{group: Group}`, `{names, kind?}`, `[Comment]`. */
export function shape(schema: Schema | undefined, depth = 0): string {
  if (!schema) return "";
  if (schema.$ref) return refName(schema.$ref);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const shown = variants.filter((v) => v.type !== "null").map((v) => shape(v, depth));
    return [...new Set(shown)].join(" | ");
  }
  if (schema.type === "array") return `[${shape(schema.items, depth + 1) || "…"}]`;
  if (schema.format === "binary") return "file";
  if (schema.properties) {
    const entries = Object.entries(schema.properties);
    // Deeper, or a record of many flags (a workspace's `can`): only that it is an object.
    if (depth > 1 || (depth > 0 && entries.length > MAX_NESTED_FIELDS)) return "{…}";
    const required = new Set(schema.required ?? []);
    const fields = entries.map(([name, field]) => {
      const key = required.has(name) ? name : `${name}?`;
      const picture = shape(field, depth + 1);
      // Scalars go by their name alone.
      return SCALAR.test(picture) ? key : `${key}: ${picture}`;
    });
    return `{${fields.join(", ")}}`;
  }
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "");
}

/** The body: a JSON shape, or the media type of a file sent as it is. */
function body(op: Operation): string {
  const content = op.requestBody?.content;
  if (!content) return "";
  const optional = op.requestBody?.required === false ? "optional " : "";
  const json = content["application/json"];
  if (json) return `${optional}\`${shape(json.schema)}\``;
  return `${optional}a file (${Object.keys(content).join(", ")})`;
}

/** The success (its status and shape or file types) and the errors particular to the operation. */
function answer(op: Operation): string {
  const parts: string[] = [];
  const errors: string[] = [];
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const code = Number(status);
    const content = response.content ?? {};
    const json = content["application/json"];
    if (code >= 400 && (!json || json.schema?.$ref === "#/components/schemas/Error")) {
      if (!COMMON_ERRORS.has(code)) errors.push(status);
      continue;
    }
    if (json) parts.push(`${status} \`${shape(json.schema)}\``);
    else if (Object.keys(content).length > 0) parts.push(`${status} ${Object.keys(content).join(", ")}`);
    else parts.push(status);
  }
  if (errors.length > 0) parts.push(errors.join(", "));
  return parts.join("; ");
}

function roles(list: string[]): string {
  if (list.length === ROLES.length) return "every role";
  if (list.length === 0) return "no role";
  return list.join(", ");
}

/** Who may call: anyone, a logged-in user, or the policy's checks the route makes. */
function who(path: string, op: Operation): string {
  if (Array.isArray(op.security) && op.security.length === 0) return "anyone";
  const checks = op["x-policy"] ?? [];
  if (checks.length === 0) return path.startsWith("/api/workspaces/{wid}") ? "not declared" : "logged in";
  return checks
    .map((check) => {
      if ("action" in check) return `${roles(check.roles)} (\`${check.action}\`)`;
      if ("verb" in check) return `\`${check.verb}\` on the ${RECORD_NAMES[check.on] ?? check.on}`;
      return "decided from the request";
    })
    .join("; ");
}

function operation(method: string, path: string, op: Operation): string {
  const query = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
  const target = `${method.toUpperCase()} ${path}${query.length ? `?${query.join("&")}` : ""}`;
  const summary = [op.summary, op.description]
    .filter((t): t is string => Boolean(t))
    .map((t) => t.trim())
    .map((t, i, all) => (i < all.length - 1 && !/[.:;!?]$/.test(t) ? `${t}.` : t))
    .join(" ");
  return `| \`${cell(target)}\` | ${cell(summary)} | ${cell(who(path, op))} | ${cell(body(op))} | ${cell(answer(op))} |`;
}

/** The table of the operations tagged with one of `tags`, in the document's order of paths. */
export function operationTable(doc: ApiDocument, tags: ReadonlySet<string>): string[] {
  const rows: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op && tags.has(op.tags?.[0] ?? "")) rows.push(operation(method, path, op));
    }
  }
  return [
    "| operation | what it does | who may call it | body | answer |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ];
}

function tagsOf(doc: ApiDocument): Set<string> {
  const tags = new Set<string>();
  for (const item of Object.values(doc.paths))
    for (const method of METHODS) {
      const tag = item[method]?.tags?.[0];
      if (tag) tags.add(tag);
    }
  return tags;
}

/**
 * `markdown` with every operation table written anew from `doc`. Throws when a table names a
 * tag no operation has, names one another table names too, or an operation's tag has no table.
 */
export function withOperationTables(markdown: string, doc: ApiDocument): string {
  const lines = markdown.split("\n");
  const known = tagsOf(doc);
  const regions: { start: number; end: number; tags: Set<string>; rest: boolean }[] = [];
  const placed = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const match = START.exec(lines[i]);
    if (!match) continue;
    const end = lines.indexOf(END, i + 1);
    const next = lines.findIndex((line, j) => j > i && START.test(line));
    if (end < 0 || (next >= 0 && next < end)) throw new Error(`line ${i + 1}: "${lines[i]}" has no ${END}`);
    const names = match[1].split(",").map((t) => t.trim());
    const tags = new Set(names.filter((t) => t !== "*"));
    for (const tag of tags) {
      if (!known.has(tag)) throw new Error(`line ${i + 1}: no operation is tagged "${tag}"`);
      if (placed.has(tag)) throw new Error(`line ${i + 1}: the tag "${tag}" has a table already`);
      placed.add(tag);
    }
    if (names.includes("*") && regions.some((r) => r.rest))
      throw new Error(`line ${i + 1}: a second table takes the other tags (*)`);
    regions.push({ start: i, end, tags, rest: names.includes("*") });
    i = end;
  }
  const rest = [...known].filter((t) => !placed.has(t));
  if (rest.length > 0 && !regions.some((r) => r.rest))
    throw new Error(`no table for the operations tagged ${rest.join(", ")}`);
  // From the last region back, so that the earlier ones' line numbers hold.
  for (const region of [...regions].reverse()) {
    const table = operationTable(doc, region.rest ? new Set([...region.tags, ...rest]) : region.tags);
    lines.splice(region.start + 1, region.end - region.start - 1, "", ...table, "");
  }
  return lines.join("\n");
}

/** The OpenAPI document of a server started on an empty database in a temporary directory. */
async function freshOpenApiDocument(): Promise<ApiDocument> {
  // Loaded here only: the tables above are pure and unit-tested without a server.
  const [{ loadConfig }, { startServer }, { openApiDocument }] = await Promise.all([
    import("../config.js"),
    import("../server.js"),
    import("./openapi-document.js"),
  ]);
  const dir = mkdtempSync(join(tmpdir(), "tsumugi-api-"));
  const config = { DATA_DIR: dir, PORT: "0", SEED_DEMO: "false", WEB_DIST: "", LOG_LEVEL: "error" };
  const server = await startServer(loadConfig(config));
  try {
    return (await openApiDocument(server.app, server.url)) as unknown as ApiDocument;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const doc = await freshOpenApiDocument();
  writeFileSync(API_FILE, withOperationTables(readFileSync(API_FILE, "utf8"), doc));
  console.log(`wrote ${API_FILE}`);
}

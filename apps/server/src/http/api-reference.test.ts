import { describe, expect, it } from "vitest";
import { type ApiDocument, operationTable, shape, withOperationTables } from "./api-reference.js";

const doc: ApiDocument = {
  paths: {
    "/api/health": {
      get: {
        summary: "Health check",
        tags: ["system"],
        security: [],
        responses: {
          200: { content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } } },
        },
      },
    },
    "/api/workspaces/{wid}/groups/{gid}": {
      patch: {
        summary: "Rename a group (or re-kind it)",
        description: "Names | with pipes\nand lines.",
        tags: ["groups"],
        parameters: [
          { name: "wid", in: "path" },
          { name: "dryRun", in: "query" },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { name: { type: "string" }, kind: { type: "string" } },
                required: ["name"],
              },
            },
          },
        },
        responses: {
          200: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { group: { $ref: "#/components/schemas/Group" } },
                  required: ["group"],
                },
              },
            },
          },
          403: { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          409: { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        },
        "x-policy": [
          { action: "groups.manage", roles: ["secretariat"] },
          { verb: "update", on: "group" },
          { fromRequest: true },
        ],
      },
      delete: {
        summary: "Delete a group",
        tags: ["groups"],
        responses: { 204: {} },
      },
    },
    "/api/workspaces/{wid}/files": {
      post: {
        summary: "Upload",
        tags: ["files"],
        requestBody: {
          required: true,
          content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
        },
        responses: { 201: { content: { "text/csv": { schema: { type: "string", format: "binary" } } } } },
        "x-policy": [{ action: "audit.read", roles: ["secretariat", "member", "coordinator", "observer"] }],
      },
    },
  },
};

describe("the operation tables of docs/api.md", () => {
  it("writes a row per operation: who may call it, the body and the answer", () => {
    expect(operationTable(doc, new Set(["groups"]))).toEqual([
      "| operation | what it does | who may call it | body | answer |",
      "| --- | --- | --- | --- | --- |",
      "| `PATCH /api/workspaces/{wid}/groups/{gid}?dryRun` | Rename a group (or re-kind it). Names \\| with pipes and lines. | secretariat (`groups.manage`); `update` on the group; decided from the request | `{name, kind?}` | 200 `{group: Group}`; 409 |",
      "| `DELETE /api/workspaces/{wid}/groups/{gid}` | Delete a group | not declared |  | 204 |",
    ]);
    expect(operationTable(doc, new Set(["system", "files"])).slice(2)).toEqual([
      "| `GET /api/health` | Health check | anyone |  | 200 `Health` |",
      "| `POST /api/workspaces/{wid}/files` | Upload | every role (`audit.read`) | a file (application/pdf) | 201 text/csv |",
    ]);
  });

  it("pictures schemas: optional fields, named schemas, lists, nested objects", () => {
    expect(
      shape({
        type: "object",
        required: ["items"],
        properties: {
          items: { type: "array", items: { $ref: "#/components/schemas/Item" } },
          note: { anyOf: [{ type: "string" }, { type: "null" }] },
          deep: {
            type: "object",
            properties: { a: { type: "object", properties: { b: { type: "string" } } } },
          },
        },
      }),
    ).toBe("{items: [Item], note?, deep?: {a?: {…}}}");
  });

  it("rewrites only what stands between the markers, and the rest goes to the table with *", () => {
    const markdown = [
      "# API",
      "<!-- operations: groups -->",
      "stale",
      "<!-- /operations -->",
      "Prose about groups.",
      "<!-- operations: system, * -->",
      "<!-- /operations -->",
      "",
    ].join("\n");
    const written = withOperationTables(markdown, doc);
    const lines = written.split("\n");
    expect(lines.slice(0, 3)).toEqual(["# API", "<!-- operations: groups -->", ""]);
    expect(written).not.toContain("stale");
    expect(written).toContain("<!-- /operations -->\nProse about groups.\n<!-- operations: system, * -->");
    expect(written).toContain("`GET /api/health`");
    expect(written).toContain("`POST /api/workspaces/{wid}/files`");
    // Writing again changes nothing.
    expect(withOperationTables(written, doc)).toBe(written);
  });

  it("refuses a table of an unknown tag, a tag in two tables, and operations without a table", () => {
    const table = (tags: string) => `<!-- operations: ${tags} -->\n<!-- /operations -->`;
    expect(() => withOperationTables(table("nothing, *"), doc)).toThrow('no operation is tagged "nothing"');
    expect(() => withOperationTables(`${table("groups")}\n${table("groups, *")}`, doc)).toThrow(
      'the tag "groups" has a table already',
    );
    expect(() => withOperationTables(table("groups"), doc)).toThrow(
      "no table for the operations tagged system, files",
    );
    expect(() => withOperationTables("<!-- operations: groups -->\n", doc)).toThrow(
      "has no <!-- /operations -->",
    );
  });
});

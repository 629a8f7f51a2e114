import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { workspaceTest as it } from "../testing/workspace-world.js";
import { API_FILE, type ApiDocument, REGENERATE, withOperationTables } from "./api-reference.js";
import { openApiDocument } from "./openapi-document.js";

it("docs/api.md's operation tables are those of the OpenAPI document", async ({ server }) => {
  const doc = (await openApiDocument(server.app, server.origin)) as unknown as ApiDocument;
  const committed = readFileSync(API_FILE, "utf8");
  expect(
    withOperationTables(committed, doc),
    `docs/api.md is out of date with the routes: run \`${REGENERATE}\` and commit docs/api.md`,
  ).toBe(committed);
});

/**
 * Files in and out of the directory: the open-data import (preview, then confirm with the
 * preview's digest; the imports made) and the professionals' tables as Excel workbooks.
 */
import { ImportFile, ImportHistory, ImportPreview, ImportResult } from "@tsumugi/contract";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allowIn, callerOf, describe, jsonBody } from "../http/operation.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import { confirmImport, previewImport } from "./resource-import-commands.js";
import { listImports } from "./resource-import-repository.js";
import { presentImport } from "./resource-presenter.js";
import { professionalTable } from "./resource-queries.js";
import { tableWorkbook } from "./resource-tables.js";

const tag = "resources";

export function resourceImportRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post(
    "/imports/preview",
    describe({
      summary: "What an open-data CSV would change, field by field; nothing is written",
      tag,
      response: ImportPreview,
    }),
    jsonBody(ImportFile),
    allowIn("resources.import"),
    async (c) => c.json(await previewImport(c.var.app, callerOf(c), c.req.valid("json"))),
  );

  r.post(
    "/imports",
    describe({
      summary: "Import an open-data CSV as previewed (confirm = the preview's digest)",
      tag,
      ok: 201,
      response: ImportResult,
      errors: [409, 422],
    }),
    jsonBody(ImportFile),
    allowIn("resources.import"),
    async (c) => {
      const record = await confirmImport(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ import: presentImport({ ...record, importedByName: c.var.user?.name ?? "" }) }, 201);
    },
  );

  r.get(
    "/imports",
    describe({ summary: "The imports made: source, file, data date, counts", tag, response: ImportHistory }),
    allowIn("resources.read"),
    async (c) =>
      c.json({ imports: (await listImports(c.var.app.kysely, c.var.workspaceId)).map(presentImport) }),
  );

  for (const which of ["contact-times", "liaison"] as const) {
    r.get(
      `/tables/${which}.xlsx`,
      describe({
        summary:
          which === "contact-times"
            ? "連絡可能時間一覧表 as an Excel workbook"
            : "病院連携窓口一覧表 as an Excel workbook",
        tag,
      }),
      allowIn("resources.read"),
      async (c) => {
        const q = c.var.app.kysely;
        const [table, workspace] = await Promise.all([
          professionalTable(q, c.var.workspaceId, which),
          findWorkspace(q, c.var.workspaceId),
        ]);
        const bytes = await tableWorkbook(table, workspace?.name ?? "", Date.now());
        const name = encodeURIComponent(`${table.title}.xlsx`);
        return c.body(new Uint8Array(bytes), 200, {
          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": `attachment; filename="${which}.xlsx"; filename*=UTF-8''${name}`,
        });
      },
    );
  }

  return r;
}

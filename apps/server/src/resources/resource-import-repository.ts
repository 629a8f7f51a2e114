/** SQL on resource_imports: the open-data imports made, with who made them. */
import type { QueryBuilder } from "../storage/query-builder.js";
import { parseJson as json } from "./json-column.js";

export interface ImportRecord {
  id: string;
  workspaceId: string;
  format: "kaigo" | "iryoFacility" | "iryoHours";
  scopes: string[];
  fileName: string;
  encoding: string;
  dataDate: string | null;
  added: number;
  changed: number;
  gone: number;
  kept: number;
  problems: number;
  importedBy: string | null;
  importedByName: string;
  importedAt: number;
}

export async function insertImport(q: QueryBuilder, r: ImportRecord): Promise<void> {
  await q
    .insertInto("resource_imports")
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      format: r.format,
      scopes: JSON.stringify(r.scopes),
      file_name: r.fileName,
      encoding: r.encoding,
      data_date: r.dataDate,
      added: r.added,
      changed: r.changed,
      gone: r.gone,
      kept: r.kept,
      problems: r.problems,
      imported_by: r.importedBy,
      imported_at: r.importedAt,
    })
    .execute();
}

export async function listImports(q: QueryBuilder, workspaceId: string, limit = 50): Promise<ImportRecord[]> {
  const rows = await q
    .selectFrom("resource_imports as i")
    .leftJoin("users as u", "u.id", "i.imported_by")
    .selectAll("i")
    .select("u.name as user_name")
    .where("i.workspace_id", "=", workspaceId)
    .orderBy("i.imported_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    format: r.format as ImportRecord["format"],
    scopes: json<string[]>(r.scopes, []),
    fileName: r.file_name,
    encoding: r.encoding,
    dataDate: r.data_date,
    added: r.added,
    changed: r.changed,
    gone: r.gone,
    kept: r.kept,
    problems: r.problems,
    importedBy: r.imported_by,
    importedByName: r.user_name ?? "",
    importedAt: r.imported_at,
  }));
}

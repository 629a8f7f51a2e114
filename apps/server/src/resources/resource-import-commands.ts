/**
 * The open-data import (介護サービス情報公表, 医療情報ネット): a file is read and planned
 * without writing anything (the preview, with its digest), then written as previewed in one
 * transaction only while it still plans exactly that. Fields set by hand or by the provider
 * are kept; entries gone from the source are closed.
 */
import { createHash } from "node:crypto";
import type { ImportFile, ImportPreview } from "@tsumugi/contract";
import {
  appliedFields,
  type DirectoryEntry,
  dataDateOfFileName,
  decodeText,
  type ImportPlan,
  newId,
  OPEN_DATA_FORMAT_LABELS,
  type ParsedOpenData,
  parseOpenData,
  planImport,
  planSummary,
  type ResourceField,
} from "@tsumugi/domain";
import Papa from "papaparse";
import { type AreaRecord, listAreas } from "../areas/area-repository.js";
import type { AppContext, Caller } from "../context.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import { fileUnreadable, importChanged, importRefused, resourceNotFound } from "./resource-errors.js";
import { markSources } from "./resource-fields.js";
import { type ImportRecord, insertImport } from "./resource-import-repository.js";
import * as repo from "./resource-repository.js";

export function areaFinder(areas: readonly AreaRecord[], municipality: string) {
  return (address: string): string | null => {
    const rest = address.includes(municipality)
      ? address.slice(address.indexOf(municipality) + municipality.length)
      : address;
    let best: { id: string; length: number } | null = null;
    for (const area of areas)
      for (const town of area.towns)
        if (town && rest.startsWith(town) && (!best || town.length > best.length))
          best = { id: area.id, length: town.length };
    if (best) return best.id;
    for (const area of areas) for (const town of area.towns) if (town && rest.includes(town)) return area.id;
    return null;
  };
}

interface ReadImport {
  preview: ImportPreview;
  parsed: ParsedOpenData | null;
  plan: ImportPlan | null;
  encoding: string;
}

function entryOf(r: repo.ResourceRecord): DirectoryEntry {
  return {
    id: r.id,
    fields: r.fields,
    sources: r.fieldSources,
    scope: r.sourceScope,
    key: r.sourceKey,
    status: r.status,
  };
}

/** Decodes, reads and plans an import without writing anything. */
async function readImport(app: AppContext, workspaceId: string, file: ImportFile): Promise<ReadImport> {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(file.content)) throw fileUnreadable();
  const bytes = Buffer.from(file.content, "base64");
  const decoded = decodeText(bytes);
  if (!decoded) throw fileUnreadable();
  const workspace = await findWorkspace(app.kysely, workspaceId);
  if (!workspace) throw resourceNotFound();
  const table = Papa.parse<string[]>(decoded.text, { skipEmptyLines: "greedy" }).data;
  const existing = await repo.listResources(app.kysely, workspaceId);
  const knownIryoKeys = new Set(
    existing
      .filter((r) => r.sourceScope?.startsWith("iryo:") && r.sourceKey)
      .map((r) => r.sourceKey as string),
  );
  const parsed = parseOpenData(table, workspace, file.fileName, { knownIryoKeys });
  const dataDate = file.dataDate ?? dataDateOfFileName(file.fileName);
  const refusedFile =
    parsed.format === null || parsed.problems.some((p) => p.row <= 1 && p.severity === "error");
  const areas = await listAreas(app.kysely, workspaceId);
  const plan =
    parsed.format === null || refusedFile
      ? null
      : planImport(parsed, existing.map(entryOf), areaFinder(areas, workspace.name));
  const body = {
    format: parsed.format,
    formatLabel: parsed.format ? OPEN_DATA_FORMAT_LABELS[parsed.format] : "",
    encoding: decoded.encoding,
    fileName: file.fileName,
    dataDate,
    totalRows: parsed.format ? parsed.totalRows : 0,
    areaRows: parsed.format ? parsed.areaRows : 0,
    problems: parsed.problems,
    added: (plan?.added ?? []).map((a) => ({
      row: a.row,
      key: a.key,
      name: a.fields.name,
      kind: a.fields.kind,
      subtype: a.fields.subtype,
      address: a.fields.address,
    })),
    changed: plan?.changed ?? [],
    gone: plan?.gone ?? [],
    unchanged: plan?.unchanged ?? 0,
    unmatched: plan?.unmatched ?? 0,
    summary: plan ? planSummary(plan) : { added: 0, changed: 0, gone: 0, kept: 0 },
    canImport: plan !== null,
  };
  const digest = createHash("sha256")
    .update(JSON.stringify({ plan, fileName: file.fileName, dataDate, format: parsed.format }))
    .digest("hex");
  return {
    preview: { ...body, digest },
    parsed: parsed.format ? parsed : null,
    plan,
    encoding: decoded.encoding,
  };
}

export async function previewImport(
  app: AppContext,
  caller: Caller,
  file: ImportFile,
): Promise<ImportPreview> {
  return (await readImport(app, caller.workspaceId, file)).preview;
}

/**
 * Writes what the preview showed, in one transaction: only when the file still plans exactly
 * that (a change made meanwhile, by hand or by another import, asks for a new look).
 */
export async function confirmImport(
  app: AppContext,
  caller: Caller,
  file: ImportFile,
): Promise<ImportRecord> {
  const read = await readImport(app, caller.workspaceId, file);
  if (!read.plan || !read.parsed || !read.preview.canImport) throw importRefused();
  if (read.preview.digest !== file.confirm) throw importChanged();
  const { plan, parsed } = read;
  const now = Date.now();
  const summary = planSummary(plan);
  const record: ImportRecord = {
    id: newId(),
    workspaceId: caller.workspaceId,
    format: parsed.format,
    scopes: parsed.scopes,
    fileName: file.fileName,
    encoding: read.encoding,
    dataDate: read.preview.dataDate,
    added: summary.added,
    changed: summary.changed,
    gone: summary.gone,
    kept: summary.kept,
    problems: parsed.problems.length,
    importedBy: caller.actor.userId,
    importedByName: "",
    importedAt: now,
  };
  await app.kysely
    .transaction()
    .execute(async (trx) => {
      await insertImport(trx, record);
      const current = new Map((await repo.listResources(trx, caller.workspaceId)).map((r) => [r.id, r]));
      for (const a of plan.added) {
        const imported = parsed.entries.find((e) => e.scope === a.scope && e.key === a.key);
        const importedFields = Object.keys(imported?.fields ?? {}) as ResourceField[];
        await repo.insertResource(trx, {
          id: newId(),
          workspaceId: caller.workspaceId,
          fields: a.fields,
          status: "active",
          published: true,
          sourceScope: a.scope,
          sourceKey: a.key,
          fieldSources: markSources(
            {},
            [...importedFields, ...(a.fields.areaId ? (["areaId"] as const) : [])],
            "import",
          ),
          lastImportId: record.id,
          confirmedAt: null,
          createdAt: now,
          updatedAt: now,
          closedAt: null,
        });
      }
      for (const c of plan.changed) {
        const r = current.get(c.id);
        if (!r) throw importChanged();
        const fields = appliedFields(c);
        await repo.updateResource(trx, c.id, {
          fields,
          fieldSources: markSources(r.fieldSources, Object.keys(fields) as ResourceField[], "import"),
          ...(c.reopen ? { status: "active", closedAt: null } : {}),
          lastImportId: record.id,
          updatedAt: now,
        });
      }
      for (const g of plan.gone) {
        await repo.updateResource(trx, g.id, {
          status: "closed",
          closedAt: now,
          lastImportId: record.id,
          updatedAt: now,
        });
      }
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? importChanged() : err;
    });
  await app.audit.byCaller(caller, "resource.imported", record.id, {
    source: OPEN_DATA_FORMAT_LABELS[parsed.format],
    fileName: file.fileName,
    dataDate: record.dataDate,
    ...summary,
  });
  return record;
}

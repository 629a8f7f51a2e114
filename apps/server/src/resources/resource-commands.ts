/**
 * Changes to the resource directory. Each command checks what only the database can tell,
 * writes in one transaction, then records the audit entry. A field written here is marked
 * with where its value came from (manual, provider, import), so a later import leaves the
 * fields set by hand.
 */
import { createHash } from "node:crypto";
import type {
  CreateResource,
  DecideUpdateRequest,
  ImportFile,
  ImportPreview,
  ProviderUpdate,
  UpdateResource,
  UpdateResourceSettings,
} from "@tsumugi/contract";
import {
  appliedFields,
  blankResourceFields,
  changedFields,
  type DirectoryEntry,
  dataDateOfFileName,
  decodeText,
  type FieldSources,
  type ImportPlan,
  newId,
  OPEN_DATA_FORMAT_LABELS,
  type ParsedOpenData,
  PUBLIC_FIELDS,
  parseOpenData,
  planImport,
  planSummary,
  type ResourceField,
  type ResourceFields,
} from "@tsumugi/domain";
import Papa from "papaparse";
import { randomString } from "../auth/secret-token.js";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import * as repo from "./resource-repository.js";

export const resourceNotFound = () => new ApiError(404, "resource.notFound", "資源が見つかりません。");
export const requestNotFound = () =>
  new ApiError(404, "resource.requestNotFound", "更新内容が見つかりません。");
export const linkInvalid = () =>
  new ApiError(
    404,
    "resource.linkInvalid",
    "このリンクは使えません（期限切れか、新しいリンクに置き換えられました）。事務局に新しいリンクを依頼してください。",
  );
const importChanged = () =>
  new ApiError(
    409,
    "resource.importChanged",
    "確認した後に内容が変わりました。もう一度確認してから取り込んでください。",
  );
const importRefused = () =>
  new ApiError(
    422,
    "resource.importRefused",
    "このファイルは取り込めません。確認画面のエラーを直してください。",
  );
const fileUnreadable = () =>
  new ApiError(
    400,
    "resource.fileUnreadable",
    "ファイルを読み取れません。UTF-8 または Shift_JIS の CSV ファイルを選んでください。",
  );
const alreadyDecided = () =>
  new ApiError(409, "resource.alreadyDecided", "この更新内容はすでに処理されています。");

/** The fields a request body sets, in the domain's shape. */
function fieldsOfInput(
  input: Partial<CreateResource & UpdateResource & ProviderUpdate>,
  current: ResourceFields,
  now: number,
  opts: { restateVacancy?: boolean } = {},
): Partial<ResourceFields> {
  const out: Partial<Record<ResourceField, unknown>> = {};
  // Every field but the vacancy, which is dated when it is restated.
  const plainFields: readonly ResourceField[] = [...PUBLIC_FIELDS, "contact", "liaison"];
  for (const f of plainFields) {
    const v = (input as Record<string, unknown>)[f];
    if (v !== undefined) out[f] = f === "services" ? [...new Set(v as string[])] : v;
  }
  if (input.vacancy) {
    const same = input.vacancy.beds === current.vacancy.beds && input.vacancy.note === current.vacancy.note;
    // A provider stating the same vacancies again is what "last updated" means; an edit of
    // other fields by the secretariat does not restate them.
    if (!same || opts.restateVacancy) out.vacancy = { ...input.vacancy, updatedAt: now };
  }
  return out as Partial<ResourceFields>;
}

function markSources(
  sources: FieldSources,
  fields: readonly ResourceField[],
  source: FieldSources[ResourceField],
) {
  const out: FieldSources = { ...sources };
  for (const f of fields) out[f] = source;
  return out;
}

async function checkArea(
  app: AppContext,
  workspaceId: string,
  areaId: string | null | undefined,
): Promise<void> {
  if (!areaId) return;
  const areas = await repo.listAreas(app.kysely, workspaceId);
  if (!areas.some((a) => a.id === areaId))
    throw new ApiError(400, "validation", "入力内容に誤りがあります。", { areaId: "unknown" });
}

export async function createResource(
  app: AppContext,
  caller: Caller,
  input: CreateResource,
): Promise<repo.ResourceRecord> {
  await checkArea(app, caller.workspaceId, input.areaId);
  const now = Date.now();
  const blank = blankResourceFields(input.kind);
  const set = fieldsOfInput(input, blank, now);
  const fields: ResourceFields = { ...blank, ...set };
  const record: repo.ResourceRecord = {
    id: newId(),
    workspaceId: caller.workspaceId,
    fields,
    status: "active",
    published: input.published ?? true,
    sourceScope: null,
    sourceKey: null,
    fieldSources: markSources({}, Object.keys(set) as ResourceField[], "manual"),
    lastImportId: null,
    confirmedAt: now,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  await repo.insertResource(app.kysely, record);
  await app.audit.record({
    event: "resource.created",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: record.id,
    ip: caller.ip,
    detail: { name: fields.name, kind: fields.kind },
  });
  return record;
}

export async function updateResource(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
  input: UpdateResource,
): Promise<repo.ResourceRecord> {
  await checkArea(app, caller.workspaceId, input.areaId);
  const now = Date.now();
  const set = fieldsOfInput(input, record.fields, now);
  const changed = changedFields(record.fields, set);
  const fields = { ...record.fields, ...set };
  const statusChange = input.status && input.status !== record.status ? input.status : undefined;
  const change: repo.ResourceChange = {
    fields: Object.fromEntries(changed.map((f) => [f, fields[f]])),
    fieldSources: markSources(record.fieldSources, changed, "manual"),
    ...(input.published !== undefined ? { published: input.published } : {}),
    ...(statusChange ? { status: statusChange, closedAt: statusChange === "closed" ? now : null } : {}),
    ...(input.confirmed ? { confirmedAt: now } : {}),
    updatedAt: now,
  };
  await repo.updateResource(app.kysely, record.id, change);
  const event =
    statusChange === "closed"
      ? "resource.closed"
      : statusChange === "active"
        ? "resource.reopened"
        : "resource.updated";
  await app.audit.record({
    event,
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: record.id,
    ip: caller.ip,
    detail: { name: fields.name, fields: changed, ...(input.confirmed ? { confirmed: true } : {}) },
  });
  return {
    ...record,
    fields,
    fieldSources: change.fieldSources ?? record.fieldSources,
    published: input.published ?? record.published,
    status: statusChange ?? record.status,
    closedAt: statusChange ? (statusChange === "closed" ? now : null) : record.closedAt,
    confirmedAt: input.confirmed ? now : record.confirmedAt,
    updatedAt: now,
  };
}

export async function deleteResource(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
): Promise<void> {
  await repo.deleteResource(app.kysely, record.id);
  await app.audit.record({
    event: "resource.deleted",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: record.id,
    ip: caller.ip,
    detail: { name: record.fields.name },
  });
}

// ── Settings ─────────────────────────────────────────────────────────────

export async function updateSettings(
  app: AppContext,
  caller: Caller,
  input: UpdateResourceSettings,
): Promise<repo.SettingsRecord> {
  const settings = await app.kysely.transaction().execute(async (trx) => {
    const current = await repo.getSettings(trx, caller.workspaceId);
    const next = { ...current, ...input };
    await repo.saveSettings(trx, caller.workspaceId, next);
    return next;
  });
  await app.audit.record({
    event: "resource.settings_updated",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: null,
    ip: caller.ip,
    detail: { ...input },
  });
  return settings;
}

/** The area whose town names appear in an address (after the municipality's name), or null. */
export function areaFinder(areas: readonly repo.AreaRecord[], municipality: string) {
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

// ── Open-data import ───────────────────────────────────────────────────────────────

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
  const areas = await repo.listAreas(app.kysely, workspaceId);
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
): Promise<repo.ImportRecord> {
  const read = await readImport(app, caller.workspaceId, file);
  if (!read.plan || !read.parsed || !read.preview.canImport) throw importRefused();
  if (read.preview.digest !== file.confirm) throw importChanged();
  const { plan, parsed } = read;
  const now = Date.now();
  const summary = planSummary(plan);
  const record: repo.ImportRecord = {
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
      await repo.insertImport(trx, record);
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
  await app.audit.record({
    event: "resource.imported",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: record.id,
    ip: caller.ip,
    detail: {
      source: OPEN_DATA_FORMAT_LABELS[parsed.format],
      fileName: file.fileName,
      dataDate: record.dataDate,
      ...summary,
    },
  });
  return record;
}

// ── Providers' update links ────────────────────────────────────────────────────────

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new personal link for the entry's provider; earlier open links of the entry stop working. */
export async function sendUpdateLink(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
): Promise<{ link: repo.UpdateLinkRecord; token: string }> {
  const settings = await repo.getSettings(app.kysely, caller.workspaceId);
  const token = randomString(20);
  const now = Date.now();
  const link = {
    id: newId(),
    workspaceId: caller.workspaceId,
    resourceId: record.id,
    tokenHash: hashLinkToken(token),
    createdBy: caller.actor.userId,
    createdAt: now,
    expiresAt: now + settings.linkDays * 86_400_000,
    revokedAt: null,
    lastUsedAt: null,
  };
  await app.kysely.transaction().execute(async (trx) => {
    await repo.revokeUpdateLinks(trx, record.id, now);
    await repo.insertUpdateLink(trx, link);
  });
  await app.audit.record({
    event: "resource.link_sent",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: record.id,
    ip: caller.ip,
    detail: { name: record.fields.name, linkId: link.id, expiresAt: link.expiresAt },
  });
  return { link: { ...link, createdByName: "" }, token };
}

export async function revokeUpdateLinks(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
): Promise<void> {
  const count = await repo.revokeUpdateLinks(app.kysely, record.id, Date.now());
  await app.audit.record({
    event: "resource.links_revoked",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: record.id,
    ip: caller.ip,
    detail: { name: record.fields.name, count },
  });
}

/** The link of a token, while it is valid, with its entry. */
export async function openUpdateLink(
  app: AppContext,
  token: string,
): Promise<{ link: repo.UpdateLinkRecord; resource: repo.ResourceRecord }> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) throw linkInvalid();
  const link = await repo.findUpdateLinkByHash(app.kysely, hashLinkToken(token));
  const now = Date.now();
  if (!link || link.revokedAt !== null || link.expiresAt <= now) throw linkInvalid();
  const resource = await repo.findResource(app.kysely, link.workspaceId, link.resourceId);
  if (!resource || resource.status !== "active") throw linkInvalid();
  return { link, resource };
}

export async function recordProviderOpened(
  app: AppContext,
  link: repo.UpdateLinkRecord,
  resource: repo.ResourceRecord,
  ip: string,
): Promise<void> {
  await repo.touchUpdateLink(app.kysely, link.id, Date.now());
  await app.audit.record({
    event: "resource.provider_opened",
    workspaceId: link.workspaceId,
    actorUserId: null,
    target: resource.id,
    ip,
    detail: { name: resource.fields.name, linkId: link.id },
  });
}

/**
 * What a provider sent: applied at once when the workspace says so, else kept for the
 * secretariat. Sending the same values again changes nothing (but restates the vacancies).
 */
export async function submitProviderUpdate(
  app: AppContext,
  link: repo.UpdateLinkRecord,
  resource: repo.ResourceRecord,
  input: ProviderUpdate,
  ip: string,
): Promise<"applied" | "pending" | "unchanged"> {
  const now = Date.now();
  const set = fieldsOfInput(input, resource.fields, now, { restateVacancy: true });
  const changed = changedFields(resource.fields, set).filter(
    (f) => f !== "vacancy" || !sameVacancy(resource.fields.vacancy, set.vacancy),
  );
  const restatesVacancy = set.vacancy !== undefined;
  if (changed.length === 0 && !restatesVacancy) return "unchanged";
  const settings = await repo.getSettings(app.kysely, link.workspaceId);
  const fieldsToWrite = [...new Set([...changed, ...(restatesVacancy ? (["vacancy"] as const) : [])])];
  const changes = fieldsToWrite.map((f) => ({ field: f, before: resource.fields[f], after: set[f] }));
  const status = settings.autoApply ? "applied" : "pending";
  await app.kysely.transaction().execute(async (trx) => {
    await repo.insertUpdateRequest(trx, {
      id: newId(),
      workspaceId: link.workspaceId,
      resourceId: resource.id,
      linkId: link.id,
      changes,
      status,
      submittedAt: now,
      decidedBy: null,
      decidedAt: settings.autoApply ? now : null,
    });
    if (settings.autoApply) await applyProviderChanges(trx, resource, changes, now);
    await repo.touchUpdateLink(trx, link.id, now);
  });
  await app.audit.record({
    event: "resource.provider_submitted",
    workspaceId: link.workspaceId,
    actorUserId: null,
    target: resource.id,
    ip,
    detail: { name: resource.fields.name, linkId: link.id, fields: fieldsToWrite, status },
  });
  return changed.length === 0 ? "unchanged" : status;
}

function sameVacancy(a: ResourceFields["vacancy"], b: ResourceFields["vacancy"] | undefined): boolean {
  return b !== undefined && a.beds === b.beds && a.note === b.note;
}

async function applyProviderChanges(
  q: Parameters<typeof repo.updateResource>[0],
  resource: repo.ResourceRecord,
  changes: { field: ResourceField; after: unknown }[],
  now: number,
): Promise<void> {
  const fields = Object.fromEntries(changes.map((c) => [c.field, c.after])) as Partial<ResourceFields>;
  await repo.updateResource(q, resource.id, {
    fields,
    fieldSources: markSources(resource.fieldSources, Object.keys(fields) as ResourceField[], "provider"),
    confirmedAt: now,
    updatedAt: now,
  });
}

export async function decideUpdateRequest(
  app: AppContext,
  caller: Caller,
  request: repo.UpdateRequestRecord,
  input: DecideUpdateRequest,
): Promise<repo.UpdateRequestRecord> {
  const now = Date.now();
  const status = input.decision === "apply" ? "applied" : "rejected";
  await app.kysely.transaction().execute(async (trx) => {
    if (!(await repo.decideUpdateRequest(trx, request.id, status, caller.actor.userId, now)))
      throw alreadyDecided();
    if (status === "applied") {
      const resource = await repo.findResource(trx, caller.workspaceId, request.resourceId);
      if (!resource) throw resourceNotFound();
      await applyProviderChanges(trx, resource, request.changes, now);
    }
  });
  await app.audit.record({
    event: status === "applied" ? "resource.update_applied" : "resource.update_rejected",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: request.resourceId,
    ip: caller.ip,
    detail: {
      name: request.resourceName,
      requestId: request.id,
      fields: request.changes.map((c) => c.field),
    },
  });
  return { ...request, status, decidedBy: caller.actor.userId, decidedAt: now };
}

// ── Links to plan actions and referrals ────────────────────────────────────────────

export async function setResourceLink(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
  targetKind: repo.LinkTargetKind,
  targetId: string,
  linked: boolean,
): Promise<void> {
  const changed = linked
    ? await repo.addLink(
        app.kysely,
        caller.workspaceId,
        { resourceId: record.id, targetKind, targetId, createdAt: Date.now() },
        caller.actor.userId,
      )
    : await repo.removeLink(app.kysely, record.id, targetKind, targetId);
  if (!changed) return;
  await app.audit.record({
    event: linked ? "resource.linked" : "resource.unlinked",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: record.id,
    ip: caller.ip,
    detail: {
      name: record.fields.name,
      targetKind,
      ...(targetKind === "planAction" ? { actionId: targetId } : { targetId }),
    },
  });
}

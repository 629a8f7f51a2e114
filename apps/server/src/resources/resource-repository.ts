/**
 * All SQL on the resource directory's tables (resources, resource_settings,
 * resource_imports, resource_update_links, resource_update_requests, resource_links). Other
 * features read the directory only through these functions (`findResourceRefs` for the
 * consultation desk's referrals, `countedEntries` for the indicators). Structured fields
 * are JSON text parsed here.
 */
import {
  blankResourceFields,
  type CountedEntry,
  EMPTY_HOURS,
  type FieldSources,
  type ResourceField,
  type ResourceFields,
  type ResourceKind,
  type ServiceTag,
} from "@tsumugi/domain";
import type { Selectable } from "kysely";
import { namesAmong } from "../storage/names-among.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { ResourcesTable } from "../storage/schema.js";

export type ResourceStatus = "active" | "closed";

export interface ResourceRecord {
  id: string;
  workspaceId: string;
  fields: ResourceFields;
  status: ResourceStatus;
  published: boolean;
  sourceScope: string | null;
  sourceKey: string | null;
  fieldSources: FieldSources;
  lastImportId: string | null;
  confirmedAt: number | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

type Row = Selectable<ResourcesTable>;

function json<T>(text: string, fallback: T): T {
  try {
    const v = JSON.parse(text) as unknown;
    return (v ?? fallback) as T;
  } catch {
    return fallback;
  }
}

function toRecord(row: Row): ResourceRecord {
  const blank = blankResourceFields();
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    fields: {
      kind: row.kind as ResourceKind,
      subtype: row.subtype,
      name: row.name,
      kana: row.kana,
      address: row.address,
      building: row.building,
      lat: row.lat,
      lng: row.lng,
      areaId: row.area_id,
      phone: row.phone,
      fax: row.fax,
      url: row.url,
      hours: { ...EMPTY_HOURS, ...json(row.hours, {}) },
      services: json<ServiceTag[]>(row.services, []),
      homeCareSupport: row.home_care_support === 1,
      capacity: row.capacity,
      operator: row.operator,
      publicNote: row.public_note,
      contact: { ...blank.contact, ...json(row.contact, {}) },
      liaison: { ...blank.liaison, ...json(row.liaison, {}) },
      vacancy: { beds: row.vacancy_beds, note: row.vacancy_note, updatedAt: row.vacancy_updated_at },
    },
    status: row.status as ResourceStatus,
    published: row.published === 1,
    sourceScope: row.source_scope,
    sourceKey: row.source_key,
    fieldSources: json<FieldSources>(row.field_sources, {}),
    lastImportId: row.last_import_id,
    confirmedAt: row.confirmed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

/** The columns of some fields. */
function columnsOf(fields: Partial<ResourceFields>) {
  const c: Partial<Omit<Row, "id" | "workspace_id">> = {};
  for (const [key, value] of Object.entries(fields) as [ResourceField, unknown][]) {
    switch (key) {
      case "kind":
      case "subtype":
      case "name":
      case "kana":
      case "address":
      case "building":
      case "phone":
      case "fax":
      case "url":
      case "operator":
        c[key] = value as string;
        break;
      case "lat":
      case "lng":
      case "capacity":
        c[key] = value as number | null;
        break;
      case "areaId":
        c.area_id = value as string | null;
        break;
      case "publicNote":
        c.public_note = value as string;
        break;
      case "homeCareSupport":
        c.home_care_support = value ? 1 : 0;
        break;
      case "hours":
      case "services":
      case "contact":
      case "liaison":
        c[key] = JSON.stringify(value);
        break;
      case "vacancy": {
        const v = value as ResourceFields["vacancy"];
        c.vacancy_beds = v.beds;
        c.vacancy_note = v.note;
        c.vacancy_updated_at = v.updatedAt;
        break;
      }
    }
  }
  return c;
}

/** The workspace's entries (closed ones too, unless asked), by kind and kana. */
export async function listResources(
  q: QueryBuilder,
  workspaceId: string,
  opts: { activeOnly?: boolean; publishedOnly?: boolean } = {},
): Promise<ResourceRecord[]> {
  let query = q.selectFrom("resources").selectAll().where("workspace_id", "=", workspaceId);
  if (opts.activeOnly) query = query.where("status", "=", "active");
  if (opts.publishedOnly) query = query.where("published", "=", 1);
  const rows = await query.orderBy("kind").orderBy("kana").orderBy("name").orderBy("id").execute();
  return rows.map(toRecord);
}

export async function findResource(
  q: QueryBuilder,
  workspaceId: string,
  id: string,
): Promise<ResourceRecord | undefined> {
  const row = await q
    .selectFrom("resources")
    .selectAll()
    .where("id", "=", id)
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** Entries by id (closed ones included: an old referral still names its entry). */
export async function findResourcesByIds(
  q: QueryBuilder,
  workspaceId: string,
  ids: readonly string[],
): Promise<ResourceRecord[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom("resources")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", [...new Set(ids)])
    .execute();
  return rows.map(toRecord);
}

export async function insertResource(q: QueryBuilder, r: ResourceRecord): Promise<void> {
  await q
    .insertInto("resources")
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      ...columnsOf(r.fields),
      kind: r.fields.kind,
      name: r.fields.name,
      field_sources: JSON.stringify(r.fieldSources),
      status: r.status,
      published: r.published ? 1 : 0,
      source_scope: r.sourceScope,
      source_key: r.sourceKey,
      last_import_id: r.lastImportId,
      confirmed_at: r.confirmedAt,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
      closed_at: r.closedAt,
    })
    .execute();
}

export interface ResourceChange {
  fields?: Partial<ResourceFields>;
  fieldSources?: FieldSources;
  status?: ResourceStatus;
  closedAt?: number | null;
  published?: boolean;
  lastImportId?: string;
  confirmedAt?: number;
  updatedAt: number;
}

export async function updateResource(q: QueryBuilder, id: string, change: ResourceChange): Promise<void> {
  await q
    .updateTable("resources")
    .set({
      ...columnsOf(change.fields ?? {}),
      ...(change.fieldSources ? { field_sources: JSON.stringify(change.fieldSources) } : {}),
      ...(change.status ? { status: change.status } : {}),
      ...(change.closedAt !== undefined ? { closed_at: change.closedAt } : {}),
      ...(change.published !== undefined ? { published: change.published ? 1 : 0 } : {}),
      ...(change.lastImportId ? { last_import_id: change.lastImportId } : {}),
      ...(change.confirmedAt !== undefined ? { confirmed_at: change.confirmedAt } : {}),
      updated_at: change.updatedAt,
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteResource(q: QueryBuilder, id: string): Promise<void> {
  await q.deleteFrom("resources").where("id", "=", id).execute();
}

/**
 * Active entries of a kind (and flag) that existed at `at`: made before it and not closed
 * by then. What the directory-derived indicators count for a 年度.
 */
export async function resourceLifetimes(
  q: QueryBuilder,
  workspaceId: string,
): Promise<{ kind: ResourceKind; homeCareSupport: boolean; createdAt: number; closedAt: number | null }[]> {
  const rows = await q
    .selectFrom("resources")
    .select(["kind", "home_care_support", "created_at", "closed_at", "status"])
    .where("workspace_id", "=", workspaceId)
    .execute();
  return rows.map((r) => ({
    kind: r.kind as ResourceKind,
    homeCareSupport: r.home_care_support === 1,
    createdAt: r.created_at,
    closedAt: r.status === "closed" ? (r.closed_at ?? r.created_at) : null,
  }));
}

// ── Areas (日常生活圏域): the workspace's one list, kept by areas/ ─────────────────────────

export { type AreaRecord, listAreas } from "../areas/area-repository.js";

// ── Settings ─────────────────────────────────────────────────────────────────────────

export interface SettingsRecord {
  publicEnabled: boolean;
  autoApply: boolean;
  staleMonths: number;
  linkDays: number;
  demo: boolean;
}

export const DEFAULT_SETTINGS: SettingsRecord = {
  publicEnabled: false,
  autoApply: false,
  staleMonths: 6,
  linkDays: 30,
  demo: false,
};

export async function getSettings(q: QueryBuilder, workspaceId: string): Promise<SettingsRecord> {
  const row = await q
    .selectFrom("resource_settings")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    publicEnabled: row.public_enabled === 1,
    autoApply: row.auto_apply === 1,
    staleMonths: row.stale_months,
    linkDays: row.link_days,
    demo: row.demo === 1,
  };
}

export async function saveSettings(q: QueryBuilder, workspaceId: string, s: SettingsRecord): Promise<void> {
  const values = {
    public_enabled: s.publicEnabled ? 1 : 0,
    auto_apply: s.autoApply ? 1 : 0,
    stale_months: s.staleMonths,
    link_days: s.linkDays,
    demo: s.demo ? 1 : 0,
    updated_at: Date.now(),
  };
  await q
    .insertInto("resource_settings")
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
    .execute();
}

// ── Imports ──────────────────────────────────────────────────────────────────────────

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

// ── Providers' update links and what they sent ─────────────────────────────────────

export interface UpdateLinkRecord {
  id: string;
  workspaceId: string;
  resourceId: string;
  tokenHash: string;
  createdBy: string | null;
  createdByName: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export async function insertUpdateLink(
  q: QueryBuilder,
  l: Omit<UpdateLinkRecord, "createdByName">,
): Promise<void> {
  await q
    .insertInto("resource_update_links")
    .values({
      id: l.id,
      workspace_id: l.workspaceId,
      resource_id: l.resourceId,
      token_hash: l.tokenHash,
      created_by: l.createdBy,
      created_at: l.createdAt,
      expires_at: l.expiresAt,
      revoked_at: l.revokedAt,
      last_used_at: l.lastUsedAt,
    })
    .execute();
}

function linkQuery(q: QueryBuilder) {
  return q
    .selectFrom("resource_update_links as l")
    .leftJoin("users as u", "u.id", "l.created_by")
    .selectAll("l")
    .select("u.name as user_name");
}

function toLink(r: {
  id: string;
  workspace_id: string;
  resource_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
  user_name: string | null;
}): UpdateLinkRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    resourceId: r.resource_id,
    tokenHash: r.token_hash,
    createdBy: r.created_by,
    createdByName: r.user_name ?? "",
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

export async function findUpdateLinkByHash(
  q: QueryBuilder,
  hash: string,
): Promise<UpdateLinkRecord | undefined> {
  const row = await linkQuery(q).where("l.token_hash", "=", hash).executeTakeFirst();
  return row && toLink(row);
}

export async function listUpdateLinks(q: QueryBuilder, resourceId: string): Promise<UpdateLinkRecord[]> {
  const rows = await linkQuery(q)
    .where("l.resource_id", "=", resourceId)
    .orderBy("l.created_at", "desc")
    .execute();
  return rows.map(toLink);
}

/** Revokes the entry's links still open; answers how many. */
export async function revokeUpdateLinks(q: QueryBuilder, resourceId: string, at: number): Promise<number> {
  const result = await q
    .updateTable("resource_update_links")
    .set({ revoked_at: at })
    .where("resource_id", "=", resourceId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function touchUpdateLink(q: QueryBuilder, id: string, at: number): Promise<void> {
  await q.updateTable("resource_update_links").set({ last_used_at: at }).where("id", "=", id).execute();
}

export interface UpdateRequestRecord {
  id: string;
  workspaceId: string;
  resourceId: string;
  resourceName: string;
  linkId: string | null;
  changes: { field: ResourceField; before: unknown; after: unknown }[];
  status: "pending" | "applied" | "rejected";
  submittedAt: number;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: number | null;
}

export async function insertUpdateRequest(
  q: QueryBuilder,
  r: Omit<UpdateRequestRecord, "resourceName" | "decidedByName">,
): Promise<void> {
  await q
    .insertInto("resource_update_requests")
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      resource_id: r.resourceId,
      link_id: r.linkId,
      changes: JSON.stringify(r.changes),
      status: r.status,
      submitted_at: r.submittedAt,
      decided_by: r.decidedBy,
      decided_at: r.decidedAt,
    })
    .execute();
}

function requestQuery(q: QueryBuilder) {
  return q
    .selectFrom("resource_update_requests as r")
    .innerJoin("resources as res", "res.id", "r.resource_id")
    .leftJoin("users as u", "u.id", "r.decided_by")
    .selectAll("r")
    .select(["res.name as resource_name", "u.name as user_name"]);
}

function toRequest(r: {
  id: string;
  workspace_id: string;
  resource_id: string;
  link_id: string | null;
  changes: string;
  status: string;
  submitted_at: number;
  decided_by: string | null;
  decided_at: number | null;
  resource_name: string;
  user_name: string | null;
}): UpdateRequestRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    resourceId: r.resource_id,
    resourceName: r.resource_name,
    linkId: r.link_id,
    changes: json(r.changes, []),
    status: r.status as UpdateRequestRecord["status"],
    submittedAt: r.submitted_at,
    decidedBy: r.decided_by,
    decidedByName: r.user_name,
    decidedAt: r.decided_at,
  };
}

/** Pending requests first, then the latest decided ones. */
export async function listUpdateRequests(
  q: QueryBuilder,
  workspaceId: string,
): Promise<UpdateRequestRecord[]> {
  const pending = await requestQuery(q)
    .where("r.workspace_id", "=", workspaceId)
    .where("r.status", "=", "pending")
    .orderBy("r.submitted_at")
    .execute();
  const decided = await requestQuery(q)
    .where("r.workspace_id", "=", workspaceId)
    .where("r.status", "!=", "pending")
    .orderBy("r.submitted_at", "desc")
    .limit(50)
    .execute();
  return [...pending, ...decided].map(toRequest);
}

export async function findUpdateRequest(
  q: QueryBuilder,
  workspaceId: string,
  id: string,
): Promise<UpdateRequestRecord | undefined> {
  const row = await requestQuery(q)
    .where("r.workspace_id", "=", workspaceId)
    .where("r.id", "=", id)
    .executeTakeFirst();
  return row && toRequest(row);
}

export async function hasPendingRequest(q: QueryBuilder, resourceId: string): Promise<boolean> {
  const row = await q
    .selectFrom("resource_update_requests")
    .select("id")
    .where("resource_id", "=", resourceId)
    .where("status", "=", "pending")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Decides a pending request; false when it was decided meanwhile. */
export async function decideUpdateRequest(
  q: QueryBuilder,
  id: string,
  status: "applied" | "rejected",
  by: string,
  at: number,
): Promise<boolean> {
  const result = await q
    .updateTable("resource_update_requests")
    .set({ status, decided_by: by, decided_at: at })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

// ── Links to plan actions ──────────────────────────────────────────────────────────

export type LinkTargetKind = "planAction";

export interface ResourceLinkRecord {
  resourceId: string;
  targetKind: LinkTargetKind;
  targetId: string;
  createdAt: number;
}

export async function listLinks(
  q: QueryBuilder,
  workspaceId: string,
  filter: { targetKind?: LinkTargetKind; targetIds?: readonly string[]; resourceId?: string },
): Promise<ResourceLinkRecord[]> {
  let query = q
    .selectFrom("resource_links")
    .select(["resource_id", "target_kind", "target_id", "created_at"])
    .where("workspace_id", "=", workspaceId);
  if (filter.targetKind) query = query.where("target_kind", "=", filter.targetKind);
  if (filter.targetIds) {
    if (filter.targetIds.length === 0) return [];
    query = query.where("target_id", "in", [...filter.targetIds]);
  }
  if (filter.resourceId) query = query.where("resource_id", "=", filter.resourceId);
  const rows = await query.orderBy("created_at").execute();
  return rows.map((r) => ({
    resourceId: r.resource_id,
    targetKind: r.target_kind as LinkTargetKind,
    targetId: r.target_id,
    createdAt: r.created_at,
  }));
}

/** Adds the link; false when it was there. */
export async function addLink(
  q: QueryBuilder,
  workspaceId: string,
  link: ResourceLinkRecord,
  by: string,
): Promise<boolean> {
  const result = await q
    .insertInto("resource_links")
    .values({
      workspace_id: workspaceId,
      resource_id: link.resourceId,
      target_kind: link.targetKind,
      target_id: link.targetId,
      created_by: by,
      created_at: link.createdAt,
    })
    .onConflict((oc) => oc.columns(["resource_id", "target_kind", "target_id"]).doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

export async function removeLink(
  q: QueryBuilder,
  resourceId: string,
  targetKind: LinkTargetKind,
  targetId: string,
): Promise<boolean> {
  const result = await q
    .deleteFrom("resource_links")
    .where("resource_id", "=", resourceId)
    .where("target_kind", "=", targetKind)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** Entries' names by id, for the audit log. */
export const resourceNames = (q: QueryBuilder, workspaceId: string, ids: readonly string[]) =>
  namesAmong(q, "resources", workspaceId, ids);

/** The open entries as the indicators count them (resources/indicators.ts in the domain). */
export async function countedEntries(q: QueryBuilder, workspaceId: string): Promise<CountedEntry[]> {
  const rows = await q
    .selectFrom("resources")
    .select(["kind", "services", "home_care_support"])
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "active")
    .execute();
  return rows.map((r) => ({
    kind: r.kind as ResourceKind,
    services: JSON.parse(r.services) as ServiceTag[],
    homeCareSupport: Number(r.home_care_support) === 1,
  }));
}

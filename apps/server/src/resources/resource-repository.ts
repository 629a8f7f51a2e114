/**
 * All SQL on the directory's entries (the resources table). Other features read the
 * directory only through this folder's repositories (`findResourcesByIds` for the
 * consultation desk's referrals, `countedEntries` for the indicators, `resourceNames` for
 * the audit log). The other tables have their own: settings (`resource-settings-repository.ts`),
 * imports (`resource-import-repository.ts`), providers' links and what they sent
 * (`provider-update-repository.ts`), links to plan actions (`resource-link-repository.ts`).
 * Structured fields are JSON text parsed here.
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
import { parseJson as json } from "./json-column.js";

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

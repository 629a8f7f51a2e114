/**
 * What the directory's routes read: each query reads through the repositories and answers
 * records for the presenters.
 * Only the checks a query string's schema cannot make are here (an entry to search from).
 */
import type { ResourceLinkQuery, ResourceLookupQuery, ResourceSearchQuery } from "@tsumugi/contract";
import { contactTimesTable, liaisonTable, type ProfessionalTable, searchDirectory } from "@tsumugi/domain";
import type * as z from "zod";
import { type AreaRecord, listAreas } from "../areas/area-repository.js";
import { invalid } from "../http/errors.js";
import { actionTitles } from "../plan/plan-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import {
  findWorkspace,
  findWorkspaceByLgCode,
  type WorkspaceRecord,
} from "../workspaces/workspace-repository.js";
import { hasPendingRequest } from "./provider-update-repository.js";
import { listLinks, type ResourceLinkRecord } from "./resource-link-repository.js";
import { findResourcesByIds, listResources, type ResourceRecord } from "./resource-repository.js";
import { getSettings, type SettingsRecord } from "./resource-settings-repository.js";

/** The members' directory: every entry, the 日常生活圏域, the settings. */
export async function readDirectory(
  q: QueryBuilder,
  workspaceId: string,
): Promise<{ resources: ResourceRecord[]; areas: AreaRecord[]; settings: SettingsRecord }> {
  const [resources, areas, settings] = await Promise.all([
    listResources(q, workspaceId),
    listAreas(q, workspaceId),
    getSettings(q, workspaceId),
  ]);
  return { resources, areas, settings };
}

/** Entries by id (closed ones too), or the first 50 open entries matching a text. */
export async function lookupResources(
  q: QueryBuilder,
  workspaceId: string,
  query: z.output<typeof ResourceLookupQuery>,
): Promise<ResourceRecord[]> {
  if (query.ids.length) return findResourcesByIds(q, workspaceId, query.ids);
  const open = await listResources(q, workspaceId, { activeOnly: true });
  return searchDirectory(open, { text: query.q })
    .slice(0, 50)
    .map((h) => h.entry);
}

/**
 * Open entries by services, kinds, 圏域 and text, nearest first from a point or from an
 * entry's place (that entry left out); 100 at most. An entry to search from that is not open
 * or has no place is refused as the query's `near`.
 */
export async function searchResources(
  q: QueryBuilder,
  workspaceId: string,
  query: z.output<typeof ResourceSearchQuery>,
): Promise<{ entry: ResourceRecord; distanceKm: number | null }[]> {
  const entries = await listResources(q, workspaceId, { activeOnly: true });
  let from: { lat: number; lng: number } | null = null;
  if (query.near) {
    const origin = entries.find((e) => e.id === query.near);
    if (!origin || origin.fields.lat === null || origin.fields.lng === null)
      throw invalid({ near: "unknown" });
    from = { lat: origin.fields.lat, lng: origin.fields.lng };
  } else if (query.lat !== null && query.lng !== null) from = { lat: query.lat, lng: query.lng };
  return searchDirectory(
    entries.filter((e) => e.id !== query.near),
    {
      services: query.services,
      kinds: query.kinds,
      areaId: query.area,
      text: query.q,
      from,
      radiusKm: query.radiusKm,
    },
  ).slice(0, 100);
}

export interface LinksRead {
  links: ResourceLinkRecord[];
  resources: ResourceRecord[];
  /** The linked plan actions' titles. */
  targets: { id: string; name: string }[];
}

/** Links to plan actions (those asked, or every one of the workspace) with their entries and actions. */
export async function readLinks(
  q: QueryBuilder,
  workspaceId: string,
  query: z.output<typeof ResourceLinkQuery>,
): Promise<LinksRead> {
  const links = await listLinks(q, workspaceId, query);
  const [resources, targets] = await Promise.all([
    findResourcesByIds(
      q,
      workspaceId,
      links.map((l) => l.resourceId),
    ),
    actionTitles(q, workspaceId, [...new Set(links.map((l) => l.targetId))]),
  ]);
  return { links, resources, targets };
}

/** A plan action of the workspace, by id, for a link to name. */
export async function findLinkTarget(
  q: QueryBuilder,
  workspaceId: string,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  return (await actionTitles(q, workspaceId, [id]))[0];
}

export type TableName = "contact-times" | "liaison";

/** A professionals' table of the open entries (連絡可能時間一覧表, 病院連携窓口一覧表). */
export async function professionalTable(
  q: QueryBuilder,
  workspaceId: string,
  which: TableName,
): Promise<ProfessionalTable> {
  const [entries, areas] = await Promise.all([
    listResources(q, workspaceId, { activeOnly: true }),
    listAreas(q, workspaceId),
  ]);
  const areaName = (id: string | null) => areas.find((a) => a.id === id)?.name ?? "";
  return which === "contact-times" ? contactTimesTable(entries, areaName) : liaisonTable(entries);
}

export interface PublicDirectoryRead {
  workspace: WorkspaceRecord;
  settings: SettingsRecord;
  /** Open, published entries. */
  resources: ResourceRecord[];
  areas: AreaRecord[];
}

/** A municipality's public directory, or null when it has not opened it. */
export async function readPublicDirectory(
  q: QueryBuilder,
  lgCode: string,
): Promise<PublicDirectoryRead | null> {
  if (!/^\d{6}$/.test(lgCode)) return null;
  const workspace = await findWorkspaceByLgCode(q, lgCode);
  if (!workspace) return null;
  const settings = await getSettings(q, workspace.id);
  if (!settings.publicEnabled) return null;
  const [resources, areas] = await Promise.all([
    listResources(q, workspace.id, { activeOnly: true, publishedOnly: true }),
    listAreas(q, workspace.id),
  ]);
  return { workspace, settings, resources, areas };
}

export interface ProviderViewRead {
  workspace: WorkspaceRecord;
  /** A change the provider sent earlier waits for the secretariat. */
  pending: boolean;
}

/** The municipality of a provider's link, and whether a change they sent still waits. */
export async function readProviderView(
  q: QueryBuilder,
  workspaceId: string,
  resourceId: string,
): Promise<ProviderViewRead | null> {
  const [workspace, pending] = await Promise.all([
    findWorkspace(q, workspaceId),
    hasPendingRequest(q, resourceId),
  ]);
  return workspace ? { workspace, pending } : null;
}

/**
 * Directory entries as the API answers them. Who reads decides what is shown:
 * - members of the workspace (`presentResource`): every field, professionals-only ones too;
 * - the public (`presentPublicResource`): the public fields only, copied one by one, so a
 *   field added later is never public by accident;
 * - the provider through their link (`presentProviderView`): their own entry's fields they
 *   may change, with its name and address.
 */
import type {
  MapConfig,
  ProviderView,
  PublicDirectory,
  PublicResource,
  Resource,
  ResourceDirectory,
  ResourceImport,
  ResourceLinkList,
  ResourceRef,
  ResourceSearchResult,
  ResourceSettings,
  UpdateLink,
  UpdateRequest,
} from "@tsumugi/contract";
import {
  type Actor,
  abilitiesOf,
  type DirectoryResource,
  OPEN_DATA_FORMAT_LABELS,
  type ResourceFields,
} from "@tsumugi/domain";
import { presentArea } from "../areas/area-presenter.js";
import type { AreaRecord } from "../areas/area-repository.js";
import type { Config } from "../config.js";
import { escapeHtml } from "../http/html.js";
import type { UpdateLinkRecord, UpdateRequestRecord } from "./provider-update-repository.js";
import type { ImportRecord } from "./resource-import-repository.js";
import type { LinksRead, ProviderViewRead, PublicDirectoryRead } from "./resource-queries.js";
import type { ResourceRecord } from "./resource-repository.js";
import type { SettingsRecord } from "./resource-settings-repository.js";

/** The entry as the policy sees it. */
export function resourceResource(r: ResourceRecord): DirectoryResource {
  return { kind: "resource", status: r.status, manual: r.sourceScope === null };
}

/** What names and places an entry, in both directories (the contract's ENTRY_PLACE). */
function entryPlace(f: ResourceFields) {
  return {
    kind: f.kind,
    subtype: f.subtype,
    name: f.name,
    kana: f.kana,
    address: f.address,
    building: f.building,
    lat: f.lat,
    lng: f.lng,
  };
}

/** How to reach an entry and what it does, in both directories (the contract's ENTRY_REACH). */
function entryReach(f: ResourceFields) {
  return {
    phone: f.phone,
    fax: f.fax,
    url: f.url,
    hours: f.hours,
    services: f.services,
    homeCareSupport: f.homeCareSupport,
  };
}

export function presentResource(actor: Actor, r: ResourceRecord): Resource {
  const f = r.fields;
  return {
    id: r.id,
    ...entryPlace(f),
    areaId: f.areaId,
    ...entryReach(f),
    capacity: f.capacity,
    operator: f.operator,
    publicNote: f.publicNote,
    contact: f.contact,
    liaison: f.liaison,
    vacancy: f.vacancy,
    status: r.status,
    published: r.published,
    sourceScope: r.sourceScope,
    sourceKey: r.sourceKey,
    fieldSources: r.fieldSources as Record<string, "import" | "manual" | "provider">,
    confirmedAt: r.confirmedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    closedAt: r.closedAt,
    abilities: abilitiesOf(actor, resourceResource(r)),
  };
}

/** Public fields only: never contact times, the liaison window or vacancies. */
export function presentPublicResource(r: ResourceRecord, areaName: string | null): PublicResource {
  const f = r.fields;
  return {
    id: r.id,
    ...entryPlace(f),
    area: areaName,
    ...entryReach(f),
    publicNote: f.publicNote,
  };
}

export function presentRef(r: ResourceRecord): ResourceRef {
  return {
    id: r.id,
    name: r.fields.name,
    kind: r.fields.kind,
    subtype: r.fields.subtype,
    address: r.fields.address,
    phone: r.fields.phone,
    areaId: r.fields.areaId,
    status: r.status,
  };
}

export function presentSettings(s: SettingsRecord): ResourceSettings {
  return {
    publicEnabled: s.publicEnabled,
    autoApply: s.autoApply,
    staleMonths: s.staleMonths,
    linkDays: s.linkDays,
    demo: s.demo,
  };
}

export function presentImport(i: ImportRecord): ResourceImport {
  return {
    id: i.id,
    format: i.format,
    sourceLabel: OPEN_DATA_FORMAT_LABELS[i.format],
    fileName: i.fileName,
    encoding: i.encoding,
    dataDate: i.dataDate,
    added: i.added,
    changed: i.changed,
    gone: i.gone,
    kept: i.kept,
    problems: i.problems,
    importedBy: i.importedByName,
    importedAt: i.importedAt,
  };
}

export function presentLink(l: UpdateLinkRecord): UpdateLink {
  return {
    id: l.id,
    resourceId: l.resourceId,
    createdBy: l.createdByName,
    createdAt: l.createdAt,
    expiresAt: l.expiresAt,
    revokedAt: l.revokedAt,
    lastUsedAt: l.lastUsedAt,
  };
}

export function presentRequest(r: UpdateRequestRecord): UpdateRequest {
  return {
    id: r.id,
    resourceId: r.resourceId,
    resourceName: r.resourceName,
    changes: r.changes,
    status: r.status,
    submittedAt: r.submittedAt,
    decidedBy: r.decidedByName,
    decidedAt: r.decidedAt,
  };
}

/** The members' directory. */
export function presentDirectory(
  actor: Actor,
  read: { resources: ResourceRecord[]; areas: AreaRecord[]; settings: SettingsRecord },
): ResourceDirectory {
  return {
    resources: read.resources.map((r) => presentResource(actor, r)),
    areas: read.areas.map((a) => presentArea(a)),
    settings: presentSettings(read.settings),
  };
}

export function presentHits(
  hits: { entry: ResourceRecord; distanceKm: number | null }[],
): ResourceSearchResult {
  return {
    hits: hits.map((h) => ({
      resource: presentRef(h.entry),
      services: h.entry.fields.services,
      distanceKm: h.distanceKm,
    })),
  };
}

/** Links with their entries and plan actions; whether the caller links is the same for every entry. */
export function presentLinks(actor: Actor, read: LinksRead): ResourceLinkList {
  return {
    links: read.links,
    resources: read.resources.map(presentRef),
    targets: read.targets.map((t) => ({ id: t.id, title: t.name })),
    canLink: abilitiesOf(actor, { kind: "resource", status: "active", manual: false }).link,
  };
}

/** The public directory: open, published entries with their 圏域's name, public fields only. */
export function presentPublicDirectory(read: PublicDirectoryRead): PublicDirectory {
  const { workspace, resources, areas } = read;
  const areaName = (id: string | null) => areas.find((a) => a.id === id)?.name ?? null;
  return {
    workspace: { name: workspace.name, prefecture: workspace.prefecture, lgCode: workspace.lgCode },
    resources: resources.map((e) => presentPublicResource(e, areaName(e.fields.areaId))),
    areas: areas.map((a) => a.name),
    demo: read.settings.demo,
    updatedAt: resources.reduce<number | null>(
      (m, e) => (m === null || e.updatedAt > m ? e.updatedAt : m),
      null,
    ),
  };
}

/** The provider's own entry through their link: what they may change, with its name and address. */
export function presentProviderView(
  read: ProviderViewRead,
  resource: ResourceRecord,
  link: UpdateLinkRecord,
): ProviderView {
  const f = resource.fields;
  return {
    workspace: { name: read.workspace.name, prefecture: read.workspace.prefecture },
    resource: {
      name: f.name,
      kind: f.kind,
      subtype: f.subtype,
      address: f.address,
      phone: f.phone,
      fax: f.fax,
      url: f.url,
      hours: f.hours,
      services: f.services,
      contact: f.contact,
      liaison: f.liaison,
      vacancy: f.vacancy,
    },
    expiresAt: link.expiresAt,
    pending: read.pending,
  };
}

/** The map's tiles as configured, with the attribution as escaped HTML (one link at most). */
export function presentMapConfig(config: Config): MapConfig {
  const { tileUrl, attributionText, attributionUrl } = config.map;
  const attribution = attributionUrl
    ? `<a href="${escapeHtml(attributionUrl)}" target="_blank" rel="noopener noreferrer">${escapeHtml(attributionText || attributionUrl)}</a>`
    : escapeHtml(attributionText);
  return { tileUrl, attribution, attributionText, attributionUrl };
}

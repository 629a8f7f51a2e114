/**
 * Directory entries as the API answers them. Who reads decides what is shown:
 * - members of the workspace (`presentResource`): every field, professionals-only ones too;
 * - the public (`presentPublicResource`): the public fields only, copied one by one, so a
 *   field added later is never public by accident;
 * - the provider through their link (`presentProviderView`): their own entry's fields they
 *   may change, with its name and address.
 */
import type {
  PublicResource,
  Resource,
  ResourceImport,
  ResourceRef,
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
import type {
  ImportRecord,
  ResourceRecord,
  SettingsRecord,
  UpdateLinkRecord,
  UpdateRequestRecord,
} from "./resource-repository.js";

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

export { presentArea } from "../areas/area-presenter.js";

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

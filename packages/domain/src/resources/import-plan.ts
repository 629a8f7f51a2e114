/**
 * What an open-data file would change in the directory, field by field, before anything is
 * written: new entries, changed fields, entries gone from the source. A field the
 * municipality or the provider set by hand keeps its value (the change is shown as kept);
 * the import owns only the fields it brought. Pure: the server applies the plan.
 */
import {
  EMPTY_CONTACT,
  EMPTY_LIAISON,
  EMPTY_VACANCY,
  type FieldSources,
  type ResourceField,
  type ResourceFields,
  sameFieldValue,
} from "./model.js";
import type { ParsedOpenData } from "./open-data.js";
import { EMPTY_HOURS, type Hours, WEEK_DAY_IDS } from "./vocabulary.js";

/** A directory entry as the import sees it. */
export interface DirectoryEntry {
  id: string;
  fields: ResourceFields;
  sources: FieldSources;
  /** The open-data scope and key it was imported under, null for entries made by hand. */
  scope: string | null;
  key: string | null;
  status: "active" | "closed";
}

export interface ImportFieldChange {
  field: ResourceField;
  before: unknown;
  after: unknown;
  /** The value was set by hand (or by the provider) and stays; the file's value is not taken. */
  kept: boolean;
}

export interface PlannedAddition {
  row: number;
  scope: string;
  key: string;
  fields: ResourceFields;
}

export interface PlannedChange {
  id: string;
  row: number;
  key: string;
  name: string;
  changes: ImportFieldChange[];
  /** The entry had been closed (gone from an earlier file) and is back. */
  reopen: boolean;
}

export interface PlannedRemoval {
  id: string;
  key: string;
  name: string;
}

export interface ImportPlan {
  added: PlannedAddition[];
  changed: PlannedChange[];
  gone: PlannedRemoval[];
  /** Entries of the file that change nothing. */
  unchanged: number;
  /** Rows of an hours table whose facility is not in the directory. */
  unmatched: number;
}

/** A new entry with nothing in it yet. */
export function blankResourceFields(kind: ResourceFields["kind"] = "other"): ResourceFields {
  return {
    kind,
    subtype: "",
    name: "",
    kana: "",
    address: "",
    building: "",
    lat: null,
    lng: null,
    areaId: null,
    phone: "",
    fax: "",
    url: "",
    hours: { ...EMPTY_HOURS },
    services: [],
    homeCareSupport: false,
    capacity: null,
    operator: "",
    publicNote: "",
    contact: { ...EMPTY_CONTACT, methods: [] },
    liaison: { ...EMPTY_LIAISON },
    vacancy: { ...EMPTY_VACANCY },
  };
}

/** Set by hand or by the provider: an import does not overwrite it. */
function heldByHand(sources: FieldSources, field: ResourceField): boolean {
  const s = sources[field];
  return s === "manual" || s === "provider";
}

/** An hours table fills the days it states; the other days keep what the entry had. */
function mergedHours(before: Hours, after: Hours): Hours {
  const out: Hours = { ...before };
  for (const d of WEEK_DAY_IDS) if (after[d]) out[d] = after[d];
  return out;
}

/** Services the file brings are added to the entry's own. */
function mergedServices(before: ResourceFields["services"], after: ResourceFields["services"]) {
  return [...new Set([...before, ...after])];
}

export function planImport(
  parsed: ParsedOpenData,
  existing: readonly DirectoryEntry[],
  areaOf: (address: string) => string | null,
): ImportPlan {
  const plan: ImportPlan = { added: [], changed: [], gone: [], unchanged: 0, unmatched: 0 };
  const hoursOnly = parsed.format === "iryoHours";
  const byScopeKey = new Map<string, DirectoryEntry>();
  const byIryoKey = new Map<string, DirectoryEntry>();
  for (const e of existing) {
    if (e.scope === null || e.key === null) continue;
    byScopeKey.set(`${e.scope}|${e.key}`, e);
    if (e.scope.startsWith("iryo:")) byIryoKey.set(e.key, e);
  }
  for (const entry of parsed.entries) {
    const current = hoursOnly ? byIryoKey.get(entry.key) : byScopeKey.get(`${entry.scope}|${entry.key}`);
    if (!current) {
      if (hoursOnly) {
        plan.unmatched++;
        continue;
      }
      const fields: ResourceFields = { ...blankResourceFields(), ...entry.fields } as ResourceFields;
      fields.areaId = areaOf(fields.address);
      plan.added.push({ row: entry.row, scope: entry.scope, key: entry.key, fields });
      continue;
    }
    const incoming: Partial<ResourceFields> = { ...entry.fields };
    if (incoming.hours && hoursOnly) incoming.hours = mergedHours(current.fields.hours, incoming.hours);
    if (incoming.services) incoming.services = mergedServices(current.fields.services, incoming.services);
    if (incoming.address !== undefined && !heldByHand(current.sources, "areaId")) {
      const area = areaOf(incoming.address);
      if (area !== null || current.fields.areaId === null) incoming.areaId = area;
    }
    const changes: ImportFieldChange[] = [];
    for (const field of Object.keys(incoming) as ResourceField[]) {
      const after = incoming[field];
      const before = current.fields[field];
      if (sameFieldValue(before, after)) continue;
      // A pin placed by hand keeps both coordinates.
      const held =
        field === "lat" || field === "lng"
          ? heldByHand(current.sources, "lat") || heldByHand(current.sources, "lng")
          : heldByHand(current.sources, field);
      changes.push({ field, before, after, kept: held });
    }
    const reopen = current.status === "closed";
    if (changes.length === 0 && !reopen) plan.unchanged++;
    else
      plan.changed.push({
        id: current.id,
        row: entry.row,
        key: entry.key,
        name: current.fields.name,
        changes,
        reopen,
      });
  }
  if (!hoursOnly) {
    const scopes = new Set(parsed.scopes);
    const present = new Set([...parsed.entries.map((e) => `${e.scope}|${e.key}`)]);
    const seen = new Set(parsed.seenKeys);
    for (const e of existing) {
      if (e.status !== "active" || e.scope === null || e.key === null || !scopes.has(e.scope)) continue;
      if (present.has(`${e.scope}|${e.key}`) || seen.has(e.key)) continue;
      plan.gone.push({ id: e.id, key: e.key, name: e.fields.name });
    }
  }
  return plan;
}

/** The fields an applied change writes (kept ones are left as they are). */
export function appliedFields(change: PlannedChange): Partial<ResourceFields> {
  const out: Partial<Record<ResourceField, unknown>> = {};
  for (const c of change.changes) if (!c.kept) out[c.field] = c.after;
  return out as Partial<ResourceFields>;
}

/** Counts for the preview's summary line. */
export function planSummary(plan: ImportPlan): {
  added: number;
  changed: number;
  gone: number;
  kept: number;
} {
  return {
    added: plan.added.length,
    changed: plan.changed.filter((c) => c.reopen || c.changes.some((x) => !x.kept)).length,
    gone: plan.gone.length,
    kept: plan.changed.reduce((n, c) => n + c.changes.filter((x) => x.kept).length, 0),
  };
}

/**
 * The resource directory (医療・介護資源): /api/workspaces/{wid}/resources, the open-data
 * import, provider update links (/api/provider/{token}) and the public directory
 * (/api/public/resources/{lgCode}). Professionals-only fields (contact, liaison, vacancy)
 * appear in `Resource` (members of the workspace) and `ProviderView` (the provider's own
 * link), never in `PublicResource`.
 */
import {
  CONTACT_METHOD_IDS,
  HOURS_DAY_MAX,
  HOURS_NOTE_MAX,
  isId,
  isInJapan,
  RESOURCE_LIMITS as L,
  RESOURCE_KIND_IDS,
  RESOURCE_VERBS,
  SERVICE_TAG_IDS,
  WEEK_DAY_IDS,
} from "@tsumugi/domain";
import * as z from "zod";
import { Area } from "./areas.js";
import { abilities, flag, Id, oneOf, requiredText, Timestamp } from "./fields.js";

/** An optional text, trimmed, at most `max` characters ("" when left out). */
function text(max: number) {
  return z.string({ error: "format" }).trim().max(max, { error: "tooLong" });
}

/** A web address: http(s) only, so a public page never links to javascript: or data:. */
const webAddress = text(L.url).refine((v) => v === "" || /^https?:\/\/[^\s<>"]+$/i.test(v), { error: "url" });

const count = (max: number) =>
  z
    .number({ error: "number" })
    .int({ error: "number" })
    .min(0, { error: "number" })
    .max(max, { error: "tooLarge" });

export const Hours = z
  .object({
    ...Object.fromEntries(WEEK_DAY_IDS.map((d) => [d, text(HOURS_DAY_MAX)])),
    note: text(HOURS_NOTE_MAX),
  } as Record<(typeof WEEK_DAY_IDS)[number] | "note", ReturnType<typeof text>>)
  .meta({
    id: "ResourceHours",
    description: "Per day (mon … sun, hol for public holidays) a short text; note",
  });
export type Hours = z.infer<typeof Hours>;

export const ContactTimes = z
  .object({
    hours: text(L.shortText),
    methods: z.array(oneOf(CONTACT_METHOD_IDS)).max(CONTACT_METHOD_IDS.length),
    note: text(L.note),
  })
  .meta({ id: "ContactTimes", description: "連絡可能時間 (professionals only)" });

export const LiaisonWindow = z
  .object({
    department: text(L.shortText),
    phone: text(L.phone),
    fax: text(L.phone),
    email: text(L.shortText).refine((v) => v === "" || /^[^\s@<>]+@[^\s@<>]+$/.test(v), { error: "format" }),
    hours: text(L.shortText),
    note: text(L.note),
  })
  .meta({ id: "LiaisonWindow", description: "地域連携窓口 (professionals only)" });

export const VacancyInput = z.object({
  beds: count(L.beds).nullable(),
  note: text(L.note),
});

export const Vacancy = VacancyInput.extend({
  updatedAt: Timestamp.nullable().meta({ description: "When the vacancies were last stated" }),
}).meta({ id: "Vacancy", description: "空き状況 (professionals only)" });

const coordinate = z.number({ error: "number" }).nullable();

const publicShape = {
  kind: oneOf(RESOURCE_KIND_IDS),
  subtype: text(L.subtype),
  name: requiredText(L.name),
  kana: text(L.kana),
  address: text(L.address),
  building: text(L.building),
  lat: coordinate,
  lng: coordinate,
  areaId: Id.nullable(),
  phone: text(L.phone),
  fax: text(L.phone),
  url: webAddress,
  hours: Hours,
  services: z.array(oneOf(SERVICE_TAG_IDS)).max(SERVICE_TAG_IDS.length),
  homeCareSupport: flag(),
  capacity: count(L.capacity).nullable(),
  operator: text(L.operator),
  publicNote: text(L.note),
};

/** Both coordinates or none, inside Japan. */
function placed<T extends { lat?: number | null; lng?: number | null }>(value: T, ctx: z.RefinementCtx) {
  const { lat, lng } = value;
  if (lat === undefined && lng === undefined) return;
  if ((lat ?? null) === null && (lng ?? null) === null) return;
  if (lat == null || lng == null || !isInJapan(lat, lng))
    ctx.addIssue({ code: "custom", message: "outsideJapan", path: [lat == null ? "lat" : "lng"] });
}

export const CreateResource = z
  .object({
    ...publicShape,
    contact: ContactTimes,
    liaison: LiaisonWindow,
    vacancy: VacancyInput,
    published: flag(),
  })
  .partial()
  .required({ kind: true, name: true })
  .superRefine(placed);
export type CreateResource = z.infer<typeof CreateResource>;

export const UpdateResource = z
  .object({
    ...publicShape,
    contact: ContactTimes,
    liaison: LiaisonWindow,
    vacancy: VacancyInput,
    published: flag(),
    /** Reopen a closed entry, or close one (廃止・休止). */
    status: oneOf(["active", "closed"] as const),
    /** Mark the entry as confirmed today (内容確認済み). */
    confirmed: z.literal(true, { error: "format" }),
  })
  .partial()
  .superRefine(placed);
export type UpdateResource = z.infer<typeof UpdateResource>;

const FIELD_SOURCE = z.enum(["import", "manual", "provider"]);

/** What names and places an entry, in the members' directory and the public one alike. */
const ENTRY_PLACE = {
  kind: z.enum(RESOURCE_KIND_IDS),
  subtype: z.string(),
  name: z.string(),
  kana: z.string(),
  address: z.string(),
  building: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
};

/** How to reach an entry and what it does, in both directories. */
const ENTRY_REACH = {
  phone: z.string(),
  fax: z.string(),
  url: z.string(),
  hours: Hours,
  services: z.array(z.enum(SERVICE_TAG_IDS)),
  homeCareSupport: z.boolean(),
};

export const Resource = z
  .object({
    id: Id,
    ...ENTRY_PLACE,
    areaId: Id.nullable(),
    ...ENTRY_REACH,
    capacity: z.number().int().nullable(),
    operator: z.string(),
    publicNote: z.string(),
    contact: ContactTimes,
    liaison: LiaisonWindow,
    vacancy: Vacancy,
    status: z.enum(["active", "closed"]),
    published: z.boolean().meta({ description: "Shown on the public directory" }),
    sourceScope: z
      .string()
      .nullable()
      .meta({ description: "Open-data source and type (kaigo:訪問看護, iryo:clinic)" }),
    sourceKey: z
      .string()
      .nullable()
      .meta({ description: "事業所番号 (10 digits) or 医療機関 ID (13 digits), as a string" }),
    fieldSources: z
      .record(z.string(), FIELD_SOURCE)
      .meta({ description: "Field → where its value came from" }),
    confirmedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    closedAt: Timestamp.nullable(),
    abilities: abilities(RESOURCE_VERBS, "What the caller may do with this entry"),
  })
  .meta({ id: "Resource" });
export type Resource = z.infer<typeof Resource>;

/** 日常生活圏域: the workspace's one list (areas.ts), shared with the consultation desk. */
export const ResourceArea = Area;
export type ResourceArea = Area;

export const ResourceSettings = z
  .object({
    publicEnabled: z.boolean().meta({ description: "The public directory /p/{lgCode}/resources is open" }),
    autoApply: z
      .boolean()
      .meta({ description: "Providers' changes apply at once (else the secretariat approves)" }),
    staleMonths: z
      .number()
      .int()
      .meta({ description: "Entries not confirmed for this many months are listed" }),
    linkDays: z.number().int().meta({ description: "How long a provider's update link lasts" }),
    demo: z.boolean().meta({ description: "The directory is the demo's illustrative example" }),
  })
  .meta({ id: "ResourceSettings" });
export type ResourceSettings = z.infer<typeof ResourceSettings>;

export const UpdateResourceSettings = z
  .object({
    publicEnabled: flag(),
    autoApply: flag(),
    staleMonths: z.number({ error: "number" }).int({ error: "number" }).min(1, { error: "number" }).max(60, {
      error: "tooLarge",
    }),
    linkDays: z.number({ error: "number" }).int({ error: "number" }).min(1, { error: "number" }).max(90, {
      error: "tooLarge",
    }),
  })
  .partial();
export type UpdateResourceSettings = z.infer<typeof UpdateResourceSettings>;

export const ResourceDirectory = z.object({
  resources: z.array(Resource).meta({ description: "By kind, then kana" }),
  areas: z.array(ResourceArea),
  settings: ResourceSettings,
});
export type ResourceDirectory = z.infer<typeof ResourceDirectory>;

export const ResourceResult = z.object({ resource: Resource });
export type ResourceResult = z.infer<typeof ResourceResult>;

/** A short reference to an entry (referrals, plan links, pickers). */
export const ResourceRef = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(RESOURCE_KIND_IDS),
    subtype: z.string(),
    address: z.string(),
    phone: z.string(),
    areaId: Id.nullable(),
    status: z.enum(["active", "closed"]),
  })
  .meta({ id: "ResourceRef" });
export type ResourceRef = z.infer<typeof ResourceRef>;

export const ResourceRefList = z.object({ resources: z.array(ResourceRef) });
export type ResourceRefList = z.infer<typeof ResourceRefList>;

export const ResourceHit = z.object({
  resource: ResourceRef,
  services: z.array(z.enum(SERVICE_TAG_IDS)),
  distanceKm: z.number().nullable().meta({ description: "From the point searched from, when one was given" }),
});
export const ResourceSearchResult = z.object({ hits: z.array(ResourceHit) });
export type ResourceSearchResult = z.infer<typeof ResourceSearchResult>;

/**
 * What an entry is linked to: a plan action (取組). Referrals from consultation records are kept
 * on the record itself (the desk's referral, which names the entry), never listed here.
 */
export const RESOURCE_LINK_KINDS = ["planAction"] as const;
export const ResourceLink = z
  .object({
    resourceId: Id,
    targetKind: z.enum(RESOURCE_LINK_KINDS),
    targetId: Id,
    createdAt: Timestamp,
  })
  .meta({ id: "ResourceLink" });
export const ResourceLinkList = z.object({
  links: z.array(ResourceLink),
  resources: z.array(ResourceRef),
  targets: z
    .array(z.object({ id: Id, title: z.string() }))
    .meta({ description: "The linked plan actions' titles (取組名)" }),
  canLink: z
    .boolean()
    .meta({ description: "The caller may link and unlink entries (the same for every entry)" }),
});
export type ResourceLinkList = z.infer<typeof ResourceLinkList>;

// ── Query strings ───────────────────────────────────────────────────────────────────

/** The values of a comma-separated query parameter, trimmed, empty ones left out. */
function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A comma-separated list each of whose values is one of `values` ("unknown" otherwise). */
function listOf<const T extends readonly string[]>(values: T, description: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const items = splitList(v);
      if (items.every((i) => values.includes(i))) return items as T[number][];
      ctx.addIssue({ code: "custom", message: "unknown" });
      return z.NEVER;
    })
    .meta({ description: `${description}, comma-separated: ${values.join(", ")}` });
}

/** Ids, comma-separated; what is not an id is left out. */
function idList(description: string) {
  return z
    .string()
    .optional()
    .transform((v) => splitList(v).filter(isId))
    .meta({ description });
}

/** A number from `min` to `max` ("number" otherwise); null when empty or left out. */
function queryNumber(min: number, max: number, description: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return null;
      const n = Number(v);
      if (Number.isFinite(n) && n >= min && n <= max) return n;
      ctx.addIssue({ code: "custom", message: "number" });
      return z.NEVER;
    })
    .meta({ description: `${description} (${min} to ${max})` });
}

export const ResourceLookupQuery = z.object({
  ids: idList("Entries by id, comma-separated (closed ones too); when given, q is not read"),
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? "").slice(0, 100))
    .meta({ description: "Text over name, kana, address, kind and services: open entries, 50 at most" }),
});
export type ResourceLookupQuery = z.input<typeof ResourceLookupQuery>;

export const ResourceSearchQuery = z
  .object({
    services: listOf(SERVICE_TAG_IDS, "Entries offering all of these services"),
    kinds: listOf(RESOURCE_KIND_IDS, "Entries of any of these kinds"),
    area: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        if (isId(v)) return v;
        ctx.addIssue({ code: "custom", message: "unknown" });
        return z.NEVER;
      })
      .meta({ description: "Entries of this 日常生活圏域 (its id)" }),
    q: z
      .string()
      .optional()
      .transform((v) => v ?? "")
      .meta({ description: "Text over name, kana, address, kind and services" }),
    near: z
      .string()
      .optional()
      .transform((v) => v || null)
      .meta({
        description:
          "Nearest first from this entry (its id; it must have a place); lat and lng are then left aside",
      }),
    lat: queryNumber(20, 46, "Nearest first from this latitude, with lng"),
    lng: queryNumber(122, 154, "Nearest first from this longitude, with lat"),
    radiusKm: queryNumber(0.1, 100, "Only entries this close to the point searched from, in km"),
  })
  .superRefine((query, ctx) => {
    if (query.near === null && (query.lat === null) !== (query.lng === null))
      ctx.addIssue({ code: "custom", message: "required", path: [query.lat === null ? "lat" : "lng"] });
  });
export type ResourceSearchQuery = z.input<typeof ResourceSearchQuery>;

export const ResourceLinkQuery = z.object({
  targetKind: oneOf(RESOURCE_LINK_KINDS).meta({ description: "What the entries are linked to" }),
  targetIds: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : splitList(v).filter(isId)))
    .meta({
      description:
        "Only links to these targets, comma-separated (empty: none); left out: every link of the workspace",
    }),
});
export type ResourceLinkQuery = z.input<typeof ResourceLinkQuery>;

// ── Open-data import ────────────────────────────────────────────────────────────────

export const ImportFile = z.object({
  fileName: requiredText(200),
  /** The file's bytes, base64. */
  content: z.string({ error: "required" }).min(1, { error: "required" }),
  /** The data's date (時点) as published, YYYY-MM-DD; from the file name when left out. */
  dataDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "format" })
    .optional(),
  /** The digest of the preview being confirmed: the import is written only when it still matches. */
  confirm: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { error: "format" })
    .optional(),
});
export type ImportFile = z.infer<typeof ImportFile>;

export const ImportProblem = z.object({
  row: z.number().int().meta({ description: "Line of the file (1 = header); 0 for the whole file" }),
  column: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string().meta({ description: "Japanese" }),
});

const FieldChange = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  kept: z.boolean().meta({ description: "Set by hand or by the provider: the file's value is not taken" }),
});

export const ImportPreview = z
  .object({
    format: z.enum(["kaigo", "iryoFacility", "iryoHours"]).nullable(),
    formatLabel: z.string(),
    encoding: z.enum(["utf-8-bom", "utf-8", "shift_jis"]).nullable(),
    fileName: z.string(),
    dataDate: z.string().nullable(),
    totalRows: z.number().int(),
    areaRows: z.number().int(),
    problems: z.array(ImportProblem),
    added: z.array(
      z.object({
        row: z.number().int(),
        key: z.string(),
        name: z.string(),
        kind: z.enum(RESOURCE_KIND_IDS),
        subtype: z.string(),
        address: z.string(),
      }),
    ),
    changed: z.array(
      z.object({
        id: Id,
        row: z.number().int(),
        key: z.string(),
        name: z.string(),
        reopen: z.boolean(),
        changes: z.array(FieldChange),
      }),
    ),
    gone: z.array(z.object({ id: Id, key: z.string(), name: z.string() })),
    unchanged: z.number().int(),
    unmatched: z.number().int(),
    summary: z.object({ added: z.number(), changed: z.number(), gone: z.number(), kept: z.number() }),
    canImport: z
      .boolean()
      .meta({ description: "False when the file itself is refused (unknown layout, missing columns)" }),
    digest: z.string().meta({ description: "Send back as `confirm` to write exactly this" }),
  })
  .meta({ id: "ImportPreview" });
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ResourceImport = z
  .object({
    id: Id,
    format: z.enum(["kaigo", "iryoFacility", "iryoHours"]),
    sourceLabel: z.string(),
    fileName: z.string(),
    encoding: z.string(),
    dataDate: z.string().nullable(),
    added: z.number().int(),
    changed: z.number().int(),
    gone: z.number().int(),
    kept: z.number().int(),
    problems: z.number().int(),
    importedBy: z.string().meta({ description: "Name of who imported" }),
    importedAt: Timestamp,
  })
  .meta({ id: "ResourceImport" });
export type ResourceImport = z.infer<typeof ResourceImport>;

export const ImportResult = z.object({ import: ResourceImport });
export type ImportResult = z.infer<typeof ImportResult>;
export const ImportHistory = z.object({ imports: z.array(ResourceImport) });
export type ImportHistory = z.infer<typeof ImportHistory>;

// ── Providers' updates ──────────────────────────────────────────────────────────────

export const UpdateLink = z
  .object({
    id: Id,
    resourceId: Id,
    createdBy: z.string(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    revokedAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: "ResourceUpdateLink" });
export type UpdateLink = z.infer<typeof UpdateLink>;

export const CreatedUpdateLink = z.object({
  link: UpdateLink,
  url: z.string().meta({ description: "The personal link, shown once: only its hash is kept" }),
});
export type CreatedUpdateLink = z.infer<typeof CreatedUpdateLink>;

export const UpdateLinkList = z.object({ links: z.array(UpdateLink) });
export type UpdateLinkList = z.infer<typeof UpdateLinkList>;

/** What a provider may change through their link. */
export const ProviderUpdate = z
  .object({
    phone: text(L.phone),
    fax: text(L.phone),
    url: webAddress,
    hours: Hours,
    services: z.array(oneOf(SERVICE_TAG_IDS)).max(SERVICE_TAG_IDS.length),
    contact: ContactTimes,
    liaison: LiaisonWindow,
    vacancy: VacancyInput,
  })
  .partial();
export type ProviderUpdate = z.infer<typeof ProviderUpdate>;

export const ProviderView = z
  .object({
    workspace: z.object({ name: z.string(), prefecture: z.string() }),
    resource: z.object({
      name: z.string(),
      kind: z.enum(RESOURCE_KIND_IDS),
      subtype: z.string(),
      address: z.string(),
      phone: z.string(),
      fax: z.string(),
      url: z.string(),
      hours: Hours,
      services: z.array(z.enum(SERVICE_TAG_IDS)),
      contact: ContactTimes,
      liaison: LiaisonWindow,
      vacancy: Vacancy,
    }),
    expiresAt: Timestamp,
    pending: z.boolean().meta({ description: "A change sent earlier waits for the secretariat" }),
  })
  .meta({ id: "ProviderView" });
export type ProviderView = z.infer<typeof ProviderView>;

export const ProviderUpdateResult = z.object({ status: z.enum(["applied", "pending", "unchanged"]) });
export type ProviderUpdateResult = z.infer<typeof ProviderUpdateResult>;

export const UpdateRequest = z
  .object({
    id: Id,
    resourceId: Id,
    resourceName: z.string(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    status: z.enum(["pending", "applied", "rejected"]),
    submittedAt: Timestamp,
    decidedBy: z.string().nullable(),
    decidedAt: Timestamp.nullable(),
  })
  .meta({ id: "ResourceUpdateRequest" });
export type UpdateRequest = z.infer<typeof UpdateRequest>;

export const UpdateRequestList = z.object({ requests: z.array(UpdateRequest) });
export type UpdateRequestList = z.infer<typeof UpdateRequestList>;

export const DecideUpdateRequest = z.object({ decision: oneOf(["apply", "reject"] as const) });
export type DecideUpdateRequest = z.infer<typeof DecideUpdateRequest>;

// ── Public directory ────────────────────────────────────────────────────────────────

export const PublicResource = z
  .object({
    id: Id,
    ...ENTRY_PLACE,
    area: z.string().nullable().meta({ description: "日常生活圏域's name" }),
    ...ENTRY_REACH,
    publicNote: z.string(),
  })
  .strict()
  .meta({ id: "PublicResource", description: "Public fields only" });
export type PublicResource = z.infer<typeof PublicResource>;

export const PublicDirectory = z.object({
  workspace: z.object({ name: z.string(), prefecture: z.string(), lgCode: z.string() }),
  resources: z.array(PublicResource),
  areas: z.array(z.string()),
  demo: z.boolean(),
  updatedAt: Timestamp.nullable(),
});
export type PublicDirectory = z.infer<typeof PublicDirectory>;

/** The map's tiles, as the server is configured (MAP_TILE_URL, MAP_TILE_ATTRIBUTION). */
export const MapConfig = z.object({
  tileUrl: z.string(),
  attribution: z.string().meta({ description: "HTML of the attribution (escaped text and one link)" }),
  attributionText: z.string(),
  attributionUrl: z.string(),
});
export type MapConfig = z.infer<typeof MapConfig>;

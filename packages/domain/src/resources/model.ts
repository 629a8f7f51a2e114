/**
 * A directory entry's fields, who may see each, and where each value came from. Public
 * fields are what residents read on the public page; professionals-only fields (連絡可能時間,
 * 地域連携窓口, 空き状況) are shown to logged-in members of the workspace and to the provider
 * through their update link, never on a public answer.
 */
import type { ContactMethod, Hours, ResourceKind, ServiceTag } from "./vocabulary.js";

/** 連絡可能時間: when and how professionals may call (連絡可能時間一覧表). */
export interface ContactTimes {
  hours: string;
  methods: ContactMethod[];
  note: string;
}

/** The hospital's 地域連携窓口 (病院連携窓口一覧表). */
export interface LiaisonWindow {
  department: string;
  phone: string;
  fax: string;
  email: string;
  hours: string;
  note: string;
}

/** Current vacancies (short-stay beds) and when they were last stated. */
export interface Vacancy {
  beds: number | null;
  note: string;
  /** Epoch ms of the last statement, null when never stated. */
  updatedAt: number | null;
}

export interface ResourceFields {
  kind: ResourceKind;
  /** 種別: the facility type (特別養護老人ホーム), the service (訪問介護) … */
  subtype: string;
  name: string;
  kana: string;
  address: string;
  /** 方書（ビル名等） */
  building: string;
  lat: number | null;
  lng: number | null;
  /** 日常生活圏域 (an area id of the workspace), null when not placed. */
  areaId: string | null;
  phone: string;
  fax: string;
  url: string;
  hours: Hours;
  services: ServiceTag[];
  /** 在宅療養支援診療所・病院 (届出). */
  homeCareSupport: boolean;
  /** 定員 */
  capacity: number | null;
  /** 運営法人 */
  operator: string;
  /** A note residents may read. */
  publicNote: string;
  contact: ContactTimes;
  liaison: LiaisonWindow;
  vacancy: Vacancy;
}

export type ResourceField = keyof ResourceFields;

/** Fields only professionals (logged-in members, the provider's own link) ever see. */
export const PROFESSIONAL_FIELDS = [
  "contact",
  "liaison",
  "vacancy",
] as const satisfies readonly ResourceField[];
export type ProfessionalField = (typeof PROFESSIONAL_FIELDS)[number];

export const PUBLIC_FIELDS = [
  "kind",
  "subtype",
  "name",
  "kana",
  "address",
  "building",
  "lat",
  "lng",
  "areaId",
  "phone",
  "fax",
  "url",
  "hours",
  "services",
  "homeCareSupport",
  "capacity",
  "operator",
  "publicNote",
] as const satisfies readonly ResourceField[];
export type PublicField = (typeof PUBLIC_FIELDS)[number];

/** What a provider may change through an update link. */
export const PROVIDER_FIELDS = [
  "phone",
  "fax",
  "url",
  "hours",
  "services",
  "contact",
  "liaison",
  "vacancy",
] as const satisfies readonly ResourceField[];
export type ProviderField = (typeof PROVIDER_FIELDS)[number];

/** Where a field's value came from: an open-data import, the secretariat, the provider. */
export type FieldSource = "import" | "manual" | "provider";
export type FieldSources = Partial<Record<ResourceField, FieldSource>>;

export const EMPTY_CONTACT: ContactTimes = { hours: "", methods: [], note: "" };
export const EMPTY_LIAISON: LiaisonWindow = {
  department: "",
  phone: "",
  fax: "",
  email: "",
  hours: "",
  note: "",
};
export const EMPTY_VACANCY: Vacancy = { beds: null, note: "", updatedAt: null };

/** Limits of the text fields (the contract validates with them). */
export const RESOURCE_LIMITS = {
  name: 120,
  kana: 120,
  subtype: 60,
  address: 200,
  building: 100,
  phone: 30,
  url: 300,
  operator: 120,
  note: 500,
  shortText: 100,
  beds: 9999,
  capacity: 99999,
} as const;

/** Is the value the same (deep, for the structured fields)? */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose values differ between two versions of an entry. */
export function changedFields(before: ResourceFields, after: Partial<ResourceFields>): ResourceField[] {
  return (Object.keys(after) as ResourceField[]).filter((f) => !sameFieldValue(before[f], after[f]));
}

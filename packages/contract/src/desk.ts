/**
 * The consultation desk (相談支援): desks (/api/workspaces/{wid}/desks; the 日常生活圏域 are areas.ts),
 * consultation cases and their contacts (/api/workspaces/{wid}/consultations), statistics,
 * exports and published examples (主な相談内容と対応).
 *
 * Identifying fields (the person's name, kana, contact, address, birth date, notes; the
 * consulter's name, organisation and contact; the content and response as written) are
 * encrypted at rest and sent only in a case's answer, whose every read is logged. Lists,
 * searches and statistics carry coded fields only.
 */
import {
  AGE_BANDS,
  CARE_LEVELS,
  CONSULTATION_METHODS,
  CONSULTATION_RESPONSES,
  CONSULTATION_TOPICS,
  CONSULTATION_VERBS,
  CONSULTER_TYPES,
  DESK_VERBS,
  EXAMPLE_STATUSES,
  EXAMPLE_VERBS,
  EXPORT_REASONS,
  FOLLOW_UP_STATUSES,
  isCalendarDate,
  LIVING_SITUATIONS,
  MAIN_CONDITIONS,
  pastDateProblem,
  receivedAtProblem,
  SEXES,
  STATISTIC_DIMENSIONS,
  vocabularyIds,
} from "@tsumugi/domain";
import * as z from "zod";
import { Area } from "./areas.js";
import { abilities, flag, Id, oneOf, optionalText, queryInt, requiredText } from "./fields.js";
import { ResourceRef } from "./resources.js";

// Limits of the text fields (characters).
export const DESK_TEXT_MAX = { name: 100, hours: 200, phone: 50, email: 200, address: 300, howTo: 2000 };
export const PERSON_TEXT_MAX = { name: 100, kana: 100, contact: 200, address: 300, notes: 2000 };
export const CONSULTER_TEXT_MAX = { name: 100, organisation: 200, contact: 200 };
export const CONTENT_MAX = 4000;
export const REFERRAL_MAX = 200;
export const MINUTES_MAX = 600;
export const EXAMPLE_TEXT_MAX = { title: 100, question: 2000, answer: 2000, note: 500 };
export const EXPORT_NOTE_MAX = 200;

/** Several codes of a vocabulary, at least one, each once. */
function codes<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .array(z.enum(values, { error: "unknown" }), { error: "required" })
    .min(1, { error: "required" })
    .max(values.length, { error: "tooMany" })
    .refine((list) => new Set(list).size === list.length, { error: "duplicate" });
}

/** A date (YYYY-MM-DD) that is a real day; "" or null for none. */
const OptionalDate = z
  .string({ error: "format" })
  .refine((v) => v === "" || isCalendarDate(v), { error: "format" })
  .nullable();

/** When the consultation came in: a Japan local date-time, not in the future, from 2000. */
const ReceivedAt = z
  .string({ error: "required" })
  .superRefine((value, ctx) => {
    const problem = receivedAtProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({
    description: "Japan local date-time, e.g. 2025-05-25T14:05; not in the future",
    example: "2025-05-25T14:05",
  });

/** A birth date: "" for unknown, else a past day. */
const BirthDate = z.string({ error: "format" }).superRefine((value, ctx) => {
  if (value === "") return;
  const problem = pastDateProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

// ---------------------------------------------------------------- desks and areas

export const Desk = z
  .object({
    id: Id,
    name: z.string(),
    hours: z.string().meta({ description: "Opening hours as the desk writes them, e.g. 月〜金 9:00〜17:00" }),
    phone: z.string(),
    email: z.string(),
    address: z.string(),
    howToConsult: z.string(),
    defaultMethod: z.enum(vocabularyIds(CONSULTATION_METHODS)),
    defaultAreaId: Id.nullable(),
    public: z.boolean().meta({ description: "Shown on the workspace's public desk page" }),
    staffIds: z.array(Id).meta({ description: "Coordinators who keep this desk's records" }),
    demo: z.boolean().meta({ description: "Illustrative demo data (デモ用の例)" }),
    abilities: abilities(DESK_VERBS, "What the caller may do with this desk"),
  })
  .meta({ id: "Desk" });
export type Desk = z.infer<typeof Desk>;

export const DeskList = z.object({
  desks: z.array(Desk),
  areas: z.array(Area).meta({ description: "日常生活圏域, in their order" }),
  publicPath: z.string().meta({ description: "Path of the workspace's public desk page" }),
});
export type DeskList = z.infer<typeof DeskList>;

export const DeskResult = z.object({ desk: Desk });
export type DeskResult = z.infer<typeof DeskResult>;

const deskFields = {
  name: requiredText(DESK_TEXT_MAX.name),
  hours: optionalText(DESK_TEXT_MAX.hours),
  phone: optionalText(DESK_TEXT_MAX.phone),
  email: optionalText(DESK_TEXT_MAX.email),
  address: optionalText(DESK_TEXT_MAX.address),
  howToConsult: optionalText(DESK_TEXT_MAX.howTo),
  defaultMethod: oneOf(vocabularyIds(CONSULTATION_METHODS)),
  defaultAreaId: Id.nullable(),
  public: flag(),
  staffIds: z.array(Id, { error: "format" }).max(50, { error: "tooMany" }),
};

export const CreateDesk = z.object({
  ...deskFields,
  hours: deskFields.hours.default(""),
  phone: deskFields.phone.default(""),
  email: deskFields.email.default(""),
  address: deskFields.address.default(""),
  howToConsult: deskFields.howToConsult.default(""),
  defaultMethod: deskFields.defaultMethod.default("phone"),
  defaultAreaId: deskFields.defaultAreaId.default(null),
  public: deskFields.public.default(false),
  staffIds: deskFields.staffIds.default([]),
});
export type CreateDesk = z.infer<typeof CreateDesk>;

export const UpdateDesk = z.object(deskFields).partial();
export type UpdateDesk = z.infer<typeof UpdateDesk>;

// ---------------------------------------------------------------- cases and contacts

/** Identifying fields of the person concerned: encrypted at rest. */
export const Person = z
  .object({
    name: optionalText(PERSON_TEXT_MAX.name),
    kana: optionalText(PERSON_TEXT_MAX.kana),
    contact: optionalText(PERSON_TEXT_MAX.contact),
    address: optionalText(PERSON_TEXT_MAX.address),
    birthDate: BirthDate,
    notes: optionalText(PERSON_TEXT_MAX.notes),
  })
  .meta({ id: "ConsultationPerson", description: "Encrypted at rest; every read is logged" });
export type Person = z.infer<typeof Person>;

const EmptyPerson: Person = { name: "", kana: "", contact: "", address: "", birthDate: "", notes: "" };

/** Coded attributes of the person concerned and the case's desk: kept after anonymisation. */
const caseAttributes = {
  deskId: Id,
  ageBand: oneOf(vocabularyIds(AGE_BANDS)),
  sex: oneOf(vocabularyIds(SEXES)),
  careLevel: oneOf(vocabularyIds(CARE_LEVELS)),
  living: oneOf(vocabularyIds(LIVING_SITUATIONS)),
  condition: oneOf(vocabularyIds(MAIN_CONDITIONS)),
  areaId: Id.nullable(),
};

export const NewCase = z.object({
  ...caseAttributes,
  ageBand: caseAttributes.ageBand.default("unknown"),
  sex: caseAttributes.sex.default("unknown"),
  careLevel: caseAttributes.careLevel.default("unknown"),
  living: caseAttributes.living.default("unknown"),
  condition: caseAttributes.condition.default("unknown"),
  areaId: caseAttributes.areaId.default(null),
  person: Person.partial()
    .default({})
    .transform((p) => ({ ...EmptyPerson, ...p })),
});
export type NewCase = z.infer<typeof NewCase>;

export const UpdateCase = z.object({ ...caseAttributes, person: Person.partial() }).partial();
export type UpdateCase = z.infer<typeof UpdateCase>;

/** Who consulted, as identifying text: encrypted at rest. */
export const Consulter = z
  .object({
    name: optionalText(CONSULTER_TEXT_MAX.name),
    organisation: optionalText(CONSULTER_TEXT_MAX.organisation),
    contact: optionalText(CONSULTER_TEXT_MAX.contact),
  })
  .meta({ id: "Consulter" });
export type Consulter = z.infer<typeof Consulter>;

const contactFields = {
  receivedAt: ReceivedAt,
  method: oneOf(vocabularyIds(CONSULTATION_METHODS)),
  consulterType: oneOf(vocabularyIds(CONSULTER_TYPES)),
  consulter: Consulter.partial(),
  topics: codes(vocabularyIds(CONSULTATION_TOPICS)),
  content: requiredText(CONTENT_MAX),
  responses: codes(vocabularyIds(CONSULTATION_RESPONSES)),
  responseDetail: optionalText(CONTENT_MAX),
  referralOrganisation: optionalText(REFERRAL_MAX),
  referralResourceId: Id.nullable(),
  minutes: z
    .number({ error: "format" })
    .int({ error: "format" })
    .min(0, { error: "outOfRange" })
    .max(MINUTES_MAX, { error: "outOfRange" })
    .nullable(),
  followUpDue: OptionalDate,
  followUpStatus: oneOf(vocabularyIds(FOLLOW_UP_STATUSES)),
};

/** A contact: either of an existing case (`caseId`) or opening a new one (`case`). */
export const CreateConsultation = z
  .object({
    ...contactFields,
    consulter: contactFields.consulter.default({}),
    responseDetail: contactFields.responseDetail.default(""),
    referralOrganisation: contactFields.referralOrganisation.default(""),
    referralResourceId: contactFields.referralResourceId.default(null),
    minutes: contactFields.minutes.default(null),
    followUpDue: contactFields.followUpDue.default(null),
    followUpStatus: contactFields.followUpStatus.default("none"),
    caseId: Id.optional(),
    case: NewCase.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.caseId === undefined) === (v.case === undefined))
      ctx.addIssue({ code: "custom", path: ["caseId"], message: "required" });
    if (v.followUpStatus === "open" && !v.followUpDue)
      ctx.addIssue({ code: "custom", path: ["followUpDue"], message: "required" });
  });
export type CreateConsultation = z.infer<typeof CreateConsultation>;

export const UpdateConsultation = z
  .object(contactFields)
  .partial()
  .superRefine((v, ctx) => {
    if (v.followUpStatus === "open" && v.followUpDue === null)
      ctx.addIssue({ code: "custom", path: ["followUpDue"], message: "required" });
  });
export type UpdateConsultation = z.infer<typeof UpdateConsultation>;

/** A contact as lists show it: coded fields only, nothing that identifies anyone. */
export const ConsultationSummary = z
  .object({
    id: Id,
    caseId: Id,
    caseNo: z.number().int(),
    seq: z.number().int().meta({ description: "The contact's number within its case (1, 2, …)" }),
    deskId: Id,
    receivedAt: z.string(),
    method: z.enum(vocabularyIds(CONSULTATION_METHODS)),
    consulterType: z.enum(vocabularyIds(CONSULTER_TYPES)),
    topics: z.array(z.enum(vocabularyIds(CONSULTATION_TOPICS))),
    responses: z.array(z.enum(vocabularyIds(CONSULTATION_RESPONSES))),
    minutes: z.number().int().nullable(),
    followUpDue: z.string().nullable(),
    followUpStatus: z.enum(vocabularyIds(FOLLOW_UP_STATUSES)),
    staffUserId: Id.nullable(),
    ageBand: z.enum(vocabularyIds(AGE_BANDS)),
    sex: z.enum(vocabularyIds(SEXES)),
    areaId: Id.nullable(),
    anonymised: z.boolean(),
    demo: z.boolean(),
  })
  .meta({ id: "ConsultationSummary" });
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;

export const ConsultationList = z.object({
  consultations: z.array(ConsultationSummary).meta({ description: "Newest first" }),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ConsultationList = z.infer<typeof ConsultationList>;

/** A contact with its identifying text (in a case's answer only). */
export const Consultation = ConsultationSummary.extend({
  consulter: Consulter,
  content: z.string(),
  responseDetail: z.string(),
  referralOrganisation: z.string(),
  referralResourceId: Id.nullable(),
  referralResource: ResourceRef.nullable().meta({
    description: "The directory entry referred to, as it now is (null when none, or deleted since)",
  }),
  abilities: abilities(CONSULTATION_VERBS, "What the caller may do with this contact"),
}).meta({ id: "Consultation" });
export type Consultation = z.infer<typeof Consultation>;

export const ConsultationCase = z
  .object({
    id: Id,
    caseNo: z.number().int(),
    deskId: Id,
    ageBand: z.enum(vocabularyIds(AGE_BANDS)),
    sex: z.enum(vocabularyIds(SEXES)),
    careLevel: z.enum(vocabularyIds(CARE_LEVELS)),
    living: z.enum(vocabularyIds(LIVING_SITUATIONS)),
    condition: z.enum(vocabularyIds(MAIN_CONDITIONS)),
    areaId: Id.nullable(),
    person: Person.nullable().meta({ description: "null once anonymised" }),
    lastContactAt: z.string(),
    anonymised: z.boolean(),
    demo: z.boolean(),
    contacts: z.array(Consultation).meta({ description: "Oldest first" }),
    abilities: abilities(CONSULTATION_VERBS, "What the caller may do with this case"),
  })
  .meta({ id: "ConsultationCase" });
export type ConsultationCase = z.infer<typeof ConsultationCase>;

export const ConsultationCaseResult = z.object({ case: ConsultationCase });
export type ConsultationCaseResult = z.infer<typeof ConsultationCaseResult>;

export const ConsultationCreated = z.object({ consultation: ConsultationSummary, caseNo: z.number().int() });
export type ConsultationCreated = z.infer<typeof ConsultationCreated>;

const FOLLOW_UP_FILTERS = ["open", "overdue", "done", "none"] as const;

/** Filters of the list (query string). Invalid values are refused, not ignored. */
export const ConsultationQuery = z.object({
  fy: queryInt(2000, 2100).optional(),
  month: queryInt(1, 12).optional(),
  deskId: Id.optional(),
  areaId: Id.optional(),
  method: oneOf(vocabularyIds(CONSULTATION_METHODS)).optional(),
  consulterType: oneOf(vocabularyIds(CONSULTER_TYPES)).optional(),
  topic: oneOf(vocabularyIds(CONSULTATION_TOPICS)).optional(),
  followUp: oneOf(FOLLOW_UP_FILTERS).optional(),
  caseId: Id.optional(),
  page: queryInt(1, 10_000).default(1),
});
export type ConsultationQuery = z.infer<typeof ConsultationQuery>;

/** The exact-name search: the name (or kana) as typed; sent in the body, never in a URL. */
export const CaseSearch = z.object({ name: requiredText(PERSON_TEXT_MAX.name) });
export type CaseSearch = z.infer<typeof CaseSearch>;

export const CaseSummary = z
  .object({
    id: Id,
    caseNo: z.number().int(),
    deskId: Id,
    ageBand: z.enum(vocabularyIds(AGE_BANDS)),
    sex: z.enum(vocabularyIds(SEXES)),
    lastContactAt: z.string(),
    contacts: z.number().int(),
    demo: z.boolean(),
  })
  .meta({ id: "ConsultationCaseSummary" });
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseSearchResult = z.object({ cases: z.array(CaseSummary) });
export type CaseSearchResult = z.infer<typeof CaseSearchResult>;

// ---------------------------------------------------------------- statistics and exports

const StatisticRow = z.object({
  code: z.string(),
  label: z.string(),
  months: z.array(z.number().int()).meta({ description: "April … March" }),
  total: z.number().int(),
});
const YearTotalsRow = z.object({ code: z.string(), label: z.string(), counts: z.array(z.number().int()) });
const dimensionsOf = <T extends z.ZodType>(row: T) =>
  z.object(
    Object.fromEntries(STATISTIC_DIMENSIONS.map((d) => [d, z.array(row)])) as Record<
      (typeof STATISTIC_DIMENSIONS)[number],
      z.ZodArray<T>
    >,
  );

export const ConsultationStatistics = z
  .object({
    fiscalYear: z.number().int(),
    year: z.object({
      fiscalYear: z.number().int(),
      total: z.number().int(),
      months: z.array(z.number().int()),
      dimensions: dimensionsOf(StatisticRow),
    }),
    yearly: z.object({
      years: z.array(z.number().int()),
      totals: z.array(z.number().int()),
      dimensions: dimensionsOf(YearTotalsRow),
    }),
  })
  .meta({ id: "ConsultationStatistics" });
export type ConsultationStatistics = z.infer<typeof ConsultationStatistics>;

export const STATISTICS_QUERY_YEARS = 5;

export const StatisticsQuery = z.object({
  fy: queryInt(2000, 2100).optional(),
});

export const EXPORT_KINDS = ["statistics", "records"] as const;
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;

export const CreateExport = z.object({
  kind: oneOf(EXPORT_KINDS),
  format: oneOf(EXPORT_FORMATS),
  fiscalYear: z
    .number({ error: "required" })
    .int({ error: "format" })
    .min(2000, { error: "outOfRange" })
    .max(2100, { error: "outOfRange" }),
  deskId: Id.nullable().default(null),
  reason: oneOf(vocabularyIds(EXPORT_REASONS)),
  note: optionalText(EXPORT_NOTE_MAX).default(""),
});
export type CreateExport = z.infer<typeof CreateExport>;

// ---------------------------------------------------------------- published examples

export const ConsultationExample = z
  .object({
    id: Id,
    deskId: Id,
    consultationId: Id.nullable(),
    fiscalYear: z.number().int(),
    consulterType: z.enum(vocabularyIds(CONSULTER_TYPES)),
    topics: z.array(z.enum(vocabularyIds(CONSULTATION_TOPICS))),
    title: z.string(),
    question: z.string().meta({ description: "主な相談内容, anonymised" }),
    answer: z.string().meta({ description: "対応, anonymised" }),
    status: z.enum(vocabularyIds(EXAMPLE_STATUSES)),
    note: z.string().meta({ description: "The secretariat's note when returning it" }),
    draftedBy: Id.nullable(),
    decidedBy: Id.nullable(),
    publishedAt: z.number().int().nullable(),
    updatedAt: z.number().int(),
    demo: z.boolean(),
    abilities: abilities(EXAMPLE_VERBS, "What the caller may do with this example"),
  })
  .meta({ id: "ConsultationExample" });
export type ConsultationExample = z.infer<typeof ConsultationExample>;

export const ExampleList = z.object({ examples: z.array(ConsultationExample) });
export type ExampleList = z.infer<typeof ExampleList>;

export const ExampleResult = z.object({ example: ConsultationExample });
export type ExampleResult = z.infer<typeof ExampleResult>;

const exampleText = {
  title: requiredText(EXAMPLE_TEXT_MAX.title),
  question: requiredText(EXAMPLE_TEXT_MAX.question),
  answer: requiredText(EXAMPLE_TEXT_MAX.answer),
};

/** Drafted from a contact: its coded fields are taken, its text never. */
export const CreateExample = z.object({ consultationId: Id, ...exampleText });
export type CreateExample = z.infer<typeof CreateExample>;

export const UpdateExample = z.object(exampleText).partial();
export type UpdateExample = z.infer<typeof UpdateExample>;

/** A step of an example (submit, approve, return, withdraw), with the secretariat's note. */
export const ExampleStep = z.object({ note: optionalText(EXAMPLE_TEXT_MAX.note).default("") });
export type ExampleStep = z.infer<typeof ExampleStep>;

/**
 * Trainings and outreach (研修・普及啓発): events, their series, co-hosting municipalities,
 * participants, check-in, materials, questionnaires, 出前講座 requests and materials handed out.
 * /api/workspaces/{wid}/events, /event-series, /event-requests, /outreach.
 */
import {
  contactKind,
  DISTRIBUTION_VERBS,
  EVENT_AUDIENCE_IDS,
  EVENT_KIND_IDS,
  EVENT_REQUEST_VERBS,
  EVENT_STATUS_IDS,
  EVENT_VERBS,
  MATERIAL_KIND_IDS,
  PARTICIPANT_STATUSES,
  PROFESSION_CHOICES,
  PROFESSION_IDS,
  parseFiscalYear,
  QUESTION_MEASURES,
  QUESTION_TYPES,
  QUESTIONNAIRE_LIMITS,
  QUESTIONNAIRE_TEMPLATE_IDS,
  REGISTRATION_STATES,
  REQUEST_STATUS_IDS,
  SERIES_VERBS,
} from "@tsumugi/domain";
import * as z from "zod";
import { abilities, flag, Id, IsoDate, oneOf, requiredText, Timestamp } from "./fields.js";

export const EVENT_TEXT_LIMITS = {
  title: 100,
  theme: 2000,
  place: 200,
  onlineUrl: 500,
  audienceNote: 200,
  organiserNote: 200,
  contact: 300,
  seriesName: 100,
  seriesDescription: 1000,
  participantName: 50,
  organisation: 100,
  contactField: 254,
  note: 500,
} as const;
const L = EVENT_TEXT_LIMITS;

/** Text that may be empty: trimmed, at most `max` characters. */
const optionalText = (max: number) => z.string({ error: "format" }).trim().max(max, { error: "tooLong" });

/** A local date-time in Japan, "2023-05-25T14:00", that exists on the calendar. */
export const LocalDateTime = z
  .string({ error: "required" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "format" })
  .refine(
    (v) => {
      const d = new Date(`${v}:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 16) === v;
    },
    { error: "format" },
  )
  .meta({ description: "Local date-time in Japan, YYYY-MM-DDTHH:MM" });

/** An http(s) address, or empty. */
const webAddress = optionalText(L.onlineUrl).refine((v) => v === "" || /^https?:\/\/[^\s<>"]+$/i.test(v), {
  error: "format",
});

/** A whole number of people, 1–100,000; null for "no limit". */
const capacity = z
  .number({ error: "number" })
  .int({ error: "number" })
  .min(1, { error: "range" })
  .max(100_000, { error: "range" })
  .nullable();

const counts = z.object({
  registered: z.number().int(),
  waitlisted: z.number().int(),
  attended: z.number().int(),
  walkIns: z.number().int(),
});

export const Municipality = z
  .object({ workspaceId: Id, name: z.string(), prefecture: z.string() })
  .meta({ id: "Municipality" });
export type Municipality = z.infer<typeof Municipality>;

export const Event = z
  .object({
    id: Id,
    seriesId: Id.nullable(),
    kind: z.enum(EVENT_KIND_IDS),
    title: z.string(),
    theme: z.string().meta({ description: "Theme and programme (テーマ・内容)" }),
    startsAt: z.string().meta({ description: "Local date-time, YYYY-MM-DDTHH:MM" }),
    endsAt: z.string().nullable(),
    fiscalYear: z.number().int(),
    place: z.string(),
    onlineUrl: z.string(),
    capacity: z.number().int().nullable(),
    waitingList: z.boolean().meta({ description: "Registrations beyond capacity wait for a place" }),
    audience: z.enum(EVENT_AUDIENCE_IDS),
    audienceNote: z.string(),
    organiserGroupIds: z.array(Id),
    organiserNote: z.string().meta({ description: "主催・共催 as printed on the announcement" }),
    contact: z.string().meta({ description: "問い合わせ先 shown on the public page" }),
    actionIds: z.array(z.string()).meta({ description: "Plan actions this event carries out" }),
    scheduleRowId: z
      .string()
      .nullable()
      .meta({ description: "The row of the year's schedule (年間予定) the event appears in" }),
    meetingId: Id.nullable().meta({
      description: "A meeting holding this event's minutes (trainings before events existed)",
    }),
    requestId: Id.nullable().meta({ description: "The 出前講座 request this event answers" }),
    status: z.enum(EVENT_STATUS_IDS),
    registrationOpen: z.boolean(),
    registrationClosesAt: z
      .string()
      .nullable()
      .meta({ description: "Local date-time registration closes at; null: when the event starts" }),
    registrationState: z.enum(REGISTRATION_STATES),
    published: z.boolean(),
    publicPath: z
      .string()
      .nullable()
      .meta({ description: "/p/<lg code>/events/<public id> while published" }),
    host: Municipality,
    cohost: z.boolean().meta({ description: "The caller's municipality co-hosts this event of another" }),
    cohosts: z.array(Municipality),
    counts,
    demo: z.boolean().meta({ description: "Made up by the demo (「デモ用の例」)" }),
    abilities: abilities(EVENT_VERBS, "What the caller may do with this event"),
  })
  .meta({ id: "Event" });
export type Event = z.infer<typeof Event>;

export const EventSeries = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(EVENT_KIND_IDS),
    description: z.string(),
    events: z.number().int().meta({ description: "Events of the series, all years" }),
    demo: z.boolean().meta({ description: "Made up by the demo (「デモ用の例」)" }),
    abilities: abilities(SERIES_VERBS, "What the caller may do with this series"),
  })
  .meta({ id: "EventSeries" });
export type EventSeries = z.infer<typeof EventSeries>;

export const EventList = z.object({
  events: z.array(Event).meta({ description: "By start, newest first" }),
  series: z.array(EventSeries),
});
export type EventList = z.infer<typeof EventList>;

/** A 年度 in a query string as people write it (2025, R7, 令和7年度): its number, or `format`. */
function toFiscalYear(text: string, ctx: z.RefinementCtx): number {
  const fy = parseFiscalYear(text);
  if (fy === null) ctx.addIssue({ code: "custom", message: "format" });
  return fy ?? 0;
}

/** `?fiscalYear=` of the events' list. */
export const EventListQuery = z.object({
  fiscalYear: z
    .string()
    .optional()
    .transform((text, ctx) => (text === undefined || text === "" ? undefined : toFiscalYear(text, ctx)))
    .meta({ description: "Only the events of this 年度 (2025, R7, 令和7年度); all when left out or empty" }),
});

/** `?fiscalYear=` of the plan links. */
export const PlanLinksQuery = z.object({
  fiscalYear: z
    .string({ error: "required" })
    .min(1, { error: "required" })
    .transform(toFiscalYear)
    .meta({ description: "The 年度 of the plan (2025, R7, 令和7年度)" }),
});

export const EventResult = z.object({ event: Event });
export type EventResult = z.infer<typeof EventResult>;

const eventFields = {
  seriesId: Id.nullable(),
  kind: oneOf(EVENT_KIND_IDS),
  title: requiredText(L.title),
  theme: optionalText(L.theme),
  startsAt: LocalDateTime,
  endsAt: LocalDateTime.nullable(),
  place: optionalText(L.place),
  onlineUrl: webAddress,
  capacity,
  waitingList: flag(),
  audience: oneOf(EVENT_AUDIENCE_IDS),
  audienceNote: optionalText(L.audienceNote),
  organiserGroupIds: z.array(Id, { error: "format" }).max(20, { error: "tooLong" }),
  organiserNote: optionalText(L.organiserNote),
  contact: optionalText(L.contact),
  actionIds: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), { error: "format" })
    .max(50, { error: "tooLong" }),
  scheduleRowId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: "format" })
    .nullable(),
};

const endAfterStart = (
  e: { startsAt?: string; endsAt?: string | null; registrationClosesAt?: string | null },
  ctx: z.RefinementCtx,
) => {
  if (e.startsAt && e.endsAt && e.endsAt < e.startsAt)
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "beforeStart" });
  if (e.startsAt && e.registrationClosesAt && e.registrationClosesAt > e.startsAt)
    ctx.addIssue({ code: "custom", path: ["registrationClosesAt"], message: "afterStart" });
};

export const CreateEvent = z
  .object({
    ...eventFields,
    seriesId: eventFields.seriesId.default(null),
    theme: eventFields.theme.default(""),
    endsAt: eventFields.endsAt.default(null),
    place: eventFields.place.default(""),
    onlineUrl: eventFields.onlineUrl.default(""),
    capacity: eventFields.capacity.default(null),
    waitingList: eventFields.waitingList.default(true),
    audience: eventFields.audience.default("professionals"),
    audienceNote: eventFields.audienceNote.default(""),
    organiserGroupIds: eventFields.organiserGroupIds.default([]),
    organiserNote: eventFields.organiserNote.default(""),
    contact: eventFields.contact.default(""),
    actionIds: eventFields.actionIds.default([]),
    scheduleRowId: eventFields.scheduleRowId.default(null),
    requestId: Id.nullable().default(null),
  })
  .superRefine(endAfterStart);
export type CreateEvent = z.input<typeof CreateEvent>;

export const UpdateEvent = z
  .object({
    ...eventFields,
    registrationOpen: flag(),
    registrationClosesAt: LocalDateTime.nullable(),
    published: flag(),
  })
  .partial()
  .superRefine(endAfterStart);
export type UpdateEvent = z.input<typeof UpdateEvent>;

export const SetEventStatus = z.object({ status: oneOf(EVENT_STATUS_IDS) });
export type SetEventStatus = z.infer<typeof SetEventStatus>;

export const CreateEventSeries = z.object({
  name: requiredText(L.seriesName),
  kind: oneOf(EVENT_KIND_IDS),
  description: optionalText(L.seriesDescription).default(""),
});
export type CreateEventSeries = z.input<typeof CreateEventSeries>;

export const UpdateEventSeries = z
  .object({
    name: requiredText(L.seriesName),
    kind: oneOf(EVENT_KIND_IDS),
    description: optionalText(L.seriesDescription),
  })
  .partial();
export type UpdateEventSeries = z.input<typeof UpdateEventSeries>;

export const EventSeriesResult = z.object({ series: EventSeries });
export type EventSeriesResult = z.infer<typeof EventSeriesResult>;

export const CohostCandidates = z.object({
  municipalities: z.array(Municipality).meta({
    description: "Municipalities sharing a region group with this one: those an event may be co-hosted with",
  }),
});
export type CohostCandidates = z.infer<typeof CohostCandidates>;

export const PlanLinks = z.object({
  plan: z.boolean().meta({ description: "The 年度 has a plan (projected)" }),
  actions: z.array(z.object({ id: z.string(), title: z.string() })),
  scheduleRows: z.array(z.object({ id: z.string(), activity: z.string() })),
});
export type PlanLinks = z.infer<typeof PlanLinks>;

/* ───────────── attendance ───────────── */

export const ProfessionCount = z.object({
  profession: z.enum(PROFESSION_IDS),
  registered: z.number().int(),
  attended: z.number().int(),
});

export const AttendanceSummary = z
  .object({
    registered: z.number().int(),
    waitlisted: z.number().int(),
    cancelled: z.number().int(),
    attended: z.number().int(),
    walkIns: z.number().int(),
    byProfession: z.array(ProfessionCount),
    byOrganisation: z.array(z.object({ organisation: z.string(), attended: z.number().int() })),
  })
  .meta({ id: "AttendanceSummary" });
export type AttendanceSummary = z.infer<typeof AttendanceSummary>;

export const EventDetail = z.object({ event: Event, attendance: AttendanceSummary });
export type EventDetail = z.infer<typeof EventDetail>;

export const Participant = z
  .object({
    id: Id,
    walkIn: z.boolean(),
    status: z.enum(PARTICIPANT_STATUSES.map((s) => s.id) as ["registered", "waitlisted", "cancelled"]),
    name: z.string(),
    organisation: z.string(),
    profession: z.enum(PROFESSION_IDS),
    contact: z.string(),
    note: z.string(),
    headcount: z.number().int(),
    shareWithCohosts: z.boolean(),
    checkInCode: z.string().nullable(),
    checkedInAt: Timestamp.nullable(),
    registeredAt: Timestamp,
    cancelledAt: Timestamp.nullable(),
    erased: z.boolean().meta({ description: "Name and contact erased after the retention period" }),
  })
  .meta({ id: "Participant" });
export type Participant = z.infer<typeof Participant>;

export const ParticipantList = z.object({
  participants: z.array(Participant).meta({ description: "In order of registration" }),
  scope: z.enum(["all", "agreed"]).meta({ description: "agreed: a co-host sees those who agreed only" }),
});
export type ParticipantList = z.infer<typeof ParticipantList>;

export const ParticipantResult = z.object({ participant: Participant });
export type ParticipantResult = z.infer<typeof ParticipantResult>;

/** People counted at the door by 職種 (and organisation), without names: the attendance of an event nobody registered for. */
export const DoorCount = z.object({
  profession: oneOf(PROFESSION_IDS),
  organisation: optionalText(L.organisation).default(""),
  headcount: z
    .number({ error: "number" })
    .int({ error: "number" })
    .min(1, { error: "range" })
    .max(1000, { error: "range" }),
});
export type DoorCount = z.input<typeof DoorCount>;

export const DoorCountEntry = z
  .object({
    id: Id,
    profession: z.enum(PROFESSION_IDS),
    organisation: z.string(),
    headcount: z.number().int(),
    recordedAt: Timestamp,
  })
  .meta({ id: "DoorCountEntry" });
export type DoorCountEntry = z.infer<typeof DoorCountEntry>;

export const DoorCountList = z.object({
  counts: z.array(DoorCountEntry).meta({ description: "In the order they were recorded" }),
  attendance: AttendanceSummary,
});
export type DoorCountList = z.infer<typeof DoorCountList>;

/** What a person fills in on the public registration form. */
export const RegistrationForm = z.object({
  name: requiredText(L.participantName),
  organisation: optionalText(L.organisation).default(""),
  profession: oneOf(PROFESSION_CHOICES),
  contact: requiredText(L.contactField).refine((v) => contactKind(v) !== null, { error: "contact" }),
  note: optionalText(L.note).default(""),
  consent: z.literal(true, { error: "consent" }),
  shareWithCohosts: z.boolean().default(false),
});
export type RegistrationForm = z.input<typeof RegistrationForm>;

/* ───────────── public pages (no account) ───────────── */

export const PublicMunicipality = z.object({ name: z.string(), prefecture: z.string(), lgCode: z.string() });

export const PublicEvent = z
  .object({
    publicId: z.string(),
    kind: z.enum(EVENT_KIND_IDS),
    title: z.string(),
    theme: z.string(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    place: z.string(),
    onlineUrl: z.string(),
    capacity: z.number().int().nullable(),
    placesLeft: z.number().int().nullable().meta({ description: "Free places; null without a capacity" }),
    audience: z.enum(EVENT_AUDIENCE_IDS),
    audienceNote: z.string(),
    organiserNote: z.string(),
    contact: z.string(),
    host: PublicMunicipality,
    cohosts: z.array(PublicMunicipality),
    registrationState: z.enum(REGISTRATION_STATES),
    registrationClosesAt: z.string().nullable(),
    cancelled: z.boolean(),
    demo: z.boolean().meta({ description: "Made up by the demo (「デモ用の例」)" }),
  })
  .meta({ id: "PublicEvent" });
export type PublicEvent = z.infer<typeof PublicEvent>;

export const PublicEventList = z.object({
  municipality: PublicMunicipality,
  events: z.array(PublicEvent).meta({ description: "Published events from today on, soonest first" }),
});
export type PublicEventList = z.infer<typeof PublicEventList>;

/** A material offered on the public announcement page. */
export const PublicMaterial = z.object({
  name: z.string(),
  type: z.string(),
  size: z.number().int(),
  path: z.string().meta({ description: "/api/public/events/<lg>/<public id>/materials/<id>" }),
});
export type PublicMaterial = z.infer<typeof PublicMaterial>;

export const PublicEventDetail = z.object({
  municipality: PublicMunicipality,
  event: PublicEvent,
  formToken: z.string().nullable().meta({
    description: "Signed token the registration must carry (issue time: too fast a form is refused)",
  }),
  retentionDays: z.number().int().meta({
    description: "Names and contacts are erased this many days after the event (the consent text says so)",
  }),
  materials: z.array(PublicMaterial).meta({ description: "Handouts offered to anyone (資料)" }),
});
export type PublicEventDetail = z.infer<typeof PublicEventDetail>;

/** The public registration: the form, its signed token and the field people never see. */
export const PublicRegistration = RegistrationForm.extend({
  formToken: z.string({ error: "required" }).max(200, { error: "format" }),
  /** Left empty by people (hidden); filled by form robots. */
  website: z.string().max(500).default(""),
});
export type PublicRegistration = z.input<typeof PublicRegistration>;

export const RegistrationStatusView = z.object({
  status: z.enum(["registered", "waitlisted", "cancelled"]),
  name: z.string(),
  organisation: z.string(),
  profession: z.enum(PROFESSION_IDS),
  contact: z.string(),
  checkInCode: z
    .string()
    .nullable()
    .meta({ description: "Shown (and drawn as a QR code) once a place is held" }),
  checkInUrl: z.string().nullable().meta({
    description:
      "What the QR code holds: the organisers' check-in screen with this code (a phone's camera opens it)",
  }),
  waitingPosition: z.number().int().nullable(),
  checkedIn: z.boolean(),
  registeredAt: Timestamp,
  cancelledAt: Timestamp.nullable(),
  cancellable: z.boolean(),
});

export const RegistrationView = z
  .object({
    municipality: PublicMunicipality,
    event: PublicEvent,
    registration: RegistrationStatusView,
  })
  .meta({ id: "RegistrationView" });
export type RegistrationView = z.infer<typeof RegistrationView>;

export const RegistrationDone = z.object({
  status: z.enum(["registered", "waitlisted"]),
  path: z.string().meta({ description: "The registrant's own page: /p/<lg>/events/<id>/r/<token>" }),
});
export type RegistrationDone = z.infer<typeof RegistrationDone>;

/** The organiser adding a person who came without registering, or a group counted at the door. */
export const AddWalkIn = z.object({
  name: optionalText(L.participantName).default(""),
  organisation: optionalText(L.organisation).default(""),
  profession: oneOf(PROFESSION_IDS),
  headcount: z
    .number({ error: "number" })
    .int({ error: "number" })
    .min(1, { error: "range" })
    .max(1000, { error: "range" })
    .default(1),
});
export type AddWalkIn = z.input<typeof AddWalkIn>;

export const CheckIn = z.object({
  code: requiredText(40).optional().meta({ description: "The check-in code as typed or scanned" }),
  participantId: Id.optional(),
  undo: z.boolean().default(false),
});
export type CheckIn = z.input<typeof CheckIn>;

export const CheckInResult = z.object({
  participant: Participant,
  alreadyCheckedIn: z.boolean(),
  attendance: AttendanceSummary,
});
export type CheckInResult = z.infer<typeof CheckInResult>;

/* ───────────── materials (files) ───────────── */

/** Media types an event's material may be (checked from the file's contents). */
export const MATERIAL_MEDIA_TYPES = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
] as const;

export const EventMaterial = z
  .object({
    id: Id,
    name: z.string(),
    type: z.string().meta({ description: "Media type, as checked from the file's contents" }),
    size: z.number().int(),
    public: z.boolean().meta({ description: "Offered on the public announcement page" }),
    uploadedAt: Timestamp,
    path: z.string().meta({ description: "Where the file is downloaded (for the caller)" }),
  })
  .meta({ id: "EventMaterial" });
export type EventMaterial = z.infer<typeof EventMaterial>;

export const EventMaterialList = z.object({
  materials: z.array(EventMaterial).meta({ description: "In the order they were added" }),
  scope: z.enum(["all", "public"]).meta({
    description: "public: a co-hosting municipality sees only those offered on the public page",
  }),
  maxBytes: z.number().int().meta({ description: "The largest file accepted (EVENT_MATERIAL_MAX_MB)" }),
});
export type EventMaterialList = z.infer<typeof EventMaterialList>;

export const EventMaterialResult = z.object({ material: EventMaterial });
export type EventMaterialResult = z.infer<typeof EventMaterialResult>;

/** `?name=` of an upload: the file's name (its extension must match the contents). */
export const MaterialUploadQuery = z.object({
  name: z
    .string({ error: "required" })
    .min(1, { error: "required" })
    .meta({ description: "The file's name, e.g. 資料.pdf (its extension must match the contents)" }),
});

export const UpdateEventMaterial = z
  .object({ public: flag(), name: requiredText(120) })
  .partial()
  .meta({ description: "A new name keeps the file's extension" });
export type UpdateEventMaterial = z.input<typeof UpdateEventMaterial>;

/* ───────────── questionnaires ───────────── */

const QL = QUESTIONNAIRE_LIMITS;

export const QuestionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9]{0,15}$/, { error: "format" }),
  type: oneOf(QUESTION_TYPES),
  text: requiredText(QL.questionText),
  options: z.array(requiredText(QL.optionText)).max(QL.options, { error: "tooLong" }),
  required: flag(),
  measure: oneOf(QUESTION_MEASURES).nullable(),
});

export const QuestionnaireBodySchema = z.object({
  title: requiredText(QL.title),
  intro: optionalText(QL.intro),
  questions: z.array(QuestionSchema).min(1, { error: "required" }).max(QL.questions, { error: "tooLong" }),
});

export const Questionnaire = z
  .object({
    eventId: Id,
    title: z.string(),
    intro: z.string(),
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.enum(QUESTION_TYPES),
        text: z.string(),
        options: z.array(z.string()),
        required: z.boolean(),
        measure: z.enum(QUESTION_MEASURES).nullable(),
      }),
    ),
    open: z.boolean().meta({ description: "Answers are accepted on the public link" }),
    publicPath: z.string().nullable().meta({ description: "/q/<public id>: the answering page (no login)" }),
    answers: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: "Questionnaire" });
export type Questionnaire = z.infer<typeof Questionnaire>;

export const QuestionnaireResult = z.object({ questionnaire: Questionnaire.nullable() });
export type QuestionnaireResult = z.infer<typeof QuestionnaireResult>;

export const SaveQuestionnaire = QuestionnaireBodySchema.extend({ open: flag().optional() });
export type SaveQuestionnaire = z.input<typeof SaveQuestionnaire>;

export const FromTemplate = z.object({ template: oneOf(QUESTIONNAIRE_TEMPLATE_IDS) });
export type FromTemplate = z.infer<typeof FromTemplate>;

/** Start from the questionnaire of another event of the workspace (e.g. last year's つむぐ会). */
export const CopyQuestionnaire = z.object({ fromEventId: Id });
export type CopyQuestionnaire = z.infer<typeof CopyQuestionnaire>;

export const QuestionnaireSources = z.object({
  events: z
    .array(
      z.object({
        eventId: Id,
        title: z.string(),
        startsAt: z.string(),
        questionnaireTitle: z.string(),
        questions: z.number().int(),
        answers: z.number().int(),
      }),
    )
    .meta({ description: "Events of the workspace with a questionnaire, newest first" }),
});
export type QuestionnaireSources = z.infer<typeof QuestionnaireSources>;

const Measures = z.object({
  satisfaction: z.number().nullable(),
  understanding: z.number().nullable(),
  understandingBefore: z.number().nullable(),
  acpTalkRate: z.number().nullable(),
  acpTalkAnswered: z.number().int(),
});

/** Where answers came from: sent from the answering link (a phone), or typed in from paper. */
export const ANSWER_SOURCES = ["phone", "paper"] as const;

export const QuestionnaireResults = z
  .object({
    source: z
      .enum(["all", ...ANSWER_SOURCES])
      .meta({ description: "The answers counted: all, or only those from phones or from paper" }),
    sources: z
      .object({ phone: z.number().int(), paper: z.number().int() })
      .meta({ description: "Answers by where they came from (all of them, whatever `source`)" }),
    answers: z.number().int(),
    questions: z.array(
      z.object({
        questionId: z.string(),
        type: z.enum(QUESTION_TYPES),
        text: z.string(),
        options: z.array(z.string()),
        answered: z.number().int(),
        counts: z.array(z.number().int()),
        mean: z.number().nullable(),
        texts: z.array(z.string()),
      }),
    ),
    measures: Measures,
    byProfession: z
      .array(
        z.object({
          profession: z.string(),
          answers: z.number().int(),
          satisfaction: z.number().nullable(),
          understanding: z.number().nullable(),
        }),
      )
      .meta({ description: "Answers by the answerer's 職種, when the questionnaire asks it" }),
  })
  .meta({ id: "QuestionnaireResults" });
export type QuestionnaireResults = z.infer<typeof QuestionnaireResults>;

export const QuestionnaireResultsAnswer = z.object({ results: QuestionnaireResults.nullable() });

/** `?source=` of the results and of the answers' CSV/xlsx. */
export const AnswerSourceQuery = z.object({
  source: oneOf(["all", ...ANSWER_SOURCES] as const)
    .optional()
    .meta({ description: "phone or paper: only those answers; all (or left out): every answer" }),
});
export type AnswerSourceQuery = z.infer<typeof AnswerSourceQuery>;
export type QuestionnaireResultsAnswer = z.infer<typeof QuestionnaireResultsAnswer>;

/** The answering page (no login): the questionnaire and the event it is about. */
export const PublicQuestionnaire = z
  .object({
    event: z.object({
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string().nullable(),
      place: z.string(),
      host: z.string().meta({ description: "The organising municipality" }),
    }),
    title: z.string(),
    intro: z.string(),
    questions: Questionnaire.shape.questions,
    open: z.boolean(),
    answered: z.boolean().meta({ description: "This browser has already answered" }),
  })
  .meta({ id: "PublicQuestionnaire" });
export type PublicQuestionnaire = z.infer<typeof PublicQuestionnaire>;

/** One answer sent from the answering page. */
export const AnswerQuestionnaire = z.object({
  answers: z.record(z.string(), z.unknown(), { error: "format" }),
  /** A field people do not see: a form that fills it is a program's. */
  website: z.string().max(200).optional(),
  /**
   * The registrant's token (from their own page's link), when the answer link was handed to
   * each participant: then each registration answers once, on whichever device.
   */
  registrant: z.string().max(100).optional(),
});
export type AnswerQuestionnaire = z.input<typeof AnswerQuestionnaire>;

export const AnswerReceived = z.object({ received: z.literal(true) });
export type AnswerReceived = z.infer<typeof AnswerReceived>;

/** An answer written on paper, typed in by an organiser. */
export const PaperAnswer = z.object({ answers: z.record(z.string(), z.unknown(), { error: "format" }) });
export type PaperAnswer = z.input<typeof PaperAnswer>;

export const PaperAnswerEntered = z.object({
  answers: z.number().int().meta({ description: "Answers now" }),
});
export type PaperAnswerEntered = z.infer<typeof PaperAnswerEntered>;

/* ───────────── series page ───────────── */

export const SeriesEventRow = z.object({
  id: Id,
  title: z.string(),
  startsAt: z.string(),
  fiscalYear: z.number().int(),
  status: z.enum(EVENT_STATUS_IDS),
  attended: z.number().int(),
  byProfession: z.array(ProfessionCount),
  answers: z.number().int(),
  measures: Measures.nullable(),
  satisfactionAnswered: z
    .number()
    .int()
    .meta({ description: "People who answered the satisfaction question" }),
  understandingAnswered: z.number().int(),
});

/** A 年度 of a series: what its held events add up to. */
export const SeriesYearRollup = z.object({
  fiscalYear: z.number().int(),
  held: z.number().int().meta({ description: "Events held that 年度" }),
  attended: z.number().int(),
  byProfession: z.array(ProfessionCount).meta({ description: "Participants of the held events by 職種" }),
  answers: z.number().int().meta({ description: "Questionnaire answers of the held events" }),
  satisfaction: z
    .number()
    .nullable()
    .meta({ description: "Mean satisfaction (5段階) pooled over those who answered it, held events" }),
  understanding: z.number().nullable(),
});
export type SeriesYearRollup = z.infer<typeof SeriesYearRollup>;

export const SeriesDetail = z.object({
  series: EventSeries,
  events: z.array(SeriesEventRow).meta({ description: "Oldest first" }),
  years: z.array(SeriesYearRollup).meta({ description: "Per 年度 with an event held, oldest first" }),
  trend: z.object({
    years: z.array(
      z.object({
        fiscalYear: z.number().int(),
        held: z.number().int(),
        attended: z.number().int(),
        perEvent: z.number().nullable(),
      }),
    ),
    change: z.number().nullable(),
    direction: z.enum(["falling", "rising", "steady"]).nullable(),
  }),
});
export type SeriesDetail = z.infer<typeof SeriesDetail>;

/* ───────────── 出前講座 requests ───────────── */

export const REQUEST_LIMITS = {
  groupName: 100,
  topic: 200,
  place: 200,
  message: 1000,
  note: 1000,
  wishedDates: 3,
  people: 10_000,
} as const;
const RL = REQUEST_LIMITS;

/** When in the day a group would like the lecture. */
export const WISHED_SLOTS = ["am", "pm", "evening", "any"] as const;
export type WishedSlot = (typeof WISHED_SLOTS)[number];

export const WishedDate = z.object({
  date: IsoDate.meta({ description: "A day the group would like (not in the past)" }),
  slot: oneOf(WISHED_SLOTS),
});
export type WishedDate = z.infer<typeof WishedDate>;

const people = z
  .number({ error: (issue) => (issue.input === undefined || issue.input === null ? "required" : "number") })
  .int({ error: "number" })
  .min(1, { error: "range" })
  .max(RL.people, { error: "range" });

export const EventRequest = z
  .object({
    id: Id,
    number: z.number().int().meta({ description: "受付番号 within the workspace (1, 2, 3 …)" }),
    groupName: z.string(),
    topic: z.string(),
    seriesId: Id.nullable().meta({ description: "The offered 出前講座 (a series) the topic names, if any" }),
    wishedDates: z.array(z.object({ date: z.string(), slot: z.enum(WISHED_SLOTS) })),
    people: z.number().int().nullable(),
    place: z.string(),
    contactName: z.string().meta({ description: "Sealed at rest; empty once erased" }),
    contact: z.string(),
    message: z.string(),
    status: z.enum(REQUEST_STATUS_IDS),
    nextStatuses: z
      .array(z.enum(REQUEST_STATUS_IDS))
      .meta({ description: "The steps it may take from here" }),
    note: z.string().meta({ description: "The desk's own note" }),
    event: z
      .object({ id: Id, title: z.string(), startsAt: z.string(), status: z.enum(EVENT_STATUS_IDS) })
      .nullable()
      .meta({ description: "The lecture made from this request" }),
    receivedAt: Timestamp,
    updatedAt: Timestamp,
    erased: z.boolean().meta({ description: "The contact was erased after the retention period" }),
    abilities: abilities(EVENT_REQUEST_VERBS, "What the caller may do with this request"),
  })
  .meta({ id: "EventRequest" });
export type EventRequest = z.infer<typeof EventRequest>;

export const EventRequestList = z.object({
  requests: z.array(EventRequest).meta({ description: "Newest first" }),
  formPath: z
    .string()
    .nullable()
    .meta({ description: "The public request form: /p/<lg code>/lecture-request" }),
  topics: z.array(z.object({ id: Id, name: z.string() })).meta({
    description: "The offered 出前講座: the workspace's series of kind 出前講座",
  }),
});
export type EventRequestList = z.infer<typeof EventRequestList>;

export const EventRequestResult = z.object({ request: EventRequest });
export type EventRequestResult = z.infer<typeof EventRequestResult>;

/** The public 出前講座 request form. */
export const RequestForm = z.object({
  groupName: requiredText(RL.groupName),
  topic: requiredText(RL.topic),
  wishedDates: z
    .array(WishedDate, { error: "required" })
    .min(1, { error: "required" })
    .max(RL.wishedDates, { error: "tooLong" }),
  people,
  place: optionalText(RL.place).default(""),
  contactName: requiredText(L.participantName),
  contact: requiredText(L.contactField).refine((v) => contactKind(v) !== null, { error: "contact" }),
  message: optionalText(RL.message).default(""),
  consent: z.literal(true, { error: "consent" }),
});
export type RequestForm = z.input<typeof RequestForm>;

/** The form as sent from the public page: its signed token and the field people never see. */
export const PublicRequest = RequestForm.extend({
  formToken: z.string({ error: "required" }).max(200, { error: "format" }),
  website: z.string().max(500).default(""),
});
export type PublicRequest = z.input<typeof PublicRequest>;

export const PublicRequestPage = z
  .object({
    municipality: PublicMunicipality,
    topics: z.array(z.object({ name: z.string(), description: z.string() })).meta({
      description: "The 出前講座 the municipality offers (a group may also write its own topic)",
    }),
    formToken: z.string(),
    retentionDays: z
      .number()
      .int()
      .meta({ description: "The contact is erased this many days after the lecture" }),
  })
  .meta({ id: "PublicRequestPage" });
export type PublicRequestPage = z.infer<typeof PublicRequestPage>;

export const RequestReceived = z.object({
  number: z.number().int().meta({ description: "受付番号, to quote when calling the desk" }),
  receivedAt: Timestamp,
});
export type RequestReceived = z.infer<typeof RequestReceived>;

export const UpdateEventRequest = z
  .object({ status: oneOf(REQUEST_STATUS_IDS), note: optionalText(RL.note) })
  .partial();
export type UpdateEventRequest = z.input<typeof UpdateEventRequest>;

/* ───────────── materials handed out (配布物) ───────────── */

export const Distribution = z
  .object({
    id: Id,
    fiscalYear: z.number().int(),
    kind: z.enum(MATERIAL_KIND_IDS),
    title: z.string(),
    quantity: z.number().int(),
    where: z.string().meta({ description: "配布先 (全戸配布, 公民館, 地域包括支援センター …)" }),
    distributedOn: z.string().meta({ description: "YYYY-MM-DD or YYYY-MM" }),
    eventId: Id.nullable(),
    eventTitle: z.string().nullable().meta({ description: "The linked event's title" }),
    note: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    abilities: abilities(DISTRIBUTION_VERBS, "What the caller may do with this record"),
  })
  .meta({ id: "Distribution" });
export type Distribution = z.infer<typeof Distribution>;

/** `?fiscalYear=` of the materials handed out. */
export const DistributionListQuery = z.object({
  fiscalYear: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseFiscalYear(v) !== null, { error: "format" })
    .meta({ description: "The 年度 (2025, R7, 令和7); this 年度 when left out" }),
});

export const DistributionList = z.object({
  fiscalYear: z.number().int(),
  distributions: z.array(Distribution).meta({ description: "By date, oldest first" }),
  totals: z.array(
    z.object({ kind: z.enum(MATERIAL_KIND_IDS), quantity: z.number().int(), entries: z.number().int() }),
  ),
});
export type DistributionList = z.infer<typeof DistributionList>;

export const DistributionResult = z.object({ distribution: Distribution });
export type DistributionResult = z.infer<typeof DistributionResult>;

export const SaveDistribution = z.object({
  kind: oneOf(MATERIAL_KIND_IDS),
  title: requiredText(100),
  quantity: z
    .number({ error: "number" })
    .int({ error: "number" })
    .min(1, { error: "range" })
    .max(10_000_000, { error: "range" }),
  where: requiredText(200),
  distributedOn: z
    .string({ error: "required" })
    .min(1, { error: "required" })
    .regex(/^\d{4}-\d{2}(-\d{2})?$/, { error: "format" })
    .refine(
      (v) => {
        const day = v.length === 7 ? `${v}-01` : v;
        const d = new Date(`${day}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(day);
      },
      { error: "format" },
    )
    .meta({ description: "The day (YYYY-MM-DD) or the month (YYYY-MM) it was handed out" }),
  eventId: Id.nullable().default(null),
  note: optionalText(500).default(""),
});
export type SaveDistribution = z.input<typeof SaveDistribution>;

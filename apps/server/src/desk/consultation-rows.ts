/**
 * Consultation cases and contacts as the desk's code holds them, and how their rows map to
 * them: the shapes every consultation repository returns (case-, contact-, name-index-,
 * statistics-, reseal-, retention-repository.ts). The identifying fields are stored only as
 * sealed text (`personal`, personal-data/vault.ts): no repository sees them in the clear.
 */
import type {
  AgeBand,
  CareLevel,
  ConsultationMethod,
  ConsultationResponse,
  ConsultationTopic,
  ConsulterType,
  FollowUpStatus,
  LivingSituation,
  MainCondition,
  Sex,
} from "@tsumugi/domain";
import type { Selectable } from "kysely";
import type { ConsultationCasesTable, ConsultationsTable } from "../storage/schema.js";

/** What cases and contacts alike keep beside their own fields. */
export interface SealedRecord {
  /** Sealed identifying fields; null once anonymised. */
  personal: string | null;
  keyId: string | null;
  demo: boolean;
  anonymisedAt: number | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CaseRecord extends SealedRecord {
  id: string;
  workspaceId: string;
  deskId: string;
  caseNo: number;
  ageBand: AgeBand;
  sex: Sex;
  careLevel: CareLevel;
  living: LivingSituation;
  condition: MainCondition;
  areaId: string | null;
  lastContactAt: string;
}

/** A case with the coordinators of its desk (what the policy decides on). */
export interface CaseWithStaff extends CaseRecord {
  deskStaffIds: string[];
}

export interface ContactRecord extends SealedRecord {
  id: string;
  workspaceId: string;
  caseId: string;
  seq: number;
  receivedAt: string;
  fiscalYear: number;
  month: number;
  method: ConsultationMethod;
  consulterType: ConsulterType;
  minutes: number | null;
  followUpDue: string | null;
  followUpStatus: FollowUpStatus;
  referralResourceId: string | null;
  referralOrganisation: string | null;
  staffUserId: string | null;
  topics: ConsultationTopic[];
  responses: ConsultationResponse[];
}

/** The coded fields of a case that lists show with each of its contacts. */
export type CaseCodes = Pick<
  CaseRecord,
  "caseNo" | "deskId" | "ageBand" | "sex" | "careLevel" | "living" | "condition" | "areaId"
>;

export function caseCodes(c: CaseRecord): CaseCodes {
  return {
    caseNo: c.caseNo,
    deskId: c.deskId,
    ageBand: c.ageBand,
    sex: c.sex,
    careLevel: c.careLevel,
    living: c.living,
    condition: c.condition,
    areaId: c.areaId,
  };
}

/** A contact with the coded fields of its case, as lists show it. */
export interface ContactRow extends ContactRecord, CaseCodes {}

/** A contact with its case and the case desk's coordinators (what the policy decides on). */
export interface ContactWithCase extends ContactRecord {
  case: CaseWithStaff;
}

type SealedRow = Pick<
  Selectable<ConsultationsTable>,
  "personal" | "key_id" | "demo" | "anonymised_at" | "created_by" | "created_at" | "updated_at"
>;

function sealedFields(r: SealedRow): SealedRecord {
  return {
    personal: r.personal,
    keyId: r.key_id,
    demo: r.demo === 1,
    anonymisedAt: r.anonymised_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The columns of a new case or contact that no change rewrites afterwards. */
export function origin(x: SealedRecord) {
  return {
    demo: x.demo ? 1 : 0,
    anonymised_at: x.anonymisedAt,
    created_by: x.createdBy,
    created_at: x.createdAt,
  };
}

type CaseRow = Selectable<ConsultationCasesTable>;

/** A case row's coded fields (also read with each contact of a list). */
export function caseCodesOf(
  r: Pick<
    CaseRow,
    "case_no" | "desk_id" | "age_band" | "sex" | "care_level" | "living" | "main_condition" | "area_id"
  >,
): CaseCodes {
  return {
    caseNo: r.case_no,
    deskId: r.desk_id,
    ageBand: r.age_band as AgeBand,
    sex: r.sex as Sex,
    careLevel: r.care_level as CareLevel,
    living: r.living as LivingSituation,
    condition: r.main_condition as MainCondition,
    areaId: r.area_id,
  };
}

export function toCase(r: CaseRow): CaseRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    ...caseCodesOf(r),
    lastContactAt: r.last_contact_at,
    ...sealedFields(r),
  };
}

type ContactDbRow = Selectable<ConsultationsTable>;

export function toContact(r: ContactDbRow, codes: Codes): ContactRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    caseId: r.case_id,
    seq: r.seq,
    receivedAt: r.received_at,
    fiscalYear: r.fiscal_year,
    month: r.month,
    method: r.method as ConsultationMethod,
    consulterType: r.consulter_type as ConsulterType,
    minutes: r.minutes,
    followUpDue: r.follow_up_due,
    followUpStatus: r.follow_up_status as FollowUpStatus,
    referralResourceId: r.referral_resource_id,
    referralOrganisation: r.referral_organisation,
    staffUserId: r.staff_user_id,
    ...sealedFields(r),
    topics: (codes.topics.get(r.id) ?? []) as ConsultationTopic[],
    responses: (codes.responses.get(r.id) ?? []) as ConsultationResponse[],
  };
}

export interface Codes {
  topics: Map<string, string[]>;
  responses: Map<string, string[]>;
}

/**
 * Consultations as the API answers them (contract: ConsultationSummary, Consultation,
 * ConsultationCase, CaseSummary). Summaries carry coded fields only; the identifying fields
 * are presented only from an opened case (consultation-reads.ts `readCase`).
 */
import type {
  CaseSummary,
  Consultation,
  ConsultationCase,
  ConsultationSummary,
  ResourceRef,
} from "@tsumugi/contract";
import { type Actor, abilitiesOf, type ConsultationResource } from "@tsumugi/domain";
import type { OpenedCase } from "./consultation-reads.js";
import { type ContactRecord, type ContactRow, caseCodes } from "./consultation-rows.js";
import type { CaseSummaryRow } from "./name-index-repository.js";
import { type ContactPersonal, EMPTY_CONSULTER } from "./personal-fields.js";

/** A case (or a contact, through its case) as the policy sees it. */
export function consultationResource(kase: {
  deskStaffIds: readonly string[];
  anonymisedAt: number | null;
}): ConsultationResource {
  return { kind: "consultation", deskStaffIds: kase.deskStaffIds, anonymised: kase.anonymisedAt !== null };
}

export function presentSummary(row: ContactRow): ConsultationSummary {
  return {
    id: row.id,
    caseId: row.caseId,
    caseNo: row.caseNo,
    seq: row.seq,
    deskId: row.deskId,
    receivedAt: row.receivedAt,
    method: row.method,
    consulterType: row.consulterType,
    topics: row.topics,
    responses: row.responses,
    minutes: row.minutes,
    followUpDue: row.followUpDue,
    followUpStatus: row.followUpStatus,
    staffUserId: row.staffUserId,
    ageBand: row.ageBand,
    sex: row.sex,
    areaId: row.areaId,
    anonymised: row.anonymisedAt !== null,
    demo: row.demo,
  };
}

export function presentContact(
  actor: Actor,
  kase: OpenedCase["kase"],
  contact: ContactRecord,
  personal: ContactPersonal | null,
  referrals: ReadonlyMap<string, ResourceRef> = new Map(),
): Consultation {
  return {
    ...presentSummary({ ...contact, ...caseCodes(kase) }),
    consulter: personal?.consulter ?? EMPTY_CONSULTER,
    content: personal?.content ?? "",
    responseDetail: personal?.responseDetail ?? "",
    referralOrganisation: contact.referralOrganisation ?? "",
    referralResourceId: contact.referralResourceId,
    referralResource: contact.referralResourceId ? (referrals.get(contact.referralResourceId) ?? null) : null,
    abilities: abilitiesOf(actor, consultationResource(kase)),
  };
}

/**
 * `referrals`: the directory entries the contacts refer to, by id (consultation-routes.ts
 * `referralsOf`).
 */
export function presentCase(
  actor: Actor,
  opened: OpenedCase,
  referrals: ReadonlyMap<string, ResourceRef> = new Map(),
): ConsultationCase {
  const { kase } = opened;
  return {
    id: kase.id,
    ...caseCodes(kase),
    person: opened.person,
    lastContactAt: kase.lastContactAt,
    anonymised: kase.anonymisedAt !== null,
    demo: kase.demo,
    contacts: opened.contacts.map((c) => presentContact(actor, kase, c.contact, c.personal, referrals)),
    abilities: abilitiesOf(actor, consultationResource(kase)),
  };
}

export function presentCaseSummary(row: CaseSummaryRow): CaseSummary {
  return { ...row };
}

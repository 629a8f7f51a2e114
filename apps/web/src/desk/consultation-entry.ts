/**
 * The quick entry form's data: the coded fields (kept as the device's draft) and the texts
 * (never kept), their defaults from the desk, the checks made before sending, the request, and
 * the server's field names as the form's.
 */
import type { Desk, ResourceRef } from "@tsumugi/contract";
import { japanNow, receivedAtProblem } from "@tsumugi/domain";
import type { DeskApi } from "./desk-api";

export interface Coded {
  deskId: string;
  receivedAt: string;
  method: string;
  consulterType: string;
  topics: string[];
  responses: string[];
  ageBand: string;
  sex: string;
  careLevel: string;
  living: string;
  condition: string;
  areaId: string;
  minutes: string;
  followUpDue: string;
  followUpStatus: string;
}

export interface Texts {
  consulterName: string;
  consulterOrganisation: string;
  consulterContact: string;
  personName: string;
  personKana: string;
  personContact: string;
  personAddress: string;
  personBirthDate: string;
  personNotes: string;
  content: string;
  responseDetail: string;
  referral: string;
}

export const EMPTY_TEXTS: Texts = {
  consulterName: "",
  consulterOrganisation: "",
  consulterContact: "",
  personName: "",
  personKana: "",
  personContact: "",
  personAddress: "",
  personBirthDate: "",
  personNotes: "",
  content: "",
  responseDetail: "",
  referral: "",
};

export function defaultsOf(desk: Desk | undefined): Coded {
  return {
    deskId: desk?.id ?? "",
    receivedAt: japanNow(),
    method: desk?.defaultMethod ?? "phone",
    consulterType: "family",
    topics: [],
    responses: [],
    ageBand: "unknown",
    sex: "unknown",
    careLevel: "unknown",
    living: "unknown",
    condition: "unknown",
    areaId: desk?.defaultAreaId ?? "",
    minutes: "",
    followUpDue: "",
    followUpStatus: "none",
  };
}

/** Server field names (case.person.name …) as this form's. */
export const SERVER_FIELD: Record<string, string> = {
  "case.deskId": "deskId",
  "case.areaId": "areaId",
  "case.ageBand": "ageBand",
  "case.sex": "sex",
  "case.careLevel": "careLevel",
  "case.living": "living",
  "case.condition": "condition",
  "case.person.name": "personName",
  "case.person.kana": "personKana",
  "case.person.contact": "personContact",
  "case.person.address": "personAddress",
  "case.person.birthDate": "personBirthDate",
  "case.person.notes": "personNotes",
  "consulter.name": "consulterName",
  "consulter.organisation": "consulterOrganisation",
  "consulter.contact": "consulterContact",
  referralOrganisation: "referral",
};

/** What is wrong with the entry before it is sent (field → problem code); empty when nothing. */
export function entryProblems(coded: Coded, texts: Texts, laterContact: boolean): Record<string, string> {
  const e: Record<string, string> = {};
  const when = receivedAtProblem(coded.receivedAt);
  if (when) e.receivedAt = when;
  if (!texts.content.trim()) e.content = "required";
  if (coded.topics.length === 0) e.topics = "required";
  if (coded.responses.length === 0) e.responses = "required";
  if (!laterContact && !coded.deskId) e.deskId = "required";
  if (coded.followUpStatus === "open" && !coded.followUpDue) e.followUpDue = "required";
  if (coded.minutes !== "" && !/^\d{1,3}$/.test(coded.minutes)) e.minutes = "format";
  return e;
}

/** The request: a contact of the case `caseId`, or a new case with its first contact. */
export function entryBody(
  coded: Coded,
  texts: Texts,
  referral: ResourceRef | null,
  caseId: string | undefined,
): Parameters<DeskApi["create"]>[0] {
  const contact = {
    receivedAt: coded.receivedAt,
    method: coded.method,
    consulterType: coded.consulterType,
    consulter: {
      name: texts.consulterName,
      organisation: texts.consulterOrganisation,
      contact: texts.consulterContact,
    },
    topics: coded.topics,
    content: texts.content,
    responses: coded.responses,
    responseDetail: texts.responseDetail,
    referralOrganisation: texts.referral,
    referralResourceId: referral?.id ?? null,
    minutes: coded.minutes === "" ? null : Number(coded.minutes),
    followUpDue: coded.followUpDue || null,
    followUpStatus: coded.followUpStatus,
  };
  const body = caseId
    ? { ...contact, caseId }
    : {
        ...contact,
        case: {
          deskId: coded.deskId,
          ageBand: coded.ageBand,
          sex: coded.sex,
          careLevel: coded.careLevel,
          living: coded.living,
          condition: coded.condition,
          areaId: coded.areaId || null,
          person: {
            name: texts.personName,
            kana: texts.personKana,
            contact: texts.personContact,
            address: texts.personAddress,
            birthDate: texts.personBirthDate,
            notes: texts.personNotes,
          },
        },
      };
  return body as Parameters<DeskApi["create"]>[0];
}

/** Full-width digits (typed with a Japanese IME on) as ASCII ones. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * Consultation contacts: recording one (of a new case or an existing one) and changing one.
 * Identifying fields are sealed before they reach a repository and opened only here; no audit
 * entry or log line carries them. A case's own fields are changed in case-commands.ts, a case
 * is opened and searched in consultation-reads.ts.
 *
 * The routes have loaded the case (or the desk of a new one) and let the policy decide; a
 * change is then made only on the rows as they were decided on (consultation-checks.ts).
 */
import type { CreateConsultation, UpdateConsultation } from "@tsumugi/contract";
import { fiscalYearAndMonth, newId } from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { invalid } from "../http/errors.js";
import { isUniqueViolation } from "../storage/query-builder.js";
import * as caseRepo from "./case-repository.js";
import {
  asAuthorized,
  checkArea,
  checkReferral,
  contactNotFound,
  deskAsAuthorized,
} from "./consultation-checks.js";
import {
  type CaseRecord,
  type CaseWithStaff,
  type ContactRecord,
  type ContactRow,
  type ContactWithCase,
  caseCodes,
} from "./consultation-rows.js";
import * as contactRepo from "./contact-repository.js";
import type { DeskWithStaff } from "./desk-repository.js";
import * as nameIndex from "./name-index-repository.js";
import {
  type ContactPersonal,
  EMPTY_CONSULTER,
  nameIndexOf,
  openContact,
  sealContact,
  sealPerson,
} from "./personal-fields.js";

/** Retries a transaction that lost a race for a number (case_no, seq) on PostgreSQL. */
async function withNumberRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= 3 || !isUniqueViolation(err)) throw err;
    }
  }
}

export interface Recorded {
  contact: ContactRow;
  newCase: boolean;
}

/**
 * Where a new contact goes: the case it is of (`caseId`; the route has authorized `update` on
 * it) or the desk of the case it opens (`case`; `writeRecords` on the desk).
 */
export type ContactPlace =
  | { kase: CaseWithStaff; desk?: undefined }
  | { desk: DeskWithStaff; kase?: undefined };

/** Records a contact: of an existing case (`caseId`), or opening a new case (`case`). */
export async function createConsultation(
  app: AppContext,
  caller: Caller,
  place: ContactPlace,
  input: CreateConsultation,
): Promise<Recorded> {
  const wid = caller.workspaceId;
  const vault = app.personalData;
  await checkReferral(app.kysely, wid, input.referralResourceId);
  const { fiscalYear, month } = fiscalYearAndMonth(input.receivedAt);
  const recorded = await withNumberRetry(() =>
    app.kysely.transaction().execute(async (trx) => {
      const now = Date.now();
      let kase: CaseRecord;
      let newCase = false;
      if (place.kase) {
        const found = await caseRepo.findCase(trx, wid, place.kase.id);
        kase = asAuthorized(place.kase, found, () => invalid({ caseId: "unknown" }));
      } else {
        const c = input.case;
        if (!c) throw invalid({ caseId: "required" });
        const desk = await deskAsAuthorized(trx, place.desk, () => invalid({ "case.deskId": "unknown" }));
        await checkArea(trx, wid, c.areaId, "case.areaId");
        const id = newId();
        const sealed = sealPerson(vault, id, c.person);
        kase = {
          id,
          workspaceId: wid,
          deskId: desk.id,
          caseNo: await caseRepo.nextCaseNo(trx, wid),
          ageBand: c.ageBand,
          sex: c.sex,
          careLevel: c.careLevel,
          living: c.living,
          condition: c.condition,
          areaId: c.areaId,
          personal: sealed.text,
          keyId: sealed.keyId,
          lastContactAt: input.receivedAt,
          demo: false,
          anonymisedAt: null,
          createdBy: caller.actor.userId,
          createdAt: now,
          updatedAt: now,
        };
        await caseRepo.insertCase(trx, kase);
        await nameIndex.setNameIndex(trx, id, nameIndexOf(vault, c.person));
        newCase = true;
      }
      const id = newId();
      const sealed = sealContact(vault, id, {
        consulter: { ...EMPTY_CONSULTER, ...input.consulter },
        content: input.content,
        responseDetail: input.responseDetail,
      });
      const contact: ContactRecord = {
        id,
        workspaceId: wid,
        caseId: kase.id,
        seq: await contactRepo.nextSeq(trx, kase.id),
        receivedAt: input.receivedAt,
        fiscalYear,
        month,
        method: input.method,
        consulterType: input.consulterType,
        minutes: input.minutes,
        followUpDue: input.followUpDue || null,
        followUpStatus: input.followUpStatus,
        referralResourceId: input.referralResourceId,
        referralOrganisation: input.referralOrganisation || null,
        personal: sealed.text,
        keyId: sealed.keyId,
        staffUserId: caller.actor.userId,
        demo: false,
        anonymisedAt: null,
        createdBy: caller.actor.userId,
        createdAt: now,
        updatedAt: now,
        topics: input.topics,
        responses: input.responses,
      };
      await contactRepo.insertContact(trx, contact);
      await caseRepo.refreshLastContact(trx, kase.id);
      const row: ContactRow = { ...contact, ...caseCodes(kase) };
      return { contact: row, newCase };
    }),
  );
  await app.audit.byCaller(caller, "consultation.created", recorded.contact.caseId, {
    consultationId: recorded.contact.id,
    seq: recorded.contact.seq,
    newCase: recorded.newCase,
    deskId: recorded.contact.deskId,
  });
  return recorded;
}

/** Names of the fields an update sets (for the audit entry: which fields, never their values). */
export function fieldsOf(input: object): string[] {
  return Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

/** Changes a contact (the route has authorized `update` on its case). */
export async function updateConsultation(
  app: AppContext,
  caller: Caller,
  contact: ContactWithCase,
  input: UpdateConsultation,
): Promise<ContactWithCase> {
  const wid = caller.workspaceId;
  const vault = app.personalData;
  await checkReferral(app.kysely, wid, input.referralResourceId);
  const updated = await app.kysely.transaction().execute(async (trx) => {
    const current = await contactRepo.findContact(trx, wid, contact.id);
    if (!current) throw contactNotFound();
    asAuthorized(contact.case, current.case, contactNotFound);
    const personal = openContact(vault, current.id, current.personal) as ContactPersonal;
    const nextPersonal: ContactPersonal = {
      consulter: { ...personal.consulter, ...input.consulter },
      content: input.content ?? personal.content,
      responseDetail: input.responseDetail ?? personal.responseDetail,
    };
    const sealed = sealContact(vault, current.id, nextPersonal);
    const receivedAt = input.receivedAt ?? current.receivedAt;
    const followUpStatus = input.followUpStatus ?? current.followUpStatus;
    const followUpDue = input.followUpDue === undefined ? current.followUpDue : input.followUpDue || null;
    if (followUpStatus === "open" && !followUpDue) throw invalid({ followUpDue: "required" });
    const next: ContactWithCase = {
      ...current,
      receivedAt,
      ...fiscalYearAndMonth(receivedAt),
      method: input.method ?? current.method,
      consulterType: input.consulterType ?? current.consulterType,
      minutes: input.minutes === undefined ? current.minutes : input.minutes,
      followUpDue,
      followUpStatus,
      referralOrganisation:
        input.referralOrganisation === undefined
          ? current.referralOrganisation
          : input.referralOrganisation || null,
      referralResourceId:
        input.referralResourceId === undefined ? current.referralResourceId : input.referralResourceId,
      topics: input.topics ?? current.topics,
      responses: input.responses ?? current.responses,
      personal: sealed.text,
      keyId: sealed.keyId,
      updatedAt: Date.now(),
    };
    await contactRepo.updateContact(trx, next);
    await caseRepo.refreshLastContact(trx, current.caseId);
    return next;
  });
  await app.audit.byCaller(caller, "consultation.updated", updated.caseId, {
    consultationId: updated.id,
    seq: updated.seq,
    fields: fieldsOf(input),
  });
  return updated;
}

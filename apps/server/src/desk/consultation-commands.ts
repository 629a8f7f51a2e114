/**
 * Consultation cases and contacts: recording a contact (of a new case or an existing one),
 * changing a contact or a case, reading a case with its identifying fields (logged), and the
 * exact-name search (logged). Identifying fields are sealed before they reach a repository
 * and opened only here; no audit entry or log line carries them.
 *
 * The routes have loaded the case (or the desk of a new one) and let the policy decide; a
 * change is then made only on the rows as they were decided on (see `asAuthorized`).
 */
import type { CreateConsultation, Person, UpdateCase, UpdateConsultation } from "@tsumugi/contract";
import { fiscalYearAndMonth, newId } from "@tsumugi/domain";
import { areaExists } from "../areas/area-repository.js";
import type { AppContext, Caller } from "../context.js";
import { ApiError, invalid } from "../http/errors.js";
import { findResource } from "../resources/resource-repository.js";
import { isUniqueViolation, type QueryBuilder } from "../storage/query-builder.js";
import * as caseRepo from "./case-repository.js";
import {
  type CaseRecord,
  type CaseWithStaff,
  type ContactRecord,
  type ContactRow,
  type ContactWithCase,
  caseCodes,
} from "./consultation-rows.js";
import * as contactRepo from "./contact-repository.js";
import { type DeskWithStaff, findDesk } from "./desk-repository.js";
import * as nameIndex from "./name-index-repository.js";
import {
  type ContactPersonal,
  EMPTY_CONSULTER,
  nameIndexOf,
  openContact,
  openPerson,
  sealContact,
  sealPerson,
} from "./personal-fields.js";

export const caseNotFound = () =>
  new ApiError(404, "consultation.caseNotFound", "相談記録が見つかりません。");
export const contactNotFound = () => new ApiError(404, "consultation.notFound", "相談記録が見つかりません。");
export const anonymised = () =>
  new ApiError(409, "consultation.anonymised", "保存期間を過ぎて匿名化された相談記録は変更できません。");
export const recordChanged = () =>
  new ApiError(
    409,
    "consultation.changed",
    "この相談記録は他の人が先に変更しました。画面を読み込み直してください。",
  );

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The case is kept by the same desk and coordinators as when it was loaded (what the policy decided on). */
export function sameKeepers(loaded: CaseWithStaff, current: CaseWithStaff): boolean {
  return current.deskId === loaded.deskId && sameIds(current.deskStaffIds, loaded.deskStaffIds);
}

/**
 * The case as read inside the change's transaction, if it is still as the route authorized
 * the change on it: there (else `gone`), not anonymised since (409 `anonymised`), and kept by
 * the same desk and coordinators (else 409 `changed`).
 */
function asAuthorized(
  loaded: CaseWithStaff,
  current: CaseWithStaff | undefined,
  gone: () => ApiError,
): CaseWithStaff {
  if (!current) throw gone();
  if (current.anonymisedAt !== null) throw anonymised();
  if (!sameKeepers(loaded, current)) throw recordChanged();
  return current;
}

/** The desk as read inside the transaction, if it is still as the route authorized it. */
async function deskAsAuthorized(
  q: QueryBuilder,
  loaded: DeskWithStaff,
  gone: () => ApiError,
): Promise<DeskWithStaff> {
  const current = await findDesk(q, loaded.workspaceId, loaded.id);
  if (!current) throw gone();
  if (!sameIds(current.staffIds, loaded.staffIds)) throw recordChanged();
  return current;
}

/** A referral names an entry of this municipality's resource directory (or none). */
async function checkReferral(
  q: QueryBuilder,
  workspaceId: string,
  referralResourceId: string | null | undefined,
) {
  if (referralResourceId === undefined || referralResourceId === null) return;
  if (!(await findResource(q, workspaceId, referralResourceId)))
    throw invalid({ referralResourceId: "unknown" });
}

async function checkArea(q: QueryBuilder, workspaceId: string, areaId: string | null, field: string) {
  if (areaId !== null && !(await areaExists(q, workspaceId, areaId))) throw invalid({ [field]: "unknown" });
}

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
  await app.audit.record({
    event: "consultation.created",
    workspaceId: wid,
    actorUserId: caller.actor.userId,
    target: recorded.contact.caseId,
    ip: caller.ip,
    detail: {
      consultationId: recorded.contact.id,
      seq: recorded.contact.seq,
      newCase: recorded.newCase,
      deskId: recorded.contact.deskId,
    },
  });
  return recorded;
}

/** Names of the fields an update sets (for the audit entry: which fields, never their values). */
function fieldsOf(input: object): string[] {
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
  await app.audit.record({
    event: "consultation.updated",
    workspaceId: wid,
    actorUserId: caller.actor.userId,
    target: updated.caseId,
    ip: caller.ip,
    detail: { consultationId: updated.id, seq: updated.seq, fields: fieldsOf(input) },
  });
  return updated;
}

/**
 * Changes a case; `desk` is the desk it is to be at (its own, or another one it moves to). The
 * route has authorized `update` on the case and `writeRecords` on that desk.
 */
export async function updateCase(
  app: AppContext,
  caller: Caller,
  kase: CaseWithStaff,
  desk: DeskWithStaff,
  input: UpdateCase,
): Promise<CaseWithStaff> {
  const wid = caller.workspaceId;
  const vault = app.personalData;
  const updated = await app.kysely.transaction().execute(async (trx) => {
    const current = asAuthorized(kase, await caseRepo.findCase(trx, wid, kase.id), caseNotFound);
    let deskStaffIds = current.deskStaffIds;
    if (desk.id !== current.deskId) {
      const to = await deskAsAuthorized(trx, desk, () => invalid({ deskId: "unknown" }));
      deskStaffIds = to.staffIds;
    }
    if (input.areaId !== undefined) await checkArea(trx, wid, input.areaId, "areaId");
    let personal = current.personal;
    let keyId = current.keyId;
    if (input.person !== undefined) {
      const person: Person = {
        ...(openPerson(vault, current.id, current.personal) as Person),
        ...input.person,
      };
      const sealed = sealPerson(vault, current.id, person);
      personal = sealed.text;
      keyId = sealed.keyId;
      await nameIndex.setNameIndex(trx, current.id, nameIndexOf(vault, person));
    }
    const next: CaseWithStaff = {
      ...current,
      deskId: desk.id,
      ageBand: input.ageBand ?? current.ageBand,
      sex: input.sex ?? current.sex,
      careLevel: input.careLevel ?? current.careLevel,
      living: input.living ?? current.living,
      condition: input.condition ?? current.condition,
      areaId: input.areaId === undefined ? current.areaId : input.areaId,
      personal,
      keyId,
      updatedAt: Date.now(),
      deskStaffIds,
    };
    await caseRepo.updateCase(trx, next);
    return next;
  });
  await app.audit.record({
    event: "consultation.case_updated",
    workspaceId: wid,
    actorUserId: caller.actor.userId,
    target: updated.id,
    ip: caller.ip,
    detail: {
      fields: [
        ...fieldsOf({ ...input, person: undefined }),
        ...(input.person ? fieldsOf(input.person).map((f) => `person.${f}`) : []),
      ],
    },
  });
  return updated;
}

export interface OpenedCase {
  kase: CaseWithStaff;
  person: Person | null;
  contacts: { contact: ContactRecord; personal: ContactPersonal | null }[];
}

/**
 * A case with its identifying fields, opened for `caller`. The read is in the access log
 * before anything is answered: if the log cannot be written, nothing is shown.
 */
export async function readCase(app: AppContext, caller: Caller, kase: CaseWithStaff): Promise<OpenedCase> {
  const contacts = await contactRepo.contactsOfCase(app.kysely, kase.id);
  await app.audit.recordRead({
    actor: { userId: caller.actor.userId, workspaceId: caller.workspaceId },
    kind: "consultationCase",
    id: kase.id,
    ip: caller.ip,
  });
  const vault = app.personalData;
  return {
    kase,
    person: openPerson(vault, kase.id, kase.personal),
    contacts: contacts.map((contact) => ({
      contact,
      personal: openContact(vault, contact.id, contact.personal),
    })),
  };
}

/**
 * The exact-name search: cases of the caller's desks whose name or kana is `name` (compared
 * without spaces, width or case). Logged with the number of cases found, never the name.
 */
export async function searchCases(
  app: AppContext,
  caller: Caller,
  name: string,
  deskIds: readonly string[],
): Promise<nameIndex.CaseSummaryRow[]> {
  const found = await nameIndex.casesByNameHash(
    app.kysely,
    caller.workspaceId,
    deskIds,
    app.personalData.searchHashes(name),
  );
  await app.audit.record({
    event: "consultation.searched",
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    ip: caller.ip,
    detail: { by: "exactName", hits: found.length, caseIds: found.map((c) => c.id) },
  });
  return found;
}

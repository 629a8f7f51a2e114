/**
 * Reading the desk's records with their identifying fields: a case opened (logged before it is
 * shown) and the exact-name search (logged with what it found, never the name).
 */
import type { Person } from "@tsumugi/contract";
import type { AppContext, Caller } from "../context.js";
import type { CaseWithStaff, ContactRecord } from "./consultation-rows.js";
import * as contactRepo from "./contact-repository.js";
import * as nameIndex from "./name-index-repository.js";
import { type ContactPersonal, openContact, openPerson } from "./personal-fields.js";

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
  await app.audit.byCaller(caller, "consultation.searched", null, {
    by: "exactName",
    hits: found.length,
    caseIds: found.map((c) => c.id),
  });
  return found;
}

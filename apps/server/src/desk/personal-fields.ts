/**
 * The identifying fields of cases and contacts, sealed and opened with the personal data
 * vault. The additional data names the table and row, so a sealed text only opens on its row.
 */
import type { Consulter, Person } from "@tsumugi/contract";
import type { PersonalDataVault, Sealed } from "../personal-data/vault.js";

/** What a contact keeps sealed: who consulted and what was said and done, as written. */
export interface ContactPersonal {
  consulter: Consulter;
  content: string;
  responseDetail: string;
}

export const EMPTY_PERSON: Person = {
  name: "",
  kana: "",
  contact: "",
  address: "",
  birthDate: "",
  notes: "",
};
export const EMPTY_CONSULTER: Consulter = { name: "", organisation: "", contact: "" };

const caseAad = (id: string) => `consultation_cases:${id}`;
const contactAad = (id: string) => `consultations:${id}`;

export function sealPerson(vault: PersonalDataVault, caseId: string, person: Person): Sealed {
  return vault.seal(person, caseAad(caseId));
}

export function openPerson(vault: PersonalDataVault, caseId: string, sealed: string | null): Person | null {
  if (sealed === null) return null;
  return { ...EMPTY_PERSON, ...vault.open<Partial<Person>>(sealed, caseAad(caseId)) };
}

export function sealContact(vault: PersonalDataVault, contactId: string, personal: ContactPersonal): Sealed {
  return vault.seal(personal, contactAad(contactId));
}

export function openContact(
  vault: PersonalDataVault,
  contactId: string,
  sealed: string | null,
): ContactPersonal | null {
  if (sealed === null) return null;
  const p = vault.open<Partial<ContactPersonal>>(sealed, contactAad(contactId));
  return {
    consulter: { ...EMPTY_CONSULTER, ...p.consulter },
    content: p.content ?? "",
    responseDetail: p.responseDetail ?? "",
  };
}

/** The name index entries of a person: their name and kana, under the current key. */
export function nameIndexOf(vault: PersonalDataVault, person: Person): { hash: string; keyId: string }[] {
  return [person.name, person.kana]
    .map((n) => vault.nameHash(n))
    .filter((h): h is { hash: string; keyId: string } => h !== null);
}

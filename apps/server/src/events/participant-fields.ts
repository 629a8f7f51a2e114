/**
 * A participant's name, contact and note, sealed with the personal data vault (the desk's
 * AES-256-GCM, additional data naming the row), and the keyed hash that recognises the same
 * person registering twice for an event without keeping their name in clear.
 */
import { normaliseContact, normalisePersonName } from "@tsumugi/domain";
import type { PersonalDataVault, Sealed } from "../personal-data/vault.js";

export interface ParticipantPersonal {
  name: string;
  contact: string;
  note: string;
}

const aad = (participantId: string) => `event_participants:${participantId}`;

export function sealParticipant(
  vault: PersonalDataVault,
  participantId: string,
  personal: ParticipantPersonal,
): Sealed {
  return vault.seal(personal, aad(participantId));
}

export function openParticipant(
  vault: PersonalDataVault,
  participantId: string,
  sealed: string | null,
): ParticipantPersonal | null {
  if (sealed === null) return null;
  const p = vault.open<Partial<ParticipantPersonal>>(sealed, aad(participantId));
  return { name: p.name ?? "", contact: p.contact ?? "", note: p.note ?? "" };
}

const dedupeText = (eventId: string, name: string, contact: string) =>
  `${eventId}|${normalisePersonName(name)}|${normaliseContact(contact)}`;

/** The hash stored with a new registration (current key). */
export function dedupeHash(vault: PersonalDataVault, eventId: string, name: string, contact: string): string {
  return (vault.nameHash(dedupeText(eventId, name, contact)) as { hash: string }).hash;
}

/** The hashes an earlier registration of the same person may carry: one per key held. */
export function dedupeHashes(
  vault: PersonalDataVault,
  eventId: string,
  name: string,
  contact: string,
): string[] {
  return vault.searchHashes(dedupeText(eventId, name, contact));
}

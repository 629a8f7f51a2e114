/**
 * The quick entry form's draft, kept on this device while a call goes on: ONLY the coded,
 * non-identifying fields (desk, date and time, method, consulter type, topics, responses, age
 * band, 要介護度 …). Names, kana, contacts, addresses, birth dates and every free text stay in
 * the page's memory and are never written to the device. Drafts are removed when the record is
 * saved and on logout (auth/session.tsx).
 */
const PREFIX = "tsumugi:desk-draft:";

/** The fields a draft may hold; anything else is dropped before writing. */
export const DRAFT_FIELDS = [
  "deskId",
  "receivedAt",
  "method",
  "consulterType",
  "topics",
  "responses",
  "ageBand",
  "sex",
  "careLevel",
  "living",
  "condition",
  "areaId",
  "minutes",
  "followUpDue",
  "followUpStatus",
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];
export type Draft = Partial<Record<DraftField, string | string[]>>;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function saveDraft(wid: string, values: Record<string, unknown>): void {
  const kept: Draft = {};
  for (const f of DRAFT_FIELDS) {
    const v = values[f];
    if (typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"))) kept[f] = v;
  }
  storage()?.setItem(PREFIX + wid, JSON.stringify(kept));
}

export function loadDraft(wid: string): Draft | null {
  const text = storage()?.getItem(PREFIX + wid);
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const kept: Draft = {};
    for (const f of DRAFT_FIELDS) {
      const v = parsed[f];
      if (typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"))) kept[f] = v;
    }
    return kept;
  } catch {
    return null;
  }
}

export function clearDraft(wid: string): void {
  storage()?.removeItem(PREFIX + wid);
}

/** Every desk draft of this device (logout). */
export function clearDeskDrafts(): void {
  const s = storage();
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(PREFIX)) keys.push(k);
  }
  for (const k of keys) s.removeItem(k);
}

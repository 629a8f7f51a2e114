/**
 * Structure indicators (ストラクチャー指標) the directory counts: the entries open today, for
 * the current 年度. Earlier years keep the figures entered or imported, and a workspace whose
 * directory is empty keeps entering these by hand.
 */
import type { ResourceKind, ServiceTag } from "./vocabulary.js";

/** What the count needs of an entry. */
export interface CountedEntry {
  kind: ResourceKind;
  services: readonly ServiceTag[];
  homeCareSupport: boolean;
}

/** Starter catalogue codes (catalogue.ts) and which entries each counts. */
export const DIRECTORY_COUNTS: Readonly<Record<string, (e: CountedEntry) => boolean>> = {
  // 在宅療養支援診療所数・病院数
  S01: (e) => (e.kind === "clinic" || e.kind === "hospital") && e.homeCareSupport,
  // 訪問薬剤管理指導を行う薬局数
  S03: (e) => e.kind === "pharmacy" && e.services.includes("pharmacistVisits"),
  // 訪問看護ステーション数
  S04: (e) => e.kind === "visitingNursing",
  // 居宅介護支援事業所数
  S05: (e) => e.kind === "careManagement",
};

/** The count per indicator code, or nothing when the directory holds no entry. */
export function directoryCounts(entries: readonly CountedEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  if (entries.length === 0) return out;
  for (const [code, counts] of Object.entries(DIRECTORY_COUNTS)) out.set(code, entries.filter(counts).length);
  return out;
}

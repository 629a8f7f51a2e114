/**
 * The plan document's schema over time. A document records the version it was written
 * with (`meta.schemaVersion`); `migratePlanDoc` brings an older one up to date, step by
 * step, inside one transaction, so the change syncs to everyone like any edit. Steps must
 * be idempotent: two clients may run the same step at once and their edits merge.
 *
 * A client meeting a document newer than it knows must not edit it (it could drop fields
 * it does not understand): `planCompatibility` tells it to open the plan read-only.
 */
import type * as Y from "yjs";
import { readRows, rowText, setRowField } from "./plan-doc.js";
import { PLAN_SCHEMA_VERSION } from "./plan-schema.js";
import { FUNDING_SOURCES } from "./vocabulary.js";

export interface PlanMigration {
  /** The version this step produces. */
  to: number;
  run(doc: Y.Doc): void;
}

/** "高齢者支援計画 第8期" → the plan "高齢者支援計画" and its term "第8期". */
const SERIES_AND_TERM = /^(.+?)[\s\u3000]+(第[0-9０-９一二三四五六七八九十]+[期次])$/;
const FUNDING_MARK = /^[\s\u3000]*【([^】]{1,10})】[\s\u3000]*/;

/**
 * Version 2 (the plan papers): plan periods gain a series and milestones, actions a budget
 * and a funding source, the year gains item notes and the papers' profile (top-level texts,
 * nothing to create). What older documents wrote in words moves into the new fields:
 * a period named "<plan> 第N期" becomes series + term, and a title starting with a funding
 * mark (【基金】…) keeps its words and records the source. Absent new fields read as empty.
 */
export const toVersion2: PlanMigration = {
  to: 2,
  run(doc) {
    for (const row of readRows(doc, "planPeriods")) {
      if (typeof row.series === "string" && row.series !== "") continue;
      const match = typeof row.name === "string" ? SERIES_AND_TERM.exec(row.name.trim()) : null;
      if (!match) continue;
      const id = String(row.id);
      setRowField(doc, "planPeriods", id, "series", match[1].trim());
      setRowField(doc, "planPeriods", id, "name", match[2]);
    }
    for (const row of readRows(doc, "actions")) {
      if (row.fundingSource !== undefined && row.fundingSource !== null) continue;
      const id = String(row.id);
      const title = rowText(doc, "actions", id, "title");
      const match = title ? FUNDING_MARK.exec(title.toString()) : null;
      const source = match && FUNDING_SOURCES.find((f) => f.mark === match[1].normalize("NFKC").trim());
      if (!title || !match || !source) continue;
      // Deleting the same characters on two clients at once merges to one deletion.
      title.delete(0, match[0].length);
      setRowField(doc, "actions", id, "fundingSource", source.id);
    }
  },
};

/** Version 1 is the first layout; each later layout adds its step here. */
export const PLAN_MIGRATIONS: readonly PlanMigration[] = [toVersion2];

export type PlanCompatibility = "current" | "upgradable" | "newer" | "unversioned";

export function planCompatibility(doc: Y.Doc, supported = PLAN_SCHEMA_VERSION): PlanCompatibility {
  const version = doc.getMap("meta").get("schemaVersion");
  if (typeof version !== "number") return "unversioned";
  if (version > supported) return "newer";
  return version < supported ? "upgradable" : "current";
}

/** Runs the steps between the document's version and `target`; returns the version reached. */
export function migratePlanDoc(
  doc: Y.Doc,
  migrations: readonly PlanMigration[] = PLAN_MIGRATIONS,
  target = PLAN_SCHEMA_VERSION,
): number {
  const meta = doc.getMap("meta");
  let version = meta.get("schemaVersion");
  if (typeof version !== "number" || version >= target) return typeof version === "number" ? version : 0;
  doc.transact(() => {
    for (const step of [...migrations].sort((a, b) => a.to - b.to)) {
      if (step.to <= (version as number) || step.to > target) continue;
      step.run(doc);
      version = step.to;
    }
    meta.set("schemaVersion", version);
  });
  return version as number;
}

/**
 * Reads a plan as the current schema sees it, for readers that hold a copy (the server's read
 * model, next year's plan): an older copy is migrated first; the stored document is untouched
 * and is upgraded by the first person who opens it with write access.
 */
export function upgradeCopy(doc: Y.Doc): Y.Doc {
  if (planCompatibility(doc) === "upgradable") migratePlanDoc(doc);
  return doc;
}

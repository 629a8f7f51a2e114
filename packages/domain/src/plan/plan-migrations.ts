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
import { PLAN_SCHEMA_VERSION } from "./plan-schema.js";

export interface PlanMigration {
  /** The version this step produces. */
  to: number;
  run(doc: Y.Doc): void;
}

/** Version 1 is the first layout; later layouts add their step here. */
export const PLAN_MIGRATIONS: readonly PlanMigration[] = [];

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

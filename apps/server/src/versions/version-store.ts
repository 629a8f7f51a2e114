/**
 * Versions of documents: the whole Yjs state at a moment (named by a person, or taken at a
 * meeting's close, at approval, periodically while edited, before a restore). Versions are
 * only ever added; restoring one writes its content as a new change.
 */
import * as Y from "yjs";
import type { QueryBuilder } from "../storage/query-builder.js";

export type VersionReason = "named" | "meetingClose" | "approval" | "periodic" | "restore";

export interface VersionInfo {
  id: number;
  label: string;
  reason: VersionReason;
  createdBy: string | null;
  createdByName: string;
  createdAt: number;
}

export async function saveVersion(
  q: QueryBuilder,
  input: {
    docName: string;
    state: Uint8Array;
    reason: VersionReason;
    label?: string;
    userId: string | null;
    /** When the state was read (default: now). */
    at?: number;
  },
): Promise<number> {
  const row = await q
    .insertInto("doc_versions")
    .values({
      doc_name: input.docName,
      label: input.label ?? "",
      reason: input.reason,
      created_by: input.userId,
      created_at: input.at ?? Date.now(),
      data: Buffer.from(input.state.buffer, input.state.byteOffset, input.state.byteLength),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Whether a periodic version of the document was read at or after `since`. */
export async function hasPeriodicVersionSince(
  q: QueryBuilder,
  docName: string,
  since: number,
): Promise<boolean> {
  const row = await q
    .selectFrom("doc_versions")
    .select("id")
    .where("doc_name", "=", docName)
    .where("reason", "=", "periodic")
    .where("created_at", ">=", since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listVersions(q: QueryBuilder, docName: string): Promise<VersionInfo[]> {
  const rows = await q
    .selectFrom("doc_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .select(["v.id", "v.label", "v.reason", "v.created_by", "u.name", "v.created_at"])
    .where("v.doc_name", "=", docName)
    .orderBy("v.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    reason: r.reason as VersionReason,
    createdBy: r.created_by,
    createdByName: r.name ?? "",
    createdAt: r.created_at,
  }));
}

export async function loadVersion(q: QueryBuilder, docName: string, id: number): Promise<Uint8Array | null> {
  const row = await q
    .selectFrom("doc_versions")
    .select("data")
    .where("id", "=", id)
    .where("doc_name", "=", docName)
    .executeTakeFirst();
  return row ? new Uint8Array(row.data) : null;
}

/** Replaces a document's rich text with a version's, as an edit of `doc` (a restore). */
export function restoreRichText(doc: Y.Doc, versionState: Uint8Array, field: string): void {
  const version = new Y.Doc();
  Y.applyUpdate(version, versionState);
  const source = version.getXmlFragment(field);
  const target = doc.getXmlFragment(field);
  doc.transact(() => {
    target.delete(0, target.length);
    target.insert(
      0,
      source.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText),
    );
  });
  version.destroy();
}

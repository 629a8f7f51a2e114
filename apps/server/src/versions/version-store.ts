/**
 * Versions of documents: the whole Yjs state at a moment (named by a person, or taken at a
 * meeting's close, at approval, periodically while edited, before a restore). Versions are
 * only ever added; restoring one writes its content as a new change.
 */
import * as Y from "yjs";
import type { Queryable } from "../storage/database.js";

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
  q: Queryable,
  input: { docName: string; state: Uint8Array; reason: VersionReason; label?: string; userId: string | null },
): Promise<number> {
  const res = await q.run(
    "INSERT INTO doc_versions (doc_name, label, reason, created_by, created_at, data) VALUES (?, ?, ?, ?, ?, ?)",
    [input.docName, input.label ?? "", input.reason, input.userId, Date.now(), Buffer.from(input.state)],
  );
  return res.lastID;
}

export async function listVersions(q: Queryable, docName: string): Promise<VersionInfo[]> {
  const rows = await q.all<{
    id: number;
    label: string;
    reason: VersionReason;
    created_by: string | null;
    name: string | null;
    created_at: number;
  }>(
    `SELECT v.id, v.label, v.reason, v.created_by, u.name, v.created_at
       FROM doc_versions v LEFT JOIN users u ON u.id = v.created_by
      WHERE v.doc_name = ? ORDER BY v.id DESC`,
    [docName],
  );
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    reason: r.reason,
    createdBy: r.created_by,
    createdByName: r.name ?? "",
    createdAt: r.created_at,
  }));
}

export async function loadVersion(q: Queryable, docName: string, id: number): Promise<Uint8Array | null> {
  const row = await q.get<{ data: Buffer }>("SELECT data FROM doc_versions WHERE id = ? AND doc_name = ?", [
    id,
    docName,
  ]);
  return row ? new Uint8Array(row.data) : null;
}

export async function latestVersionAt(q: Queryable, docName: string): Promise<number | null> {
  const row = await q.get<{ at: number | null }>(
    "SELECT MAX(created_at) AS at FROM doc_versions WHERE doc_name = ?",
    [docName],
  );
  return row?.at ?? null;
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

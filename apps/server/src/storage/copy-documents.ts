/**
 * The copy of the document update log and snapshots, renumbered as the target numbers them:
 * one counter for all documents on SQLite, a sequence per document on PostgreSQL
 * (collab/update-store.ts).
 */
import { insertRows } from "./copy-rows.js";
import type { Database, Queryable } from "./database.js";

/**
 * The update log and snapshots, renumbered for the target. SQLite: one counter for all
 * documents, each document's ids shifted past the previous document's. PostgreSQL: each
 * document's rows numbered 1, 2, 3 … in their order; a snapshot keeps covering the rows it
 * covered (when it covered rows no longer in the log, it counts as one).
 */
export async function copyDocuments(
  src: Queryable,
  tx: Queryable,
  target: Database["dialect"],
): Promise<{ updates: number; snapshots: number; documents: number }> {
  const snapshots = new Map<string, number>();
  for (const s of await src.all<{ doc_name: string; last_update_id: number }>(
    "SELECT doc_name, last_update_id FROM doc_snapshots",
  )) {
    snapshots.set(s.doc_name, Number(s.last_update_id));
  }
  const names = new Set(snapshots.keys());
  for (const r of await src.all<{ doc_name: string }>("SELECT DISTINCT doc_name FROM doc_updates")) {
    names.add(r.doc_name);
  }
  let counter = 0;
  let updates = 0;
  let snapshotCount = 0;
  for (const docName of [...names].sort()) {
    const rows = await src.all<{ id: number; data: Buffer; created_at: number }>(
      "SELECT id, data, created_at FROM doc_updates WHERE doc_name = ? ORDER BY id",
      [docName],
    );
    const covered = snapshots.get(docName);
    let mapped: { id: number; data: Buffer; created_at: number }[];
    let snapshotId: number | undefined;
    if (target === "sqlite") {
      const base = counter;
      mapped = rows.map((r) => ({ ...r, id: base + Number(r.id) }));
      if (covered !== undefined) snapshotId = base + covered;
      counter = Math.max(base, mapped.at(-1)?.id ?? base, snapshotId ?? base);
    } else {
      const coveredRows = covered === undefined ? 0 : rows.filter((r) => Number(r.id) <= covered).length;
      const shift = covered !== undefined && covered > 0 && coveredRows === 0 ? 1 : 0;
      mapped = rows.map((r, i) => ({ ...r, id: i + 1 + shift }));
      if (covered !== undefined) snapshotId = coveredRows + shift;
    }
    await insertRows(
      tx,
      "doc_updates",
      ["id", "doc_name", "data", "created_at"],
      mapped.map((r) => ({ id: r.id, doc_name: docName, data: r.data, created_at: r.created_at })),
    );
    updates += mapped.length;
    if (snapshotId !== undefined) {
      const snap = await src.get<{ data: Buffer; updated_at: number }>(
        "SELECT data, updated_at FROM doc_snapshots WHERE doc_name = ?",
        [docName],
      );
      if (snap) {
        await tx.run(
          "INSERT INTO doc_snapshots (doc_name, data, last_update_id, updated_at) VALUES (?, ?, ?, ?)",
          [docName, snap.data, snapshotId, snap.updated_at],
        );
        snapshotCount++;
      }
    }
  }
  if (target === "sqlite" && counter > 0) {
    // The next update after the copy gets an id past every copied one and past every
    // snapshot's (rows a snapshot covered may be gone from the log).
    await tx.run("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'doc_updates'", [counter]);
    await tx.run(
      "INSERT INTO sqlite_sequence (name, seq) SELECT 'doc_updates', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'doc_updates')",
      [counter],
    );
  }
  return { updates, snapshots: snapshotCount, documents: names.size };
}

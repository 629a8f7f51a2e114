/**
 * Before the server accepts connections, documents whose update log grew long without being
 * folded (a crash before compaction, an import) are compacted, so the first person to open
 * one after a restart does not wait for thousands of rows to be replayed.
 */
import * as Y from "yjs";
import type { CollabLimits } from "../config.js";
import type { Logger } from "../logger.js";
import type { Database } from "../storage/database.js";
import { UpdateStore } from "./update-store.js";

export async function compactLongLogs(db: Database, limits: CollabLimits, log: Logger): Promise<number> {
  const long = await db.all<{ doc_name: string }>(
    `SELECT u.doc_name FROM doc_updates u LEFT JOIN doc_snapshots s ON s.doc_name = u.doc_name
      WHERE u.id > COALESCE(s.last_update_id, 0)
      GROUP BY u.doc_name HAVING COUNT(*) >= ? OR SUM(LENGTH(u.data)) >= ?`,
    [limits.compactAfterUpdates, limits.compactAfterBytes],
  );
  const store = new UpdateStore(db);
  for (const { doc_name: docName } of long) {
    try {
      const loaded = await store.load(docName);
      const doc = new Y.Doc();
      doc.transact(() => {
        for (const part of loaded.parts) Y.applyUpdate(doc, part);
      });
      await store.compact(docName, Y.encodeStateAsUpdate(doc), loaded.lastUpdateId);
      doc.destroy();
    } catch (err) {
      log.error("collab: startup compaction failed, the document loads from its log", { doc: docName, err });
    }
  }
  if (long.length > 0) log.info("collab: compacted long update logs at startup", { documents: long.length });
  return long.length;
}

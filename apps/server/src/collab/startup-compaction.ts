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
  const store = new UpdateStore(db);
  const long = await store.longLogs(limits.compactAfterUpdates, limits.compactAfterBytes);
  for (const docName of long) {
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

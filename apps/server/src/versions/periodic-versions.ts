/**
 * Automatic versions while a rich-text document is being edited: every interval, each such
 * document changed since its last version gets one, so a day of co-editing leaves a trail
 * to compare and restore without anyone remembering to save a version.
 */
import * as Y from "yjs";
import type { CollabServer } from "../collab/collab-server.js";
import type { Logger } from "../logger.js";
import type { Database } from "../storage/database.js";
import { saveVersion } from "./version-store.js";

const RICH_TEXT_KINDS = new Set(["note", "minutes", "draft"]);

export function startPeriodicVersions(deps: {
  db: Database;
  collab: CollabServer;
  log: Logger;
  intervalMs: number;
}): { flush(): Promise<void>; stop(): void } {
  const dirty = new Map<string, string>();
  const unsubscribe = deps.collab.onDocumentChanged((docName, userId) => dirty.set(docName, userId));

  // Looked up at flush time only, for the documents edited since: no cache that grows with
  // every document the server ever saw.
  async function kindOf(docName: string): Promise<string | null> {
    const row = await deps.db.get<{ kind: string }>("SELECT kind FROM documents WHERE doc_name = ?", [
      docName,
    ]);
    return row?.kind ?? null;
  }

  async function flush(): Promise<void> {
    const batch = [...dirty];
    dirty.clear();
    for (const [docName, userId] of batch) {
      try {
        if (!RICH_TEXT_KINDS.has((await kindOf(docName)) ?? "")) continue;
        const doc = await deps.collab.readDocument(docName);
        await saveVersion(deps.db, {
          docName,
          state: Y.encodeStateAsUpdate(doc),
          reason: "periodic",
          userId,
        });
        doc.destroy();
      } catch (err) {
        deps.log.error("versions: periodic version failed", { doc: docName, err });
      }
    }
  }

  const timer = setInterval(() => void flush(), deps.intervalMs);
  timer.unref();
  return {
    flush,
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}

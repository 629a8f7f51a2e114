/**
 * Automatic versions while a rich-text document is being edited: every interval, each such
 * document changed since its last version gets one, so a day of co-editing leaves a trail
 * to compare and restore without anyone remembering to save a version.
 */
import * as Y from "yjs";
import type { CollabServer } from "../collab/collab-server.js";
import { findDocumentByName } from "../documents/document-repository.js";
import type { Logger } from "../logger.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { saveVersion } from "./version-store.js";

const RICH_TEXT_KINDS = new Set(["note", "minutes", "draft"]);

export function startPeriodicVersions(deps: {
  kysely: QueryBuilder;
  collab: CollabServer;
  log: Logger;
  intervalMs: number;
}): { flush(): Promise<void>; stop(): void } {
  const dirty = new Map<string, string>();
  const unsubscribe = deps.collab.onDocumentChanged((docName, userId) => dirty.set(docName, userId));

  // Looked up at flush time only, for the documents edited since: no cache that grows with
  // every document the server ever saw.
  async function kindOf(docName: string): Promise<string | null> {
    return (await findDocumentByName(deps.kysely, docName))?.kind ?? null;
  }

  async function flush(): Promise<void> {
    const batch = [...dirty];
    dirty.clear();
    for (const [docName, userId] of batch) {
      try {
        if (!RICH_TEXT_KINDS.has((await kindOf(docName)) ?? "")) continue;
        const doc = await deps.collab.readDocument(docName);
        await saveVersion(deps.kysely, {
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

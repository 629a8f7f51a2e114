/**
 * Automatic versions while a rich-text document is being edited: every interval, each such
 * document changed since its last version gets one, so a day of co-editing leaves a trail
 * to compare and restore without anyone remembering to save a version.
 *
 * On several nodes each node notes the changes its own connections made, and all of them
 * flush: a version is saved only when no periodic version read after the last change noted
 * exists yet (checked and written in one transaction, which on PostgreSQL holds the write
 * lock), so a round of changes gets one version whichever node saves it. The state is read
 * from the database (collab.readDocument), which holds every node's commits. Node clocks are
 * expected to agree (NTP): a version's time is when its state was read.
 */
import * as Y from "yjs";
import type { CollabServer } from "../collab/collab-server.js";
import { findDocumentByName } from "../documents/document-repository.js";
import type { Logger } from "../logger.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { hasPeriodicVersionSince, saveVersion } from "./version-store.js";

const RICH_TEXT_KINDS = new Set(["note", "minutes", "draft"]);

export function startPeriodicVersions(deps: {
  kysely: QueryBuilder;
  collab: CollabServer;
  log: Logger;
  intervalMs: number;
}): { flush(): Promise<void>; stop(): void } {
  /** docName → who changed it last, and when (after the commit). */
  const dirty = new Map<string, { userId: string; at: number }>();
  const unsubscribe = deps.collab.onDocumentChanged((docName, userId) =>
    dirty.set(docName, { userId, at: Date.now() }),
  );

  // Looked up at flush time only, for the documents edited since: no cache that grows with
  // every document the server ever saw.
  async function kindOf(docName: string): Promise<string | null> {
    return (await findDocumentByName(deps.kysely, docName))?.kind ?? null;
  }

  async function flush(): Promise<void> {
    const batch = [...dirty];
    dirty.clear();
    for (const [docName, { userId, at: changedAt }] of batch) {
      try {
        if (!RICH_TEXT_KINDS.has((await kindOf(docName)) ?? "")) continue;
        const readAt = Date.now();
        const doc = await deps.collab.readDocument(docName);
        const state = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        await deps.kysely.transaction().execute(async (trx) => {
          const newer = await hasPeriodicVersionSince(trx, docName, changedAt);
          // Another node's version (or this node's, racing) was read after the change: it holds it.
          if (newer) return;
          await saveVersion(trx, { docName, state, reason: "periodic", userId, at: readAt });
        });
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

/**
 * Versions a person makes: naming the document's state now, and restoring an older version
 * as a new change (the state it replaces is kept as a version first).
 */
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import * as Y from "yjs";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppContext, Caller } from "../context.js";
import type { DocumentRecord } from "../documents/document-repository.js";
import { ApiError } from "../http/errors.js";
import { restoreRichText, saveVersion } from "./version-store.js";

export const versionNotFound = () => new ApiError(404, "version.notFound", "版が見つかりません。");

/** Keeps the document as it is now (everything received so far) under `label`; answers its id. */
export async function nameVersion(
  app: AppContext,
  collab: CollabServer,
  caller: Caller,
  doc: DocumentRecord,
  label: string,
): Promise<number> {
  await collab.flush();
  const current = await collab.readDocument(doc.docName);
  try {
    return await saveVersion(app.kysely, {
      docName: doc.docName,
      state: Y.encodeStateAsUpdate(current),
      reason: "named",
      label,
      userId: caller.actor.userId,
    });
  } finally {
    current.destroy();
  }
}

/** Writes a version's text as a new change of the document (the route loaded the version). */
export async function restoreVersion(
  app: AppContext,
  collab: CollabServer,
  caller: Caller,
  doc: DocumentRecord,
  version: { id: number; state: Uint8Array },
): Promise<void> {
  // What is replaced stays in the history too.
  await collab.flush();
  const current = await collab.readDocument(doc.docName);
  await saveVersion(app.kysely, {
    docName: doc.docName,
    state: Y.encodeStateAsUpdate(current),
    reason: "restore",
    label: `#${version.id} の復元前`,
    userId: caller.actor.userId,
  });
  current.destroy();
  await collab.mutate(doc.docName, caller.actor.userId, (d) =>
    restoreRichText(d, version.state, RICH_TEXT_FIELD),
  );
}

/**
 * The one way a new collaborative document gets its first content (a template's text, a
 * meeting's invitees, a year's plan): stored as the first row of its update log, in the
 * caller's transaction with the document's row, so the two appear together. Anything later
 * goes through the collab server (`CollabServer.mutate`), which persists before it broadcasts.
 * Nothing else writes `doc_updates`: the collab layer's UpdateStore appends and compacts it.
 */
import * as Y from "yjs";
import type { QueryBuilder } from "../storage/query-builder.js";

/** An encoded Yjs update, or a function writing the content into a fresh Y.Doc. */
export type InitialContent = Uint8Array | ((doc: Y.Doc) => void);

/**
 * Stores `content` as the first state of `docName`, in `trx` (a Kysely transaction), and
 * returns the update stored.
 */
export async function storeInitialState(
  trx: QueryBuilder,
  docName: string,
  content: InitialContent,
): Promise<Uint8Array> {
  const update = typeof content === "function" ? encodeContent(content) : content;
  await trx
    .insertInto("doc_updates")
    .values({
      doc_name: docName,
      data: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
      created_at: Date.now(),
    })
    .execute();
  return update;
}

function encodeContent(write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  try {
    write(doc);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

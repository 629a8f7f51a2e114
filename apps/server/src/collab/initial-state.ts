/**
 * The one way a new collaborative document gets its first content (a template's text, a
 * meeting's invitees, a year's plan): stored as the first row of its update log, in the
 * caller's transaction with the document's row, so the two appear together. Anything later
 * goes through the collab server (`CollabServer.mutate`), which persists before it broadcasts.
 * Nothing else writes `doc_updates`: the collab layer's UpdateStore appends and compacts it.
 */
import { Kysely } from "kysely";
import * as Y from "yjs";
import type { Queryable } from "../storage/database.js";
import type { QueryBuilder } from "../storage/query-builder.js";

/** An encoded Yjs update, or a function writing the content into a fresh Y.Doc. */
export type InitialContent = Uint8Array | ((doc: Y.Doc) => void);

/**
 * Stores `content` as the first state of `docName`. `q` is a Kysely transaction; code still
 * inside a hand-written `Database.transaction` (the demo seed) passes its Queryable.
 */
export async function storeInitialState(
  q: QueryBuilder | Queryable,
  docName: string,
  content: InitialContent,
): Promise<void> {
  const update = typeof content === "function" ? encodeContent(content) : content;
  const row = {
    doc_name: docName,
    data: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
    created_at: Date.now(),
  };
  if (q instanceof Kysely) {
    await q.insertInto("doc_updates").values(row).execute();
    return;
  }
  await q.run("INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, ?, ?)", [
    row.doc_name,
    row.data,
    row.created_at,
  ]);
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

/** What the update log's statements (update-store.ts and its parts) share. */

/** First key of the per-document advisory locks on PostgreSQL (the second is hashtext(doc_name)). */
export const DOC_LOCK_SPACE = 0x7473;

/** An update's bytes as the drivers bind them (a view on the same memory). */
export const bytes = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

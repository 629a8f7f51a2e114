/** All SQL on `server_keys`: the installation's signing keys (signing-key.ts). */
import type { QueryBuilder } from "../storage/query-builder.js";

/** Stores the key unless one of that name exists (another process made it first). */
export async function insertServerKeyIfMissing(
  q: QueryBuilder,
  name: string,
  key: Uint8Array,
  createdAt: number,
): Promise<void> {
  await q
    .insertInto("server_keys")
    .values({ name, key, created_at: createdAt })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
}

/** The key stored under `name`, if any. */
export async function findServerKey(q: QueryBuilder, name: string): Promise<Uint8Array | undefined> {
  const row = await q.selectFrom("server_keys").select("key").where("name", "=", name).executeTakeFirst();
  return row?.key;
}

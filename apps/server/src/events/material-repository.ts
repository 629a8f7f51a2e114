/**
 * All SQL on `event_materials`: an event's files (資料), kept in the database so that a backup
 * holds them with the rest. Lists never read the files' bytes; only a download does.
 */
import type { QueryBuilder } from "../storage/query-builder.js";

export interface MaterialRecord {
  id: string;
  eventId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  public: boolean;
  createdBy: string | null;
  createdAt: number;
}

export interface MaterialFile extends MaterialRecord {
  data: Uint8Array;
}

const COLUMNS = [
  "id",
  "event_id",
  "name",
  "media_type",
  "size",
  "sha256",
  "public",
  "created_by",
  "created_at",
] as const;

type Row = {
  id: string;
  event_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  public: number;
  created_by: string | null;
  created_at: number;
};

const toRecord = (r: Row): MaterialRecord => ({
  id: r.id,
  eventId: r.event_id,
  name: r.name,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  public: r.public === 1,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
});

/** The materials of an event, in the order they were added (optionally the public ones only). */
export async function listMaterials(
  db: QueryBuilder,
  eventId: string,
  opts: { publicOnly?: boolean } = {},
): Promise<MaterialRecord[]> {
  let q = db.selectFrom("event_materials").select(COLUMNS).where("event_id", "=", eventId);
  if (opts.publicOnly) q = q.where("public", "=", 1);
  const rows = await q.orderBy("created_at").orderBy("id").execute();
  return rows.map((r) => toRecord(r as Row));
}

export async function findMaterial(
  db: QueryBuilder,
  eventId: string,
  id: string,
): Promise<MaterialRecord | undefined> {
  const row = await db
    .selectFrom("event_materials")
    .select(COLUMNS)
    .where("event_id", "=", eventId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toRecord(row as Row);
}

/** A material with its bytes, for a download. */
export async function readMaterialFile(
  db: QueryBuilder,
  eventId: string,
  id: string,
): Promise<MaterialFile | undefined> {
  const row = await db
    .selectFrom("event_materials")
    .select([...COLUMNS, "data"])
    .where("event_id", "=", eventId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { ...toRecord(row as Row), data: row.data };
}

export async function insertMaterial(db: QueryBuilder, m: MaterialFile): Promise<void> {
  await db
    .insertInto("event_materials")
    .values({
      id: m.id,
      event_id: m.eventId,
      name: m.name,
      media_type: m.mediaType,
      size: m.size,
      sha256: m.sha256,
      data: m.data,
      public: m.public ? 1 : 0,
      created_by: m.createdBy,
      created_at: m.createdAt,
    })
    .execute();
}

export async function updateMaterial(
  db: QueryBuilder,
  eventId: string,
  id: string,
  change: { name?: string; public?: boolean },
): Promise<void> {
  const set: { name?: string; public?: number } = {};
  if (change.name !== undefined) set.name = change.name;
  if (change.public !== undefined) set.public = change.public ? 1 : 0;
  if (Object.keys(set).length === 0) return;
  await db
    .updateTable("event_materials")
    .set(set)
    .where("event_id", "=", eventId)
    .where("id", "=", id)
    .execute();
}

export async function deleteMaterial(db: QueryBuilder, eventId: string, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom("event_materials")
    .where("event_id", "=", eventId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

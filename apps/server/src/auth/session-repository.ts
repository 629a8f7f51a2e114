/** All SQL on `sessions` (with the user each belongs to). The SessionStore is its only user. */
import type { QueryBuilder } from "../storage/query-builder.js";

export interface SessionRecord {
  id: string;
  userId: string;
  secretHash: Uint8Array;
  createdAt: number;
  lastSeenAt: number;
}

/** What decides whether a session is still alive. */
export interface SessionLiveness {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  /** The user's account was disabled (every session of it ends). */
  userDisabledAt: number | null;
}

export interface SessionWithUser extends SessionLiveness {
  userId: string;
  secretHash: Uint8Array;
  email: string;
  name: string;
  organization: string;
}

export async function insertSession(q: QueryBuilder, s: SessionRecord): Promise<void> {
  await q
    .insertInto("sessions")
    .values({
      id: s.id,
      user_id: s.userId,
      secret_hash: s.secretHash,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
    })
    .execute();
}

export function findSessionWithUser(q: QueryBuilder, id: string): Promise<SessionWithUser | undefined> {
  return q
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id",
      "s.user_id as userId",
      "s.secret_hash as secretHash",
      "s.created_at as createdAt",
      "s.last_seen_at as lastSeenAt",
      "u.email",
      "u.name",
      "u.organization",
      "u.disabled_at as userDisabledAt",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
}

export function findSessionLiveness(q: QueryBuilder, id: string): Promise<SessionLiveness | undefined> {
  return q
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id",
      "s.created_at as createdAt",
      "s.last_seen_at as lastSeenAt",
      "u.disabled_at as userDisabledAt",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
}

/** Records a use of the session. */
export async function touchSession(q: QueryBuilder, id: string, at: number): Promise<void> {
  await q.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute();
}

export async function deleteSession(q: QueryBuilder, id: string): Promise<void> {
  await q.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Ends every session of a user but `exceptId`; answers the ids of those ended. */
export async function deleteSessionsOfUser(
  q: QueryBuilder,
  userId: string,
  exceptId?: string,
): Promise<string[]> {
  const rows = await q.selectFrom("sessions").select("id").where("user_id", "=", userId).execute();
  const ended = rows.map((r) => r.id).filter((id) => id !== exceptId);
  if (ended.length > 0) await q.deleteFrom("sessions").where("id", "in", ended).execute();
  return ended;
}

/** Deletes the sessions last used at or before `idleSince` or created at or before `createdSince`. */
export async function deleteSessionsPast(
  q: QueryBuilder,
  idleSince: number,
  createdSince: number,
): Promise<number> {
  const res = await q
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("last_seen_at", "<=", idleSince), eb("created_at", "<=", createdSince)]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

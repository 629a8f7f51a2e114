/**
 * All SQL on `invites`. Only SHA-256 of a link's secret is stored; the group ids are JSON
 * text, parsed here.
 */
import type { InviteStatus } from "@tsumugi/contract";
import type { Role } from "@tsumugi/domain";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface InviteRecord {
  id: string;
  workspaceId: string;
  secretHash: Uint8Array;
  email: string | null;
  role: Role;
  groupIds: string[];
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
}

export function inviteStatus(invite: InviteRecord, now: number): InviteStatus {
  if (invite.revokedAt !== null) return "revoked";
  if (invite.usedAt !== null) return "used";
  if (invite.expiresAt <= now) return "expired";
  return "pending";
}

const columns = [
  "id",
  "workspace_id",
  "secret_hash",
  "email",
  "role",
  "group_ids",
  "created_at",
  "expires_at",
  "used_at",
  "revoked_at",
] as const;

function toRecord(row: {
  id: string;
  workspace_id: string;
  secret_hash: Uint8Array;
  email: string | null;
  role: string;
  group_ids: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}): InviteRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    secretHash: row.secret_hash,
    email: row.email,
    role: row.role as Role,
    groupIds: JSON.parse(row.group_ids) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    revokedAt: row.revoked_at,
  };
}

/** The workspace's invitations, newest first. */
export async function listInvites(q: QueryBuilder, workspaceId: string): Promise<InviteRecord[]> {
  const rows = await q
    .selectFrom("invites")
    .select(columns)
    .where("workspace_id", "=", workspaceId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toRecord);
}

export async function findInvite(q: QueryBuilder, id: string): Promise<InviteRecord | undefined> {
  const row = await q.selectFrom("invites").select(columns).where("id", "=", id).executeTakeFirst();
  return row && toRecord(row);
}

export async function insertInvite(q: QueryBuilder, invite: InviteRecord, createdBy: string): Promise<void> {
  await q
    .insertInto("invites")
    .values({
      id: invite.id,
      workspace_id: invite.workspaceId,
      secret_hash: invite.secretHash,
      email: invite.email,
      role: invite.role,
      group_ids: JSON.stringify(invite.groupIds),
      created_by: createdBy,
      created_at: invite.createdAt,
      expires_at: invite.expiresAt,
    })
    .execute();
}

/** Revokes an invitation of the workspace that is neither used nor revoked; false if none. */
export async function revokeInvite(
  q: QueryBuilder,
  workspaceId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const result = await q
    .updateTable("invites")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("workspace_id", "=", workspaceId)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Marks the invitation used by nobody (a link that must not be tried again). */
export async function spendInvite(q: QueryBuilder, id: string, now: number): Promise<void> {
  await q
    .updateTable("invites")
    .set({ used_at: now })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .execute();
}

/**
 * Takes the invitation if it is still usable at `now`; false when another accept (or a
 * revoke, or time) came first: only one UPDATE can match. Who took it is set once their
 * account exists (`setInviteUsedBy`, in the same transaction).
 */
export async function claimInvite(q: QueryBuilder, id: string, now: number): Promise<boolean> {
  const result = await q
    .updateTable("invites")
    .set({ used_at: now, used_by: null })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function setInviteUsedBy(q: QueryBuilder, id: string, userId: string): Promise<void> {
  await q.updateTable("invites").set({ used_by: userId }).where("id", "=", id).execute();
}

/** The addresses of the workspace's invitations among `ids` ("" for an open link). */
export async function inviteEmails(
  q: QueryBuilder,
  workspaceId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom("invites")
    .select(["id", "email"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", ids)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.email ?? "" }));
}

/**
 * SQL on resource_update_links (a provider's personal link, kept as its token's hash) and
 * resource_update_requests (what a provider sent, pending or decided).
 */
import type { ResourceField } from "@tsumugi/domain";
import type { Selectable } from "kysely";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { ResourceUpdateLinksTable } from "../storage/schema.js";
import { parseJson as json } from "./json-column.js";

export interface UpdateLinkRecord {
  id: string;
  workspaceId: string;
  resourceId: string;
  tokenHash: string;
  createdBy: string | null;
  createdByName: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export async function insertUpdateLink(
  q: QueryBuilder,
  l: Omit<UpdateLinkRecord, "createdByName">,
): Promise<void> {
  await q
    .insertInto("resource_update_links")
    .values({
      id: l.id,
      workspace_id: l.workspaceId,
      resource_id: l.resourceId,
      token_hash: l.tokenHash,
      created_by: l.createdBy,
      created_at: l.createdAt,
      expires_at: l.expiresAt,
      revoked_at: l.revokedAt,
      last_used_at: l.lastUsedAt,
    })
    .execute();
}

function linkQuery(q: QueryBuilder) {
  return q
    .selectFrom("resource_update_links as l")
    .leftJoin("users as u", "u.id", "l.created_by")
    .selectAll("l")
    .select("u.name as user_name");
}

function toLink(r: Selectable<ResourceUpdateLinksTable> & { user_name: string | null }): UpdateLinkRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    resourceId: r.resource_id,
    tokenHash: r.token_hash,
    createdBy: r.created_by,
    createdByName: r.user_name ?? "",
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

export async function findUpdateLinkByHash(
  q: QueryBuilder,
  hash: string,
): Promise<UpdateLinkRecord | undefined> {
  const row = await linkQuery(q).where("l.token_hash", "=", hash).executeTakeFirst();
  return row && toLink(row);
}

export async function listUpdateLinks(q: QueryBuilder, resourceId: string): Promise<UpdateLinkRecord[]> {
  const rows = await linkQuery(q)
    .where("l.resource_id", "=", resourceId)
    .orderBy("l.created_at", "desc")
    .execute();
  return rows.map(toLink);
}

/** Revokes the entry's links still open; answers how many. */
export async function revokeUpdateLinks(q: QueryBuilder, resourceId: string, at: number): Promise<number> {
  const result = await q
    .updateTable("resource_update_links")
    .set({ revoked_at: at })
    .where("resource_id", "=", resourceId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function touchUpdateLink(q: QueryBuilder, id: string, at: number): Promise<void> {
  await q.updateTable("resource_update_links").set({ last_used_at: at }).where("id", "=", id).execute();
}

export interface UpdateRequestRecord {
  id: string;
  workspaceId: string;
  resourceId: string;
  resourceName: string;
  linkId: string | null;
  changes: { field: ResourceField; before: unknown; after: unknown }[];
  status: "pending" | "applied" | "rejected";
  submittedAt: number;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: number | null;
}

export async function insertUpdateRequest(
  q: QueryBuilder,
  r: Omit<UpdateRequestRecord, "resourceName" | "decidedByName">,
): Promise<void> {
  await q
    .insertInto("resource_update_requests")
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      resource_id: r.resourceId,
      link_id: r.linkId,
      changes: JSON.stringify(r.changes),
      status: r.status,
      submitted_at: r.submittedAt,
      decided_by: r.decidedBy,
      decided_at: r.decidedAt,
    })
    .execute();
}

function requestQuery(q: QueryBuilder) {
  return q
    .selectFrom("resource_update_requests as r")
    .innerJoin("resources as res", "res.id", "r.resource_id")
    .leftJoin("users as u", "u.id", "r.decided_by")
    .selectAll("r")
    .select(["res.name as resource_name", "u.name as user_name"]);
}

function toRequest(r: {
  id: string;
  workspace_id: string;
  resource_id: string;
  link_id: string | null;
  changes: string;
  status: string;
  submitted_at: number;
  decided_by: string | null;
  decided_at: number | null;
  resource_name: string;
  user_name: string | null;
}): UpdateRequestRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    resourceId: r.resource_id,
    resourceName: r.resource_name,
    linkId: r.link_id,
    changes: json(r.changes, []),
    status: r.status as UpdateRequestRecord["status"],
    submittedAt: r.submitted_at,
    decidedBy: r.decided_by,
    decidedByName: r.user_name,
    decidedAt: r.decided_at,
  };
}

/** Pending requests first, then the latest decided ones. */
export async function listUpdateRequests(
  q: QueryBuilder,
  workspaceId: string,
): Promise<UpdateRequestRecord[]> {
  const pending = await requestQuery(q)
    .where("r.workspace_id", "=", workspaceId)
    .where("r.status", "=", "pending")
    .orderBy("r.submitted_at")
    .execute();
  const decided = await requestQuery(q)
    .where("r.workspace_id", "=", workspaceId)
    .where("r.status", "!=", "pending")
    .orderBy("r.submitted_at", "desc")
    .limit(50)
    .execute();
  return [...pending, ...decided].map(toRequest);
}

export async function findUpdateRequest(
  q: QueryBuilder,
  workspaceId: string,
  id: string,
): Promise<UpdateRequestRecord | undefined> {
  const row = await requestQuery(q)
    .where("r.workspace_id", "=", workspaceId)
    .where("r.id", "=", id)
    .executeTakeFirst();
  return row && toRequest(row);
}

export async function hasPendingRequest(q: QueryBuilder, resourceId: string): Promise<boolean> {
  const row = await q
    .selectFrom("resource_update_requests")
    .select("id")
    .where("resource_id", "=", resourceId)
    .where("status", "=", "pending")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Decides a pending request; false when it was decided meanwhile. */
export async function decideUpdateRequest(
  q: QueryBuilder,
  id: string,
  status: "applied" | "rejected",
  by: string,
  at: number,
): Promise<boolean> {
  const result = await q
    .updateTable("resource_update_requests")
    .set({ status, decided_by: by, decided_at: at })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

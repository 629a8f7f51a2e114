/** All SQL on `calendar_feeds`: one working secret URL per person and workspace at most. */
import type { QueryBuilder } from "../storage/query-builder.js";

export interface CalendarFeedRecord {
  id: string;
  userId: string;
  workspaceId: string;
  secretHash: Uint8Array;
  createdAt: number;
  revokedAt: number | null;
}

/** When the person's working feed in the workspace was made, or undefined when there is none. */
export async function activeFeedCreatedAt(
  q: QueryBuilder,
  userId: string,
  workspaceId: string,
): Promise<number | undefined> {
  const row = await q
    .selectFrom("calendar_feeds")
    .select("created_at")
    .where("user_id", "=", userId)
    .where("workspace_id", "=", workspaceId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row?.created_at;
}

export async function findFeed(q: QueryBuilder, id: string): Promise<CalendarFeedRecord | undefined> {
  const row = await q
    .selectFrom("calendar_feeds")
    .select(["id", "user_id", "workspace_id", "secret_hash", "created_at", "revoked_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      userId: row.user_id,
      workspaceId: row.workspace_id,
      secretHash: row.secret_hash,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    }
  );
}

/** Stops the person's working feed in the workspace, if any. */
export async function revokeFeeds(q: QueryBuilder, userId: string, workspaceId: string, now: number) {
  await q
    .updateTable("calendar_feeds")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("workspace_id", "=", workspaceId)
    .where("revoked_at", "is", null)
    .execute();
}

export async function insertFeed(
  q: QueryBuilder,
  feed: Omit<CalendarFeedRecord, "revokedAt">,
): Promise<void> {
  await q
    .insertInto("calendar_feeds")
    .values({
      id: feed.id,
      user_id: feed.userId,
      workspace_id: feed.workspaceId,
      secret_hash: feed.secretHash,
      created_at: feed.createdAt,
    })
    .execute();
}

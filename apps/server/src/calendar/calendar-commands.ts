/**
 * Personal calendar feeds: each person can create a secret feed URL of their meetings in a
 * workspace, replace it (the old URL stops working) or revoke it. The feed itself needs no
 * session: the URL is the credential, so only SHA-256 of its secret is stored.
 */
import { type Actor, isActiveMember } from "@tsumugi/domain";
import { newSecretToken, secretMatches, splitToken } from "../auth/secret-token.js";
import type { AppContext, Caller } from "../context.js";
import { ApiError } from "../http/errors.js";
import { loadActor } from "../workspaces/actor.js";
import * as feeds from "./calendar-repository.js";

export const feedNotFound = () => new ApiError(404, "calendar.notFound", "カレンダーが見つかりません。");

/** Creates the caller's feed, or replaces it; answers the token of its URL. */
export async function createFeed(app: AppContext, caller: Caller): Promise<string> {
  const { id, token, secretHash } = newSecretToken();
  const now = Date.now();
  const { userId } = caller.actor;
  await app.kysely.transaction().execute(async (trx) => {
    await feeds.revokeFeeds(trx, userId, caller.workspaceId, now);
    await feeds.insertFeed(trx, { id, userId, workspaceId: caller.workspaceId, secretHash, createdAt: now });
  });
  return token;
}

export async function revokeFeed(app: AppContext, caller: Caller): Promise<void> {
  await feeds.revokeFeeds(app.kysely, caller.actor.userId, caller.workspaceId, Date.now());
}

/**
 * The feed a `<token>.ics` file name opens, with its owner as the policy sees them now (a
 * person who left the workspace or was disabled gets nothing), or 404.
 */
export async function openFeed(
  app: AppContext,
  file: string,
): Promise<{ feed: feeds.CalendarFeedRecord; owner: Actor }> {
  const parts = file.endsWith(".ics") ? splitToken(file.slice(0, -4)) : null;
  const feed = parts ? await feeds.findFeed(app.kysely, parts.id) : undefined;
  if (!parts || !feed || feed.revokedAt !== null || !secretMatches(parts.secret, feed.secretHash))
    throw feedNotFound();
  const owner = await loadActor(app.kysely, feed.userId, feed.workspaceId);
  if (!isActiveMember(owner)) throw feedNotFound();
  return { feed, owner };
}

/** Changes to a person's own account. */
import type { AppContext } from "../context.js";
import { updatePassword } from "./account-repository.js";
import { hashPassword } from "./password.js";
import { deleteSessionsOfUser } from "./session-repository.js";

/** Who changes their own account, from which session and address. */
export interface AccountCaller {
  userId: string;
  sessionId: string;
  ip: string;
}

/**
 * Sets a new password (checked by the route: the current one, the password policy) and ends
 * every other session of the person, with their sockets; this one stays.
 */
export async function changePassword(
  app: AppContext,
  caller: AccountCaller,
  newPassword: string,
): Promise<void> {
  // Hashed before the transaction: Argon2 is slow and the transaction holds the writer.
  const passwordHash = await hashPassword(newPassword);
  const ended = await app.kysely.transaction().execute(async (trx) => {
    await updatePassword(trx, caller.userId, passwordHash, Date.now());
    return deleteSessionsOfUser(trx, caller.userId, caller.sessionId);
  });
  app.events.emit({ type: "sessions-ended", sessionIds: ended });
  await app.audit.record({
    event: "password.changed",
    actorUserId: caller.userId,
    ip: caller.ip,
    detail: { endedSessions: ended.length },
  });
}

/**
 * Ends one session and its sockets: a logout, or the session of a cookie a new login replaces
 * (`reason` says so in the audit entry).
 */
export async function endSession(
  app: AppContext,
  session: { id: string; userId: string },
  ip: string,
  reason?: string,
): Promise<void> {
  await app.sessions.invalidate(session.id);
  app.events.emit({ type: "sessions-ended", sessionIds: [session.id] });
  await app.audit.record({
    event: "logout",
    actorUserId: session.userId,
    ip,
    ...(reason ? { detail: { reason } } : {}),
  });
}

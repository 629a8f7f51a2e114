/**
 * Sessions after the Lucia design (lucia-auth.com), implemented with @oslojs, not with the
 * deprecated `lucia` package.
 *
 * - The token handed to the browser is `<id>.<secret>`; both parts come from the CSPRNG,
 *   the secret carries 160 bits. Only SHA-256(secret) is stored, so a leaked database
 *   holds no usable token.
 * - Validation looks the session up by id and compares hashes in constant time.
 * - A session ends after `idleTimeoutMs` without use (sliding) or `absoluteLifetimeMs`
 *   after it was created, whichever comes first. `last_seen_at` is written at most once
 *   per `touchIntervalMs` so reads do not turn into writes.
 */
import type { QueryBuilder } from "../storage/query-builder.js";
import { newSecretToken, secretMatches, splitToken } from "./secret-token.js";
import * as sessions from "./session-repository.js";
export interface SessionPolicy {
  idleTimeoutMs: number;
  absoluteLifetimeMs: number;
  touchIntervalMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleTimeoutMs: 12 * 60 * 60 * 1000,
  absoluteLifetimeMs: 7 * 24 * 60 * 60 * 1000,
  touchIntervalMs: 60 * 1000,
};

export interface Session {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  organization: string;
}

export class SessionStore {
  constructor(
    private readonly q: QueryBuilder,
    readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a session and returns it with the token to set in the cookie. */
  async create(userId: string): Promise<{ session: Session; token: string }> {
    const { id, token, secretHash } = newSecretToken();
    const at = this.now();
    await sessions.insertSession(this.q, { id, userId, secretHash, createdAt: at, lastSeenAt: at });
    return { session: { id, userId, createdAt: at, lastSeenAt: at }, token };
  }

  /** The session and its user, or null for a malformed, unknown, expired or disabled one. */
  async validate(token: string): Promise<{ session: Session; user: SessionUser } | null> {
    const parts = splitToken(token);
    if (!parts) return null;
    const { id, secret } = parts;
    const row = await sessions.findSessionWithUser(this.q, id);
    if (!row) return null;
    if (!secretMatches(secret, row.secretHash)) return null;
    const lastSeenAt = await this.keepAlive(row);
    if (lastSeenAt === null) return null;
    return {
      session: { id: row.id, userId: row.userId, createdAt: row.createdAt, lastSeenAt },
      user: { id: row.userId, email: row.email, name: row.name, organization: row.organization },
    };
  }

  /**
   * Whether a session whose token was checked earlier (an open WebSocket) is still valid;
   * being in use, it counts as activity like a request.
   */
  async stillValid(sessionId: string): Promise<boolean> {
    const row = await sessions.findSessionLiveness(this.q, sessionId);
    return row ? (await this.keepAlive(row)) !== null : false;
  }

  /**
   * Ends an expired session or one of a disabled user (null); otherwise records the use
   * (at most once per touch interval) and returns the session's last-seen time.
   */
  private async keepAlive(row: sessions.SessionLiveness): Promise<number | null> {
    const now = this.now();
    if (
      row.userDisabledAt !== null ||
      now - row.lastSeenAt >= this.policy.idleTimeoutMs ||
      now - row.createdAt >= this.policy.absoluteLifetimeMs
    ) {
      await this.invalidate(row.id);
      return null;
    }
    if (now - row.lastSeenAt < this.policy.touchIntervalMs) return row.lastSeenAt;
    await sessions.touchSession(this.q, row.id, now);
    return now;
  }

  /** When the session stops being valid if it is not used again. */
  expiresAt(session: Session): number {
    return Math.min(
      session.lastSeenAt + this.policy.idleTimeoutMs,
      session.createdAt + this.policy.absoluteLifetimeMs,
    );
  }

  /** When the session ends however much it is used: its absolute lifetime. */
  lifetimeEndsAt(session: Session): number {
    return session.createdAt + this.policy.absoluteLifetimeMs;
  }

  async invalidate(sessionId: string): Promise<void> {
    await sessions.deleteSession(this.q, sessionId);
  }

  /** Ends every session of a user, optionally keeping one (e.g. after a password change). */
  async invalidateAllForUser(userId: string, exceptSessionId?: string): Promise<string[]> {
    return sessions.deleteSessionsOfUser(this.q, userId, exceptSessionId);
  }

  async deleteExpired(): Promise<number> {
    const now = this.now();
    return sessions.deleteSessionsPast(
      this.q,
      now - this.policy.idleTimeoutMs,
      now - this.policy.absoluteLifetimeMs,
    );
  }
}

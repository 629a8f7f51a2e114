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
import type { Database } from "../storage/database.js";
import { newSecretToken, secretMatches, splitToken } from "./secret-token.js";

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

interface LivenessRow {
  id: string;
  created_at: number;
  last_seen_at: number;
  disabled_at: number | null;
}

interface SessionRow extends LivenessRow {
  user_id: string;
  secret_hash: Buffer;
  email: string;
  name: string;
  organization: string;
}

export class SessionStore {
  constructor(
    private readonly db: Database,
    readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a session and returns it with the token to set in the cookie. */
  async create(userId: string): Promise<{ session: Session; token: string }> {
    const { id, token, secretHash } = newSecretToken();
    const at = this.now();
    await this.db.run(
      "INSERT INTO sessions (id, user_id, secret_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
      [id, userId, secretHash, at, at],
    );
    return { session: { id, userId, createdAt: at, lastSeenAt: at }, token };
  }

  /** The session and its user, or null for a malformed, unknown, expired or disabled one. */
  async validate(token: string): Promise<{ session: Session; user: SessionUser } | null> {
    const parts = splitToken(token);
    if (!parts) return null;
    const { id, secret } = parts;
    const row = await this.db.get<SessionRow>(
      `SELECT s.id, s.user_id, s.secret_hash, s.created_at, s.last_seen_at,
              u.email, u.name, u.organization, u.disabled_at
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
      [id],
    );
    if (!row) return null;
    if (!secretMatches(secret, row.secret_hash)) return null;
    const lastSeenAt = await this.keepAlive(row);
    if (lastSeenAt === null) return null;
    return {
      session: { id: row.id, userId: row.user_id, createdAt: row.created_at, lastSeenAt },
      user: { id: row.user_id, email: row.email, name: row.name, organization: row.organization },
    };
  }

  /**
   * Whether a session whose token was checked earlier (an open WebSocket) is still valid;
   * being in use, it counts as activity like a request.
   */
  async stillValid(sessionId: string): Promise<boolean> {
    const row = await this.db.get<LivenessRow>(
      `SELECT s.id, s.created_at, s.last_seen_at, u.disabled_at
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
      [sessionId],
    );
    return row ? (await this.keepAlive(row)) !== null : false;
  }

  /**
   * Ends an expired session or one of a disabled user (null); otherwise records the use
   * (at most once per touch interval) and returns the session's last-seen time.
   */
  private async keepAlive(row: LivenessRow): Promise<number | null> {
    const now = this.now();
    if (
      row.disabled_at !== null ||
      now - row.last_seen_at >= this.policy.idleTimeoutMs ||
      now - row.created_at >= this.policy.absoluteLifetimeMs
    ) {
      await this.invalidate(row.id);
      return null;
    }
    if (now - row.last_seen_at < this.policy.touchIntervalMs) return row.last_seen_at;
    await this.db.run("UPDATE sessions SET last_seen_at = ? WHERE id = ?", [now, row.id]);
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
    await this.db.run("DELETE FROM sessions WHERE id = ?", [sessionId]);
  }

  /** Ends every session of a user, optionally keeping one (e.g. after a password change). */
  async invalidateAllForUser(userId: string, exceptSessionId?: string): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>("SELECT id FROM sessions WHERE user_id = ?", [userId]);
    const ended = rows.map((r) => r.id).filter((id) => id !== exceptSessionId);
    for (const id of ended) await this.invalidate(id);
    return ended;
  }

  async deleteExpired(): Promise<number> {
    const now = this.now();
    const r = await this.db.run("DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?", [
      now - this.policy.idleTimeoutMs,
      now - this.policy.absoluteLifetimeMs,
    ]);
    return r.changes;
  }
}

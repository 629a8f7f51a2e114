/** Reads of users and their workspaces for the auth and invite routes. */
import type { Role } from "@tsumugi/domain";
import type { Queryable } from "../storage/database.js";
import type { QueryBuilder } from "../storage/query-builder.js";

export interface UserView {
  id: string;
  email: string;
  name: string;
  organization: string;
}

export interface WorkspaceMembershipView {
  id: string;
  name: string;
  prefecture: string;
  lgCode: string;
  role: Role;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  organization: string;
  password_hash: string;
  disabled_at: number | null;
}

export function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  return db.get<UserRow>("SELECT * FROM users WHERE email = ?", [email]);
}

export function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  return db.get<UserRow>("SELECT * FROM users WHERE id = ?", [id]);
}

/** A new account; the e-mail must be free (users.email is unique). */
export async function insertUser(
  q: QueryBuilder,
  user: {
    id: string;
    email: string;
    name: string;
    organization: string;
    passwordHash: string;
    createdAt: number;
  },
): Promise<void> {
  await q
    .insertInto("users")
    .values({
      id: user.id,
      email: user.email,
      name: user.name,
      organization: user.organization,
      password_hash: user.passwordHash,
      created_at: user.createdAt,
      password_changed_at: user.createdAt,
    })
    .execute();
}

export function userView(u: { id: string; email: string; name: string; organization: string }): UserView {
  return { id: u.id, email: u.email, name: u.name, organization: u.organization };
}

/** The workspaces where the user is an active member. */
export async function workspacesOf(db: Queryable, userId: string): Promise<WorkspaceMembershipView[]> {
  return db.all<WorkspaceMembershipView>(
    `SELECT w.id, w.name, w.prefecture, w.lg_code AS "lgCode", m.role
       FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
      WHERE m.user_id = ? AND m.disabled_at IS NULL ORDER BY w.name`,
    [userId],
  );
}

/**
 * The answer of login, GET /api/auth/me and invite acceptance: who, where, and when this
 * session ends unless used again (the web app offers offline copies only until then).
 */
export async function sessionInfo(
  db: Queryable,
  user: { id: string; email: string; name: string; organization: string },
  session: { id: string; expiresAt: number },
) {
  return {
    user: userView(user),
    workspaces: await workspacesOf(db, user.id),
    // The id names the session (a logout sent later says which one it ends); without the
    // token's secret it opens nothing.
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
  };
}

/** Names of the given users (audit entries, lists), by id. */
export async function userNames(
  q: QueryBuilder,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return q.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute();
}

/** All SQL on accounts (`users` but their second factor) and the workspaces a user belongs to. */
import type { Role } from "@tsumugi/domain";
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

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  organization: string;
  passwordHash: string;
  disabledAt: number | null;
}

function findUser(q: QueryBuilder, column: "email" | "id", value: string): Promise<UserRecord | undefined> {
  return q
    .selectFrom("users")
    .select([
      "id",
      "email",
      "name",
      "organization",
      "password_hash as passwordHash",
      "disabled_at as disabledAt",
    ])
    .where(column, "=", value)
    .executeTakeFirst();
}

export function findUserByEmail(q: QueryBuilder, email: string): Promise<UserRecord | undefined> {
  return findUser(q, "email", email);
}

export function findUserById(q: QueryBuilder, id: string): Promise<UserRecord | undefined> {
  return findUser(q, "id", id);
}

/** A new password (its Argon2id hash). */
export async function updatePassword(
  q: QueryBuilder,
  userId: string,
  passwordHash: string,
  changedAt: number,
): Promise<void> {
  await q
    .updateTable("users")
    .set({ password_hash: passwordHash, password_changed_at: changedAt })
    .where("id", "=", userId)
    .execute();
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
export async function workspacesOf(q: QueryBuilder, userId: string): Promise<WorkspaceMembershipView[]> {
  const rows = await q
    .selectFrom("memberships as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .select(["w.id", "w.name", "w.prefecture", "w.lg_code as lgCode", "m.role"])
    .where("m.user_id", "=", userId)
    .where("m.disabled_at", "is", null)
    .orderBy("w.name")
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/**
 * The answer of login, GET /api/auth/me and invite acceptance: who, where, and when this
 * session ends unless used again (the web app offers offline copies only until then).
 */
export async function sessionInfo(
  q: QueryBuilder,
  user: { id: string; email: string; name: string; organization: string },
  session: { id: string; expiresAt: number },
) {
  return {
    user: userView(user),
    workspaces: await workspacesOf(q, user.id),
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

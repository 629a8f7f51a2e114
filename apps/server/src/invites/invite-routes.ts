/**
 * Invitations: the secretariat creates a single-use, expiring link with the role and
 * groups preset; the invitee opens it, sets name and password and is logged in.
 * Only SHA-256 of the link's secret is stored. An e-mail that already has an account joins
 * with that account's password instead of creating a second account.
 */
import { isId, isRole, type Role } from "@tsumugi/domain";
import { Hono } from "hono";
import { findUserByEmail, sessionInfo } from "../auth/account-repository.js";
import { startChallenge } from "../auth/login-challenge.js";
import { attemptOf, checkPassword, type LoginGuard, rememberBrowser } from "../auth/login-guard.js";
import { throttledError } from "../auth/login-throttle.js";
import { hashPassword, passwordProblem } from "../auth/password.js";
import { newSecretToken, secretMatches, splitToken } from "../auth/secret-token.js";
import { startSession } from "../auth/start-session.js";
import { twoFactorState } from "../auth/two-factor.js";
import type { AppContext } from "../context.js";
import type { AppEnv } from "../http/env.js";
import { ApiError, invalid } from "../http/errors.js";
import { FieldErrors, isEmail, readJsonObject } from "../http/request-body.js";
import { newId } from "../ids.js";
import { authorize } from "../workspaces/workspace-guard.js";

interface InviteRow {
  id: string;
  workspace_id: string;
  secret_hash: Buffer;
  email: string | null;
  role: Role;
  group_ids: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

type InviteStatus = "pending" | "used" | "expired" | "revoked";

function statusOf(row: InviteRow, now: number): InviteStatus {
  if (row.revoked_at !== null) return "revoked";
  if (row.used_at !== null) return "used";
  if (row.expires_at <= now) return "expired";
  return "pending";
}

function inviteView(row: InviteRow, now: number) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    groupIds: JSON.parse(row.group_ids) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status: statusOf(row, now),
  };
}

const inviteInvalid = () => new ApiError(404, "invite.invalid", "招待リンクが無効です。");
const inviteUsed = () => new ApiError(410, "invite.used", "この招待リンクは既に使用されています。");
const invalidLogin = () =>
  new ApiError(401, "auth.invalid", "メールアドレスまたはパスワードが正しくありません。");

/** The invite a token points at, or an error saying why it cannot be used. */
async function usableInvite(app: AppContext, token: string): Promise<InviteRow> {
  const parts = splitToken(token);
  const row = parts
    ? await app.db.get<InviteRow>("SELECT * FROM invites WHERE id = ?", [parts.id])
    : undefined;
  if (!parts || !row || !secretMatches(parts.secret, row.secret_hash)) throw inviteInvalid();
  const status = statusOf(row, Date.now());
  if (status === "used") throw inviteUsed();
  if (status === "expired") throw new ApiError(410, "invite.expired", "招待リンクの有効期限が切れています。");
  if (status === "revoked") throw inviteInvalid();
  return row;
}

/** Secretariat routes under /api/workspaces/:wid/invites. */
export function workspaceInviteRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    authorize(c, "invites.manage");
    const rows = await c
      .get("app")
      .db.all<InviteRow>("SELECT * FROM invites WHERE workspace_id = ? ORDER BY created_at DESC", [
        c.get("workspaceId"),
      ]);
    const now = Date.now();
    return c.json({ invites: rows.map((row) => inviteView(row, now)) });
  });

  r.post("/", async (c) => {
    const actor = authorize(c, "invites.manage");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const email = errors.string(body, "email", { min: 0, max: 254, optional: true }).toLowerCase();
    if (email && !isEmail(email)) errors.add("email", "format");
    if (!isRole(body.role)) errors.add("role", "unknown");
    const groupIds = Array.isArray(body.groupIds) ? body.groupIds : body.groupIds === undefined ? [] : null;
    if (groupIds === null || !groupIds.every(isId)) errors.add("groupIds", "unknown");
    else if (groupIds.length > 0) {
      const found = await app.db.all<{ id: string }>(
        `SELECT id FROM groups WHERE workspace_id = ? AND id IN (${groupIds.map(() => "?").join(",")})`,
        [wid, ...(groupIds as string[])],
      );
      if (found.length !== new Set(groupIds).size) errors.add("groupIds", "unknown");
    }
    if (errors.any) throw invalid(errors.fields);

    const { id, token, secretHash } = newSecretToken();
    const now = Date.now();
    const row: InviteRow = {
      id,
      workspace_id: wid,
      secret_hash: secretHash,
      email: email || null,
      role: body.role as Role,
      group_ids: JSON.stringify([...new Set(groupIds as string[])]),
      created_at: now,
      expires_at: now + app.config.inviteLifetimeMs,
      used_at: null,
      revoked_at: null,
    };
    await app.db.run(
      `INSERT INTO invites (id, workspace_id, secret_hash, email, role, group_ids, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, wid, secretHash, row.email, row.role, row.group_ids, actor.userId, now, row.expires_at],
    );
    await app.audit.record({
      event: "invite.created",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: id,
      ip: c.get("ip"),
      detail: { email: row.email, role: row.role, groupIds: JSON.parse(row.group_ids) },
    });
    return c.json({ invite: inviteView(row, now), url: `${app.config.publicUrl}/invite/${token}` }, 201);
  });

  r.delete("/:iid", async (c) => {
    const actor = authorize(c, "invites.manage");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const iid = c.req.param("iid");
    const result = await app.db.run(
      "UPDATE invites SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND used_at IS NULL AND revoked_at IS NULL",
      [Date.now(), iid, wid],
    );
    if (result.changes === 0) throw new ApiError(404, "invite.notFound", "取り消せる招待が見つかりません。");
    await app.audit.record({
      event: "invite.revoked",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: iid,
      ip: c.get("ip"),
    });
    return c.body(null, 204);
  });

  return r;
}

/** Public routes under /api/invites/:token. */
export function publicInviteRoutes(guard: LoginGuard): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/:token", async (c) => {
    const app = c.get("app");
    const row = await usableInvite(app, c.req.param("token"));
    const workspace = await app.db.get<{ name: string }>("SELECT name FROM workspaces WHERE id = ?", [
      row.workspace_id,
    ]);
    const ids = JSON.parse(row.group_ids) as string[];
    const groups = ids.length
      ? await app.db.all<{ name: string }>(
          `SELECT name FROM groups WHERE id IN (${ids.map(() => "?").join(",")})`,
          ids,
        )
      : [];
    return c.json({
      workspaceName: workspace?.name ?? "",
      role: row.role,
      groupNames: groups.map((g) => g.name),
      email: row.email,
      expiresAt: row.expires_at,
    });
  });

  r.post("/:token/accept", async (c) => {
    const app = c.get("app");
    const ip = c.get("ip");
    const row = await usableInvite(app, c.req.param("token"));
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const email = (row.email ?? errors.string(body, "email", { max: 254 })).toLowerCase();
    if (!isEmail(email)) errors.add("email", "format");
    const password = typeof body.password === "string" ? body.password : "";
    // Every answer short of success must be the same whether the address is registered or
    // not (an open link must not tell who has an account): fields are checked, and the
    // throttle consulted, before the address is looked up.
    const mode =
      body.mode === "existing" || body.mode === "new"
        ? body.mode
        : typeof body.name === "string" && body.name.trim() !== ""
          ? "new"
          : "existing";
    let name = "";
    let organization = "";
    if (mode === "existing") {
      if (!password) errors.add("password", "required");
    } else {
      name = errors.string(body, "name", { max: 100 });
      organization = errors.string(body, "organization", { min: 0, max: 100, optional: true });
      const problem = passwordProblem(password, [email, name]);
      if (problem) errors.add("password", problem);
    }
    if (errors.any) throw invalid(errors.fields);
    const wait = await guard.throttle.retryAfterMs(await attemptOf(c, guard, email, undefined));
    if (wait > 0) throw throttledError(wait);

    const found = await findUserByEmail(app.db, email);
    let existing: typeof found;
    if (mode === "existing" || found) {
      // Joining with an account is a password check like a login: same throttle, same audit,
      // and for a wrong password or an unknown address the same answer as the login's.
      const ok = await checkPassword(c, guard, { email, password, user: found, via: "invite" });
      if (ok) existing = found;
      else if (mode === "existing") throw invalidLogin();
      else {
        // A complete new-account form for a registered address with another password: saying
        // "taken" while keeping the link would let its holder test address after address, so
        // the link is spent (as a new account would have spent it), and nobody joins.
        await app.db.run("UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL", [
          Date.now(),
          row.id,
        ]);
        await app.audit.record({
          event: "invite.spent",
          workspaceId: row.workspace_id,
          actorUserId: null,
          target: row.id,
          ip,
          detail: { reason: "new-account form for a registered address with a wrong password" },
        });
        throw inviteUsed();
      }
    }
    const passwordHash = existing ? null : await hashPassword(password);

    const userId = await app.db.transaction(async (tx) => {
      const now = Date.now();
      const id = existing?.id ?? newId();
      // Single use even under concurrent accepts: only one UPDATE can match.
      const claimed = await tx.run(
        "UPDATE invites SET used_at = ?, used_by = NULL WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?",
        [now, row.id, now],
      );
      if (claimed.changes !== 1) throw inviteUsed();
      if (!existing) {
        await tx.run(
          "INSERT INTO users (id, email, name, organization, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          [id, email, name, organization, passwordHash, now, now],
        );
      } else {
        const member = await tx.get("SELECT 1 FROM memberships WHERE workspace_id = ? AND user_id = ?", [
          row.workspace_id,
          id,
        ]);
        if (member)
          throw new ApiError(409, "invite.alreadyMember", "このアカウントは既にこの自治体のメンバーです。");
      }
      await tx.run("UPDATE invites SET used_by = ? WHERE id = ?", [id, row.id]);
      await tx.run("INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)", [
        row.workspace_id,
        id,
        row.role,
        now,
      ]);
      for (const gid of JSON.parse(row.group_ids) as string[]) {
        await tx.run(
          "INSERT OR IGNORE INTO group_members (group_id, user_id) SELECT id, ? FROM groups WHERE id = ? AND workspace_id = ?",
          [id, gid, row.workspace_id],
        );
      }
      return id;
    });
    await app.audit.record({
      event: "invite.accepted",
      workspaceId: row.workspace_id,
      actorUserId: userId,
      target: row.id,
      ip,
      detail: { role: row.role, existingAccount: Boolean(existing) },
    });
    const twoFactor = await twoFactorState(app.db, userId);
    if (twoFactor.enabled || twoFactor.required) {
      // Joined; the login itself needs the second step (or the enrolment the policy demands).
      return c.json(await startChallenge(c, userId, twoFactor.enabled ? "verify" : "enrol"), 201);
    }
    const session = await startSession(c, userId);
    await rememberBrowser(c, guard, userId);
    const user = existing ?? { id: userId, email, name, organization };
    return c.json(await sessionInfo(app.db, user, session), 201);
  });

  return r;
}

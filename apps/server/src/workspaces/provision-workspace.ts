/**
 * Adds a municipality to a running installation: the workspace, its 事務局 group and its
 * first secretariat account (everything else the secretariat does in the app). Used by
 * `npm run workspace:create`; the demo seed has its own data.
 */
import { isEmail } from "@tsumugi/contract";
import { prefectureOfLgCode, validateLgCode } from "@tsumugi/domain";
import type { AuditLog } from "../audit/audit-log.js";
import { hashPassword } from "../auth/password.js";
import { newId } from "../ids.js";
import type { Database } from "../storage/database.js";

export interface ProvisionInput {
  name: string;
  lgCode: string;
  adminEmail: string;
  adminName: string;
}

export interface Provisioned {
  workspaceId: string;
  prefecture: string;
  /** Set when a new account was created: shown once, to be changed at first login. */
  initialPassword: string | null;
}

export class ProvisionError extends Error {}

export async function provisionWorkspace(
  db: Database,
  audit: AuditLog,
  input: ProvisionInput,
): Promise<Provisioned> {
  const name = input.name.trim();
  const email = input.adminEmail.trim().toLowerCase();
  const adminName = input.adminName.trim();
  if (!name || name.length > 100) throw new ProvisionError("市町村名を 1〜100 文字で指定してください。");
  const problem = validateLgCode(input.lgCode);
  if (problem === "check-digit")
    throw new ProvisionError(`地方公共団体コード ${input.lgCode} の検査数字が正しくありません。`);
  if (problem)
    throw new ProvisionError(`地方公共団体コード ${input.lgCode} は 6 桁の正しいコードではありません。`);
  if (!isEmail(email))
    throw new ProvisionError(`メールアドレス ${input.adminEmail} の形式が正しくありません。`);
  if (!adminName || adminName.length > 100)
    throw new ProvisionError("事務局担当者の氏名を指定してください。");
  const prefecture = prefectureOfLgCode(input.lgCode) as string;

  const existing = await db.get<{ id: string }>("SELECT id FROM users WHERE email = ?", [email]);
  // Generated before the transaction: Argon2 is slow and the transaction holds the writer.
  const initialPassword = existing ? null : newId(12);
  const passwordHash = initialPassword ? await hashPassword(initialPassword) : null;
  const workspaceId = newId();
  const userId = existing?.id ?? newId();
  await db.transaction(async (tx) => {
    const taken = await tx.get("SELECT 1 FROM workspaces WHERE lg_code = ?", [input.lgCode]);
    if (taken)
      throw new ProvisionError(`地方公共団体コード ${input.lgCode} の自治体は既に登録されています。`);
    const now = Date.now();
    await tx.run(
      "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES (?, ?, ?, ?, ?)",
      [workspaceId, name, prefecture, input.lgCode, now],
    );
    if (!existing) {
      await tx.run(
        "INSERT INTO users (id, email, name, organization, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [userId, email, adminName, name, passwordHash, now, now],
      );
    }
    await tx.run("INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)", [
      workspaceId,
      userId,
      "secretariat",
      now,
    ]);
    const groupId = newId();
    await tx.run("INSERT INTO groups (id, workspace_id, name, kind, created_at) VALUES (?, ?, ?, ?, ?)", [
      groupId,
      workspaceId,
      "事務局",
      "secretariat",
      now,
    ]);
    await tx.run("INSERT INTO group_members (group_id, user_id) VALUES (?, ?)", [groupId, userId]);
  });
  await audit.record({
    event: "workspace.created",
    workspaceId,
    actorUserId: null,
    target: workspaceId,
    detail: { name, lgCode: input.lgCode, secretariat: email, via: "cli" },
  });
  return { workspaceId, prefecture, initialPassword };
}

/**
 * Adds a municipality to a running installation: the workspace, its 事務局 group and its
 * first secretariat account (everything else the secretariat does in the app), through the
 * repositories of those features, in one transaction. Used by `npm run workspace:create`; the
 * demo seed has its own data.
 */
import { isEmail } from "@tsumugi/contract";
import { newId, prefectureOfLgCode, validateLgCode } from "@tsumugi/domain";
import { findUserByEmail, insertUser } from "../auth/account-repository.js";
import { hashPassword } from "../auth/password.js";
import type { AppContext } from "../context.js";
import { addGroupMember, insertGroup } from "../groups/group-repository.js";
import { insertMembership } from "../members/member-repository.js";
import { insertWorkspace } from "./workspace-repository.js";

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
  app: Pick<AppContext, "db" | "kysely" | "audit">,
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

  const existing = await findUserByEmail(app.kysely, email);
  // Generated before the transaction: Argon2 is slow and the transaction holds the writer.
  const initialPassword = existing ? null : newId(12);
  const passwordHash = initialPassword ? await hashPassword(initialPassword) : null;
  const workspaceId = newId();
  const userId = existing?.id ?? newId();
  await app.kysely.transaction().execute(async (trx) => {
    const now = Date.now();
    const added = await insertWorkspace(
      trx,
      { id: workspaceId, name, prefecture, lgCode: input.lgCode },
      now,
    );
    if (!added)
      throw new ProvisionError(`地方公共団体コード ${input.lgCode} の自治体は既に登録されています。`);
    if (passwordHash)
      await insertUser(trx, {
        id: userId,
        email,
        name: adminName,
        organization: name,
        passwordHash,
        createdAt: now,
      });
    await insertMembership(trx, { workspaceId, userId, role: "secretariat", createdAt: now });
    const groupId = newId();
    await insertGroup(trx, {
      id: groupId,
      workspaceId,
      name: "事務局",
      kind: "secretariat",
      parentId: null,
      createdAt: now,
    });
    await addGroupMember(trx, groupId, userId);
  });
  await app.audit.record({
    event: "workspace.created",
    workspaceId,
    actorUserId: null,
    target: workspaceId,
    detail: { name, lgCode: input.lgCode, secretariat: email, via: "cli" },
  });
  return { workspaceId, prefecture, initialPassword };
}

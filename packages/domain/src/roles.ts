/** Workspace roles. One per user and workspace. */
export const ROLES = ["secretariat", "member", "coordinator", "observer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Kinds of group inside a workspace (全体会, 部会, 班, 事務局). */
export const GROUP_KINDS = ["plenary", "division", "team", "secretariat"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export function isGroupKind(value: unknown): value is GroupKind {
  return typeof value === "string" && (GROUP_KINDS as readonly string[]).includes(value);
}

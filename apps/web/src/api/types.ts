/**
 * Shapes of the REST answers of features not yet described by @tsumugi/contract. A converted
 * feature's types come from the contract (its schemas); they are re-exported here only for
 * the pages that still import them from this file.
 */
import type { DocumentKind, Role } from "@tsumugi/domain";

export interface User {
  id: string;
  email: string;
  name: string;
  organization: string;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  prefecture: string;
  lgCode: string;
  role: Role;
}

export interface Me {
  user: User;
  workspaces: WorkspaceSummary[];
  /** Names this session, e.g. for a logout sent later (not a secret: the token's secret is). */
  sessionId: string;
  /** When this session ends unless it is used again (ms since the epoch, server clock). */
  sessionExpiresAt: number;
}

/** A login (or an accepted invitation) whose password was right but needs the second step. */
export interface SecondStep {
  secondStep: "code" | "enrol";
}

export interface DocumentInfo {
  id: string;
  title: string;
  kind: DocumentKind;
  groupId: string | null;
  docName: string;
  access: "write" | "read";
  locked: boolean;
  draftStatus: import("@tsumugi/domain").DraftStatus | null;
  publicId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type { Group, Member, WorkspaceDetail } from "@tsumugi/contract";

export interface Invite {
  id: string;
  email: string | null;
  role: Role;
  groupIds: string[];
  createdAt: number;
  expiresAt: number;
  status: "pending" | "used" | "expired" | "revoked";
}

export interface AuditEntry {
  id: number;
  at: number;
  event: string;
  actorUserId: string | null;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
  /** Resolved by the server: who acted and what was acted on, by name. */
  actorName: string | null;
  targetKind: string | null;
  targetName: string | null;
  /** Names of ids inside `detail` (groups, plan actions, plans). */
  names: Record<string, string>;
}

export interface PlanInfo {
  id: string;
  fiscalYear: number;
  label: string;
  title: string;
  docName: string;
  access: "write" | "read";
  createdAt: number;
}

export interface PlanChange {
  id: number;
  at: number;
  by: string[];
  table: string;
  rowId: string;
  title: string;
  change: "added" | "changed" | "removed";
  fields: string[];
}

export interface DashboardResponse {
  dashboard: import("@tsumugi/domain").PlanDashboard;
  projectedAt: number;
  invalidRows: number;
  recentChanges: PlanChange[];
}

export interface MeetingInfo {
  id: string;
  kind: import("@tsumugi/domain").MeetingKind;
  groupId: string | null;
  fiscalYear: number;
  fiscalYearLabel: string;
  number: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  onlineUrl: string;
  state: import("@tsumugi/domain").MeetingState;
  minutesState: import("@tsumugi/domain").MinutesState;
  documentId: string;
  docName: string;
  access: "write" | "read";
  canManage: boolean;
  invitees: string[];
  closedAt: number | null;
}

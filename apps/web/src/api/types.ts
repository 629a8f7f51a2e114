/**
 * Shapes of the REST answers of features not yet described by @tsumugi/contract (the plan,
 * and the meeting shape some pages still read). A converted feature's types come from the
 * contract; this file goes when the last of these does.
 */

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
  /** Made up by the demo: marked 「デモ用の例」. */
  demo: boolean;
}

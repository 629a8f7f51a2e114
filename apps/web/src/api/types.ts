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

/**
 * Working-group drafts (情報共有シート, 入退院支援ルール …): a group drafts, the plenary reviews,
 * the secretariat approves and may publish to a public page. Approved and published drafts
 * are locked (read-only for everyone).
 */

export const DRAFT_STATUSES = [
  { id: "drafting", label: "作成中" },
  { id: "reviewing", label: "全体会で確認中" },
  { id: "approved", label: "承認済" },
  { id: "published", label: "公開" },
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number]["id"];

export const isDraftStatus = (v: unknown): v is DraftStatus =>
  typeof v === "string" && DRAFT_STATUSES.some((s) => s.id === v);

export const DRAFT_TEMPLATES = ["infoSharing", "dischargeRules", "emergencySheet", "personalInfo"] as const;
export type DraftTemplate = (typeof DRAFT_TEMPLATES)[number];
export const isDraftTemplate = (v: unknown): v is DraftTemplate =>
  typeof v === "string" && (DRAFT_TEMPLATES as readonly string[]).includes(v);

/** Locked states: the text no longer changes. */
export const isLockedDraftStatus = (s: DraftStatus) => s === "approved" || s === "published";

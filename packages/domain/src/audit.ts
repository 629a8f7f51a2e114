/**
 * The events the audit log (操作記録) records, each with the kind a reader filters by. The
 * server records only these (a unit test greps its sources); the web app has a Japanese label
 * for each.
 */

export const AUDIT_KINDS = [
  "account",
  "members",
  "groups",
  "documents",
  "meetings",
  "indicators",
  "refused",
  "workspace",
  "reads",
  "desk",
  "resources",
  "events",
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_EVENT_KINDS = {
  "login.success": "account",
  "login.failure": "account",
  "login.throttled": "account",
  "login.second_step": "account",
  "login.second_factor_failure": "account",
  "login.recovery_code_used": "account",
  "2fa.enabled": "account",
  "2fa.disabled": "account",
  "2fa.recovery_codes_renewed": "account",
  logout: "account",
  "password.changed": "account",
  "invite.created": "members",
  "invite.revoked": "members",
  "invite.accepted": "members",
  "invite.spent": "members",
  "member.role_changed": "members",
  "member.disabled": "members",
  "member.enabled": "members",
  "member.sessions_ended": "members",
  "group.created": "groups",
  "group.updated": "groups",
  "group.deleted": "groups",
  "group.member_added": "groups",
  "group.member_removed": "groups",
  "workspace.created": "workspace",
  "workspace.updated": "workspace",
  "workspace.two_factor_policy": "workspace",
  "meeting_papers.updated": "workspace",
  "document.created": "documents",
  "plan.created": "documents",
  "plan.rebuilt": "documents",
  "draft.status_changed": "documents",
  "meeting.created": "meetings",
  "meeting.state_changed": "meetings",
  "meeting.outcome_action": "meetings",
  "minutes.state_changed": "meetings",
  "region.joined": "indicators",
  "region.left": "indicators",
  "region.join_requested": "indicators",
  "region.join_approved": "indicators",
  "region.join_refused": "indicators",
  "region.request_withdrawn": "indicators",
  "document.access_refused": "refused",
  "document.write_refused": "refused",
  "document.write_limited": "refused",
  "document.write_reserved": "refused",
  "access.refused": "refused",
  "record.read": "reads",
  "consultation.searched": "reads",
  "consultation.exported": "reads",
  "desk.created": "desk",
  "desk.updated": "desk",
  "desk.deleted": "desk",
  // Before the desk and the directory shared one list (migration 25): kept for old entries.
  "desk.areas_changed": "desk",
  "consultation.created": "desk",
  "consultation.updated": "desk",
  "consultation.case_updated": "desk",
  "consultation.anonymised": "desk",
  "example.drafted": "desk",
  "example.updated": "desk",
  "example.status_changed": "desk",
  "example.deleted": "desk",
  "resource.created": "resources",
  "resource.updated": "resources",
  "resource.closed": "resources",
  "resource.reopened": "resources",
  "resource.deleted": "resources",
  "resource.imported": "resources",
  "resource.settings_updated": "resources",
  "resource.areas_updated": "resources",
  // 日常生活圏域, shared by the desk and the directory.
  "area.created": "workspace",
  "area.updated": "workspace",
  "area.deleted": "workspace",
  "resource.link_sent": "resources",
  "resource.links_revoked": "resources",
  "resource.provider_opened": "resources",
  "resource.provider_submitted": "resources",
  "resource.update_applied": "resources",
  "resource.update_rejected": "resources",
  "resource.linked": "resources",
  "resource.unlinked": "resources",
  "event.created": "events",
  "event.updated": "events",
  "event.status_changed": "events",
  "event.deleted": "events",
  "event.cohost_added": "events",
  "event.cohost_removed": "events",
  "event.series_created": "events",
  "event.series_updated": "events",
  "event.material_added": "events",
  "event.material_updated": "events",
  "event.material_deleted": "events",
  "event.questionnaire_saved": "events",
  "event.questionnaire_deleted": "events",
  "event.questionnaire_exported": "events",
  "event.questionnaire_paper_entered": "events",
  "event.participant_registered": "events",
  "event.participant_cancelled": "events",
  "event.participant_promoted": "events",
  "event.participant_checked_in": "events",
  "event.participant_walk_in": "events",
  "event.walk_in_removed": "events",
  "event.participants_erased": "events",
  "event.public_refused": "events",
  "event.request_received": "events",
  "event.request_updated": "events",
  "event.requests_erased": "events",
  "event.distribution_recorded": "events",
  "event.distribution_updated": "events",
  "event.distribution_deleted": "events",
} as const satisfies Record<string, AuditKind>;

export type AuditEventCode = keyof typeof AUDIT_EVENT_KINDS;

export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === "string" && (AUDIT_KINDS as readonly string[]).includes(value);
}

export function isAuditEvent(value: unknown): value is AuditEventCode {
  return typeof value === "string" && Object.hasOwn(AUDIT_EVENT_KINDS, value);
}

/** The events of one kind, for filtering the log. */
export function auditEventsOfKind(kind: AuditKind): AuditEventCode[] {
  return (Object.keys(AUDIT_EVENT_KINDS) as AuditEventCode[]).filter((e) => AUDIT_EVENT_KINDS[e] === kind);
}

/**
 * What an entry's `target` names: a person, a document (by its collaboration name), a
 * meeting, a group, a region group, an invitation, a municipality, or a request path.
 */
export const AUDIT_TARGET_KINDS = [
  "user",
  "document",
  "meeting",
  "group",
  "region",
  "invite",
  "workspace",
  "desk",
  "consultationCase",
  "example",
  "resource",
  "path",
] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export function auditTargetKind(event: string): AuditTargetKind | null {
  if (event.startsWith("member.") || event.startsWith("group.member_")) return "user";
  if (event.startsWith("group.")) return "group";
  if (event.startsWith("invite.")) return "invite";
  if (event.startsWith("workspace.")) return "workspace";
  if (event.startsWith("region.")) return "region";
  if (event.startsWith("meeting.") || event.startsWith("minutes.")) return "meeting";
  if (event.startsWith("document.") || event.startsWith("plan.") || event.startsWith("draft.")) {
    return "document";
  }
  if (event.startsWith("desk.")) return "desk";
  if (event.startsWith("consultation.")) return "consultationCase";
  if (event.startsWith("example.")) return "example";
  if (event === "access.refused") return "path";
  if (
    event.startsWith("resource.") &&
    !["resource.imported", "resource.settings_updated", "resource.areas_updated"].includes(event)
  )
    return "resource";
  return null;
}

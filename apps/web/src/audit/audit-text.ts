/**
 * An audit entry in words: what happened (a label for every recorded event), to what (by
 * name, as the server resolved it) and the details an official wants (who was invited as
 * what, from which state to which), never event codes or ids.
 */

import type { AuditEntry } from "@tsumugi/contract";
import { fiscalYearLabel } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { hasMessage, t } from "../i18n/t";

/** The Japanese name of an event; the code itself only if a label is missing (a test forbids it). */
export function auditEventLabel(event: string): string {
  const key = `auditEvent.${event}`;
  return hasMessage(key) ? t(key) : event;
}

/** A label from the catalogue for `prefix.value`, or the value itself. */
function labelOf(prefix: string, value: unknown): string {
  const key = `${prefix}.${String(value)}`;
  return hasMessage(key) ? t(key as MessageKey) : String(value ?? "");
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** What the entry acted on, by name. */
export function auditTargetText(e: AuditEntry): string {
  if (e.targetKind === "path") {
    const method = str(e.detail.method);
    return method ? t("auditDetail.request", { method, path: e.target ?? "" }) : (e.target ?? "");
  }
  if (e.targetKind === "invite") {
    return e.targetName ? e.targetName : t("audit.noEmail");
  }
  if (e.targetName) return e.targetName;
  if (e.target && e.targetKind) return t("audit.deleted");
  return "";
}

/** The details of an entry as short Japanese phrases. */
export function auditDetailParts(e: AuditEntry): string[] {
  const d = e.detail;
  const parts: string[] = [];
  const groupNames = (ids: unknown): string =>
    (Array.isArray(ids) ? ids : typeof ids === "string" ? [ids] : [])
      .map((id) => e.names[String(id)] ?? t("audit.deleted"))
      .join("、");
  switch (e.event) {
    case "login.failure":
      if (str(d.email)) parts.push(t("auditDetail.email", { email: String(d.email) }));
      if (str(d.reason)) parts.push(labelOf("auditDetail.reason", d.reason));
      break;
    case "login.throttled":
      if (str(d.email)) parts.push(t("auditDetail.email", { email: String(d.email) }));
      if (typeof d.waitSeconds === "number") parts.push(t("auditDetail.wait", { seconds: d.waitSeconds }));
      if (d.knownBrowser === true) parts.push(t("auditDetail.knownBrowser"));
      break;
    case "logout":
      if (str(d.reason)) parts.push(t("auditDetail.replaced"));
      break;
    case "password.changed":
      if (typeof d.endedSessions === "number" && d.endedSessions > 0) {
        parts.push(t("auditDetail.endedSessions", { count: d.endedSessions }));
      }
      break;
    case "invite.created":
      if (str(d.role)) parts.push(t("auditDetail.role", { role: labelOf("role", d.role) }));
      if (Array.isArray(d.groupIds) && d.groupIds.length > 0) {
        parts.push(t("auditDetail.groups", { groups: groupNames(d.groupIds) }));
      }
      break;
    case "invite.accepted":
      if (str(d.role)) parts.push(t("auditDetail.role", { role: labelOf("role", d.role) }));
      if (d.existingAccount === true) parts.push(t("auditDetail.existingAccount"));
      break;
    case "member.role_changed":
      if (str(d.from) && str(d.to)) {
        parts.push(t("auditDetail.roleChange", { from: labelOf("role", d.from), to: labelOf("role", d.to) }));
      }
      break;
    case "member.sessions_ended":
      if (typeof d.count === "number") parts.push(t("auditDetail.count", { count: d.count }));
      break;
    case "group.created":
    case "group.updated":
      if (str(d.name)) parts.push(t("auditDetail.name", { name: String(d.name) }));
      if (str(d.kind)) parts.push(t("auditDetail.kind", { kind: labelOf("groupKind", d.kind) }));
      if (str(d.parentId)) parts.push(t("auditDetail.parent", { group: groupNames(d.parentId) }));
      break;
    case "group.member_added":
    case "group.member_removed":
      if (d.groupId) parts.push(t("auditDetail.groups", { groups: groupNames(d.groupId) }));
      break;
    case "workspace.created":
      if (str(d.name)) parts.push(t("auditDetail.name", { name: String(d.name) }));
      if (str(d.lgCode)) parts.push(t("auditDetail.lgCode", { code: String(d.lgCode) }));
      if (str(d.secretariat)) parts.push(t("auditDetail.secretariat", { email: String(d.secretariat) }));
      break;
    case "workspace.updated":
      if (str(d.prefecture) || str(d.name)) {
        parts.push(
          `${str(d.prefecture) ?? ""}${str(d.prefecture) && str(d.name) ? " " : ""}${str(d.name) ?? ""}`,
        );
      }
      if (str(d.lgCode)) parts.push(t("auditDetail.lgCode", { code: String(d.lgCode) }));
      break;
    case "document.created":
      if (str(d.kind)) parts.push(t("auditDetail.documentKind", { kind: labelOf("documentKind", d.kind) }));
      if (str(d.groupId)) parts.push(t("auditDetail.groups", { groups: groupNames(d.groupId) }));
      break;
    case "plan.created":
      if (typeof d.carriedFrom === "number") {
        parts.push(t("auditDetail.carriedFrom", { label: fiscalYearLabel(d.carriedFrom) }));
      }
      break;
    case "draft.status_changed":
      parts.push(stateChange("draftStatus", d.from, d.to));
      break;
    case "meeting.created":
      if (str(d.kind) && typeof d.number === "number") {
        parts.push(t("auditDetail.meeting", { kind: labelOf("meetingKind", d.kind), number: d.number }));
      }
      break;
    case "meeting.state_changed":
      parts.push(stateChange("meetingState", d.from, d.to));
      break;
    case "minutes.state_changed":
      parts.push(stateChange("minutesState", d.from, d.to));
      break;
    case "meeting.outcome_action":
      if (str(d.actionId)) {
        parts.push(t("auditDetail.action", { title: e.names[String(d.actionId)] ?? t("audit.deleted") }));
      }
      if (str(d.plan) && e.names[String(d.plan)]) parts.push(e.names[String(d.plan)]);
      break;
    case "region.joined":
      if (d.created === true) parts.push(t("auditDetail.regionCreated"));
      break;
    case "document.write_limited":
      if (typeof d.max === "number") parts.push(t("auditDetail.limitKb", { kb: Math.round(d.max / 1024) }));
      break;
    case "document.write_reserved":
      if (d.parts === "planPapers") parts.push(t("auditDetail.planPapers"));
      break;
    case "document.access_refused":
      if (d.via === "collab") parts.push(t("auditDetail.viaCollab"));
      break;
    case "access.refused":
      if (str(d.code)) {
        const key = `error.${String(d.code)}`;
        if (hasMessage(key)) parts.push(t(key));
      }
      break;
  }
  return parts.filter((p) => p !== "");
}

function stateChange(prefix: string, from: unknown, to: unknown): string {
  if (!str(to)) return "";
  return str(from)
    ? t("auditDetail.stateChange", { from: labelOf(prefix, from), to: labelOf(prefix, to) })
    : t("auditDetail.stateTo", { to: labelOf(prefix, to) });
}

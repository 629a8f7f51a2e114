/**
 * Audit entries as a person reads them: the names of who acted and of what was acted on
 * (people, documents, meetings, groups, region groups, invitations, municipalities), and of
 * the ids inside an entry's detail (groups, plan actions), resolved at read time through each
 * feature's repository. An entity deleted since keeps the name the entry recorded, when it
 * recorded one.
 */
import type { AuditEntry, AuditList } from "@tsumugi/contract";
import { type AuditTargetKind, auditTargetKind } from "@tsumugi/domain";
import { userNames } from "../auth/account-repository.js";
import { caseNumbers } from "../desk/case-repository.js";
import { deskNames } from "../desk/desk-repository.js";
import { exampleTitles } from "../desk/example-repository.js";
import { documentTitles } from "../documents/document-repository.js";
import { groupsAmong } from "../groups/group-repository.js";
import { regionGroupNames } from "../indicators/region-repository.js";
import { inviteEmails } from "../invites/invite-repository.js";
import { meetingTitles } from "../meetings/meeting-repository.js";
import { actionTitles } from "../plan/plan-repository.js";
import { resourceNames } from "../resources/resource-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { workspaceNames } from "../workspaces/workspace-repository.js";
import type { AuditRecord } from "./audit-repository.js";

/** Ids per query: well under the parameter limits of SQLite and PostgreSQL. */
const CHUNK = 400;

/** id → name for the given ids, one query per chunk. */
async function namesOf(
  ids: Iterable<string>,
  lookup: (chunk: string[]) => Promise<{ id: string; name: string }[]>,
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    for (const r of await lookup(unique.slice(i, i + CHUNK))) out.set(r.id, r.name);
  }
  return out;
}

const strings = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.filter((v) => typeof v === "string")
      : [];

/** Record kinds of `record.read` entries (target `kind:id`) that name a target kind. */
const READ_KINDS: Record<string, AuditTargetKind> = { consultationCase: "consultationCase" };

/** What an entry acted on: by its event, or for a read of a record by the target's `kind:id`. */
function targetOf(r: AuditRecord): { kind: AuditTargetKind | null; id: string | null } {
  if (r.event === "record.read" && r.target) {
    const at = r.target.indexOf(":");
    const kind = at > 0 ? READ_KINDS[r.target.slice(0, at)] : undefined;
    return kind ? { kind, id: r.target.slice(at + 1) } : { kind: null, id: null };
  }
  return { kind: auditTargetKind(r.event), id: r.target };
}

export async function describeAuditRecords(
  q: QueryBuilder,
  workspaceId: string,
  records: readonly AuditRecord[],
): Promise<AuditEntry[]> {
  const wanted: Record<AuditTargetKind | "action", Set<string>> = {
    user: new Set(),
    document: new Set(),
    meeting: new Set(),
    group: new Set(),
    region: new Set(),
    invite: new Set(),
    workspace: new Set(),
    desk: new Set(),
    consultationCase: new Set(),
    example: new Set(),
    resource: new Set(),
    path: new Set(),
    action: new Set(),
  };
  for (const r of records) {
    if (r.actorUserId) wanted.user.add(r.actorUserId);
    const { kind, id } = targetOf(r);
    if (kind && id) wanted[kind].add(id);
    for (const id of [
      ...strings(r.detail.groupId),
      ...strings(r.detail.groupIds),
      ...strings(r.detail.parentId),
    ])
      wanted.group.add(id);
    for (const id of strings(r.detail.actionId)) wanted.action.add(id);
    for (const name of strings(r.detail.plan)) wanted.document.add(name);
  }
  const [
    users,
    documents,
    meetings,
    groups,
    regions,
    invites,
    workspaces,
    actions,
    desks,
    cases,
    examples,
    resources,
  ] = await Promise.all([
    namesOf(wanted.user, (ids) => userNames(q, ids)),
    namesOf(wanted.document, (names) => documentTitles(q, workspaceId, names)),
    namesOf(wanted.meeting, (ids) => meetingTitles(q, workspaceId, ids)),
    namesOf(wanted.group, (ids) => groupsAmong(q, workspaceId, ids)),
    namesOf(wanted.region, (ids) => regionGroupNames(q, ids)),
    namesOf(wanted.invite, (ids) => inviteEmails(q, workspaceId, ids)),
    namesOf(wanted.workspace, (ids) => workspaceNames(q, ids)),
    namesOf(wanted.action, (ids) => actionTitles(q, workspaceId, ids)),
    namesOf(wanted.desk, (ids) => deskNames(q, workspaceId, ids)),
    // A case by its number only: nothing of the person is in the audit log, nor shown from it.
    namesOf(wanted.consultationCase, async (ids) =>
      (await caseNumbers(q, workspaceId, ids)).map((c) => ({ id: c.id, name: `相談 No.${c.caseNo}` })),
    ),
    namesOf(wanted.example, (ids) => exampleTitles(q, workspaceId, ids)),
    namesOf(wanted.resource, (ids) => resourceNames(q, workspaceId, ids)),
  ]);
  const byKind: Record<AuditTargetKind, Map<string, string>> = {
    user: users,
    document: documents,
    meeting: meetings,
    group: groups,
    region: regions,
    invite: invites,
    workspace: workspaces,
    desk: desks,
    consultationCase: cases,
    example: examples,
    resource: resources,
    path: new Map(),
  };
  return records.map((r) => {
    const { kind: targetKind, id: targetId } = targetOf(r);
    let targetName: string | null = null;
    if (targetKind === "path") targetName = r.target;
    else if (targetKind && targetId) {
      const recorded =
        [r.detail.name, r.detail.title].find((v): v is string => typeof v === "string") ?? null;
      targetName = byKind[targetKind].get(targetId) ?? (targetKind === "user" ? null : recorded);
    }
    const names: Record<string, string> = {};
    for (const id of [...strings(r.detail.groupId), ...strings(r.detail.groupIds)]) {
      const name = groups.get(id) ?? (typeof r.detail.group === "string" ? r.detail.group : undefined);
      if (name) names[id] = name;
    }
    for (const id of strings(r.detail.parentId)) {
      const name = groups.get(id) ?? (typeof r.detail.parent === "string" ? r.detail.parent : undefined);
      if (name) names[id] = name;
    }
    for (const id of strings(r.detail.actionId)) {
      const name = actions.get(id);
      if (name) names[id] = name;
    }
    for (const doc of strings(r.detail.plan)) {
      const name = documents.get(doc);
      if (name) names[doc] = name;
    }
    return {
      ...r,
      actorName: r.actorUserId ? (users.get(r.actorUserId) ?? null) : null,
      targetKind,
      targetName,
      names,
    };
  });
}

/** A page of the audit log as the secretariat reads it, with names. */
export async function presentAuditLog(
  q: QueryBuilder,
  workspaceId: string,
  records: readonly AuditRecord[],
): Promise<AuditList> {
  return { entries: await describeAuditRecords(q, workspaceId, records) };
}

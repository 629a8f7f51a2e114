/**
 * Audit entries as a person reads them: the names of who acted and of what was acted on
 * (people, documents, meetings, groups, region groups, invitations, municipalities), and of
 * the ids inside an entry's detail (groups, plan actions), resolved from the database at
 * read time. An entity deleted since keeps the name the entry recorded, when it recorded one.
 */
import { type AuditTargetKind, auditTargetKind } from "@tsumugi/domain";
import type { Database, SqlValue } from "../storage/database.js";
import type { AuditRecord } from "./audit-log.js";

export interface AuditView extends AuditRecord {
  actorName: string | null;
  targetKind: AuditTargetKind | null;
  targetName: string | null;
  /** Names of ids found in `detail` (group ids, plan action ids), by id. */
  names: Record<string, string>;
}

const CHUNK = 400;

/** id → name for the given ids, one query per chunk (SQLite limits the parameters). */
async function namesOf(
  db: Database,
  ids: Iterable<string>,
  query: (placeholders: string) => string,
  extra: SqlValue[] = [],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rows = await db.all<{ id: string; name: string }>(query(chunk.map(() => "?").join(", ")), [
      ...extra,
      ...chunk,
    ]);
    for (const r of rows) out.set(r.id, r.name);
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
  db: Database,
  workspaceId: string,
  records: readonly AuditRecord[],
): Promise<AuditView[]> {
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
  const [users, documents, meetings, groups, regions, invites, workspaces, actions, desks, cases, examples] =
    await Promise.all([
      namesOf(db, wanted.user, (p) => `SELECT id, name FROM users WHERE id IN (${p})`),
      namesOf(
        db,
        wanted.document,
        (p) =>
          `SELECT doc_name AS id, title AS name FROM documents WHERE workspace_id = ? AND doc_name IN (${p})`,
        [workspaceId],
      ),
      namesOf(
        db,
        wanted.meeting,
        (p) => `SELECT id, title AS name FROM meetings WHERE workspace_id = ? AND id IN (${p})`,
        [workspaceId],
      ),
      namesOf(
        db,
        wanted.group,
        (p) => `SELECT id, name FROM groups WHERE workspace_id = ? AND id IN (${p})`,
        [workspaceId],
      ),
      namesOf(db, wanted.region, (p) => `SELECT id, name FROM region_groups WHERE id IN (${p})`),
      namesOf(
        db,
        wanted.invite,
        (p) => `SELECT id, COALESCE(email, '') AS name FROM invites WHERE workspace_id = ? AND id IN (${p})`,
        [workspaceId],
      ),
      namesOf(db, wanted.workspace, (p) => `SELECT id, name FROM workspaces WHERE id IN (${p})`),
      namesOf(
        db,
        wanted.action,
        (p) =>
          `SELECT a.id, a.title AS name FROM plan_actions a JOIN documents d ON d.doc_name = a.doc_name
          WHERE d.workspace_id = ? AND a.id IN (${p})`,
        [workspaceId],
      ),
      namesOf(db, wanted.desk, (p) => `SELECT id, name FROM desks WHERE workspace_id = ? AND id IN (${p})`, [
        workspaceId,
      ]),
      // A case by its number only: nothing of the person is in the audit log, nor shown from it.
      namesOf(
        db,
        wanted.consultationCase,
        (p) =>
          `SELECT id, '相談 No.' || case_no AS name FROM consultation_cases WHERE workspace_id = ? AND id IN (${p})`,
        [workspaceId],
      ),
      namesOf(
        db,
        wanted.example,
        (p) => `SELECT id, title AS name FROM consultation_examples WHERE workspace_id = ? AND id IN (${p})`,
        [workspaceId],
      ),
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

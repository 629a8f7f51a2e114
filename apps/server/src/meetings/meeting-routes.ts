/**
 * /api/workspaces/:wid/meetings — meetings: list, create (numbered 第N回 within the 年度),
 * details, the state machine (下書き → 公開 → 開催中 → 終了; closing snapshots the minutes and
 * the plan), the minutes' approval, the change report since the previous meeting, outcomes
 * that become plan actions, Markdown export and the counts the indicators use.
 */
import {
  type Actor,
  can,
  canManageMeeting,
  canMoveMeeting,
  canMoveMinutes,
  diffPlans,
  docNameOf,
  documentAccess,
  fiscalYearLabel,
  fiscalYearOfIsoDate,
  isId,
  isMeetingKind,
  isMeetingState,
  MEETING_KINDS,
  MEETING_PLACE_MAX,
  MEETING_TITLE_MAX,
  type MeetingKind,
  nextMeetingNumber,
  readYearPlan,
  writeMeetingStatus,
} from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import * as Y from "yjs";
import type { CollabServer } from "../collab/collab-server.js";
import { storeInitialState } from "../collab/initial-state.js";
import type { AppEnv } from "../http/env.js";
import { ApiError, forbidden, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { changeStream } from "../http/sse.js";
import { newId } from "../ids.js";
import { findPlanDocument } from "../plan/plan-repository.js";
import type { Queryable } from "../storage/database.js";
import { loadVersion } from "../versions/version-store.js";
import { loadActor } from "../workspaces/actor.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { circulateMinutes, closeMeeting, fixMinutes } from "./meeting-close.js";
import type { MeetingEvents } from "./meeting-events.js";
import { meetingMarkdown } from "./meeting-export.js";
import {
  activeMemberIds,
  findMeeting,
  invitees,
  listMeetings,
  type MeetingRecord,
  previousMeeting,
  setInvitees,
} from "./meeting-repository.js";
import { createActionFromOutcome } from "./outcome-action.js";

const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/;
const meetingNotFound = () => new ApiError(404, "meeting.notFound", "会議が見つかりません。");

function isLocalDateTime(v: unknown): v is string {
  if (typeof v !== "string") return false;
  const m = LOCAL_DATETIME.exec(v);
  if (!m) return false;
  const d = new Date(`${m[1]}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === m[1];
}

function isWebUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === "https:" || u.protocol === "http:") && v.length <= 500;
  } catch {
    return false;
  }
}

function kindLabel(kind: MeetingKind): string {
  return MEETING_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

async function meetingView(db: Queryable, actor: Actor, m: MeetingRecord) {
  return {
    id: m.id,
    kind: m.kind,
    groupId: m.groupId,
    fiscalYear: m.fiscalYear,
    fiscalYearLabel: fiscalYearLabel(m.fiscalYear),
    number: m.number,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    onlineUrl: m.onlineUrl,
    state: m.state,
    minutesState: m.minutesState,
    documentId: m.documentId,
    docName: m.docName,
    access: documentAccess(actor, {
      workspaceId: m.workspaceId,
      groupId: m.groupId,
      locked: m.locked,
      reviewing: m.reviewing,
    }),
    canManage: canManageMeeting(actor, m.groupId),
    invitees: await invitees(db, m.id),
    closedAt: m.closedAt,
    demo: m.demo,
  };
}

/** Reads and checks the editable details; `partial` allows leaving fields out (PATCH). */
async function readDetails(c: Context<AppEnv>, body: Record<string, unknown>, partial: boolean) {
  const wid = c.get("workspaceId");
  const errors = new FieldErrors();
  const has = (k: string) => !partial || body[k] !== undefined;
  const out: {
    title?: string;
    startsAt?: string;
    endsAt?: string | null;
    place?: string;
    onlineUrl?: string;
    invitees?: string[];
  } = {};
  if (has("startsAt")) {
    if (!isLocalDateTime(body.startsAt)) errors.add("startsAt", "format");
    else out.startsAt = body.startsAt;
  }
  if (body.endsAt !== undefined && body.endsAt !== null && body.endsAt !== "") {
    if (!isLocalDateTime(body.endsAt)) errors.add("endsAt", "format");
    else if (out.startsAt && body.endsAt < out.startsAt) errors.add("endsAt", "beforeStart");
    else out.endsAt = body.endsAt;
  } else if (body.endsAt !== undefined) out.endsAt = null;
  if (body.title !== undefined)
    out.title = errors.string(body, "title", { max: MEETING_TITLE_MAX, optional: true });
  if (body.place !== undefined)
    out.place = errors.string(body, "place", { max: MEETING_PLACE_MAX, min: 0, optional: true });
  if (body.onlineUrl !== undefined && body.onlineUrl !== "") {
    if (typeof body.onlineUrl !== "string" || !isWebUrl(body.onlineUrl.trim()))
      errors.add("onlineUrl", "format");
    else out.onlineUrl = body.onlineUrl.trim();
  } else if (body.onlineUrl === "") out.onlineUrl = "";
  if (body.invitees !== undefined) {
    const list = body.invitees;
    if (!Array.isArray(list) || list.length > 500 || !list.every(isId)) errors.add("invitees", "invalid");
    else {
      const unique = [...new Set(list as string[])];
      const found = await activeMemberIds(c.get("app").db, wid, unique);
      if (found.length !== unique.length) errors.add("invitees", "unknown");
      else out.invitees = unique;
    }
  }
  if (errors.any) throw invalid(errors.fields);
  return out;
}

export function meetingRoutes(collab: CollabServer, events: MeetingEvents): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  /**
   * Writes the meeting's states into its document, so every page that has it open switches
   * (会議を開始 → the meeting view, 確認依頼 → comments only) without a reload.
   */
  async function announce(m: MeetingRecord, userId: string): Promise<void> {
    await collab.mutate(m.docName, userId, (doc) =>
      writeMeetingStatus(doc, { state: m.state, minutesState: m.minutesState }),
    );
  }

  async function meetingOf(c: Context<AppEnv>) {
    const id = c.req.param("mid") ?? "";
    const m = isId(id) ? await findMeeting(c.get("app").db, c.get("workspaceId"), id) : null;
    if (!m) throw meetingNotFound();
    return m;
  }

  r.get("/", async (c) => {
    const actor = authorize(c, "meetings.read");
    const fy = Number(c.req.query("fy"));
    const db = c.get("app").db;
    const meetings = await listMeetings(
      db,
      c.get("workspaceId"),
      Number.isInteger(fy) && fy > 0 ? fy : undefined,
    );
    return c.json({ meetings: await Promise.all(meetings.map((m) => meetingView(db, actor, m))) });
  });

  // A meeting was created or changed: the open home pages and meeting lists fetch again.
  r.get("/events", async (c) => {
    const actor = authorize(c, "meetings.read");
    const wid = c.get("workspaceId");
    const kysely = c.get("app").kysely;
    return changeStream<string>(c, {
      subscribe: (listener) => events.on(wid, listener),
      toData: (batch) => ({ meetingIds: [...new Set(batch)] }),
      stillAllowed: async () => can(await loadActor(kysely, actor.userId, wid), "meetings.read"),
    });
  });

  // Meetings held and attendance per 年度: what the indicators count (協議会・部会 開催回数).
  r.get("/stats", async (c) => {
    authorize(c, "meetings.read");
    const rows = await c
      .get("app")
      .db.all<{ fiscal_year: number; kind: string; held: number; attended: number }>(
        `SELECT m.fiscal_year, m.kind, COUNT(DISTINCT m.id) AS held,
              (SELECT COUNT(*) FROM meeting_attendance a JOIN meetings m2 ON m2.id = a.meeting_id
                WHERE m2.workspace_id = m.workspace_id AND m2.fiscal_year = m.fiscal_year AND m2.kind = m.kind
                  AND m2.state = 'closed' AND a.status = 'attended') AS attended
         FROM meetings m WHERE m.workspace_id = ? AND m.state = 'closed'
        GROUP BY m.workspace_id, m.fiscal_year, m.kind ORDER BY m.fiscal_year, m.kind`,
        [c.get("workspaceId")],
      );
    return c.json({
      stats: rows.map((x) => ({
        fiscalYear: x.fiscal_year,
        kind: x.kind,
        held: x.held,
        attended: x.attended,
      })),
    });
  });

  // Decisions across meetings, newest first; `q` searches their text.
  r.get("/decisions", async (c) => {
    authorize(c, "meetings.read");
    const q = (c.req.query("q") ?? "").trim().slice(0, 100);
    const rows = await c.get("app").db.all<{
      meeting_id: string;
      id: string;
      text: string;
      title: string;
      starts_at: string;
    }>(
      `SELECT o.meeting_id, o.id, o.text, m.title, m.starts_at FROM meeting_outcomes o
         JOIN meetings m ON m.id = o.meeting_id
        WHERE m.workspace_id = ? AND o.type = 'decision' AND (? = '' OR o.text LIKE '%' || ? || '%')
        ORDER BY m.starts_at DESC, o.ord`,
      [c.get("workspaceId"), q, q],
    );
    return c.json({
      decisions: rows.map((x) => ({
        meetingId: x.meeting_id,
        id: x.id,
        text: x.text,
        meetingTitle: x.title,
        startsAt: x.starts_at,
      })),
    });
  });

  r.post("/", async (c) => {
    const actor = authorize(c, "meetings.read");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const body = await readJsonObject(c);
    if (!isMeetingKind(body.kind)) throw invalid({ kind: "unknown" });
    const kind = body.kind;
    const rawGroup = body.groupId ?? null;
    if (rawGroup !== null && !isId(rawGroup)) throw invalid({ groupId: "unknown" });
    const groupId = rawGroup as string | null;
    if (groupId !== null) {
      const group = isId(groupId)
        ? await app.db.get("SELECT 1 FROM groups WHERE id = ? AND workspace_id = ?", [groupId, wid])
        : undefined;
      if (!group) throw invalid({ groupId: "unknown" });
    }
    if (!canManageMeeting(actor, groupId)) throw forbidden();
    const details = await readDetails(c, body, false);
    const startsAt = details.startsAt as string;
    const fiscalYear = fiscalYearOfIsoDate(startsAt.slice(0, 10));
    const groupName = groupId
      ? ((await app.db.get<{ name: string }>("SELECT name FROM groups WHERE id = ?", [groupId]))?.name ?? "")
      : "";

    for (let attempt = 0; ; attempt++) {
      const existing = await app.db.all<{
        kind: MeetingKind;
        group_id: string | null;
        fiscal_year: number;
        number: number;
      }>(
        "SELECT kind, group_id, fiscal_year, number FROM meetings WHERE workspace_id = ? AND fiscal_year = ?",
        [wid, fiscalYear],
      );
      const number = nextMeetingNumber(
        existing.map((e) => ({
          kind: e.kind,
          groupId: e.group_id,
          fiscalYear: e.fiscal_year,
          number: e.number,
        })),
        kind,
        groupId as string | null,
        fiscalYear,
      );
      const title =
        details.title || `${fiscalYearLabel(fiscalYear)} 第${number}回 ${groupName || kindLabel(kind)}`;
      const id = newId();
      const documentId = newId();
      const docName = docNameOf(wid, documentId);
      const now = Date.now();
      const doc = new Y.Doc();
      const attendance = doc.getMap("attendance");
      for (const userId of details.invitees ?? []) attendance.set(userId, "invited");
      const initial = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      try {
        await app.db.transaction(async (tx) => {
          await tx.run(
            "INSERT INTO documents (id, workspace_id, group_id, kind, title, doc_name, created_by, created_at, updated_at) VALUES (?, ?, ?, 'minutes', ?, ?, ?, ?, ?)",
            [documentId, wid, groupId, `${title} 議事録`, docName, actor.userId, now, now],
          );
          await storeInitialState(tx, docName, initial);
          await tx.run(
            `INSERT INTO meetings (id, workspace_id, group_id, kind, fiscal_year, number, title, starts_at, ends_at, place,
               online_url, document_id, created_by, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              id,
              wid,
              groupId,
              kind,
              fiscalYear,
              number,
              title,
              startsAt,
              details.endsAt ?? null,
              details.place ?? "",
              details.onlineUrl ?? "",
              documentId,
              actor.userId,
              now,
              now,
            ],
          );
          await setInvitees(tx, id, details.invitees ?? []);
        });
      } catch (err) {
        // Two meetings created at once took the same number: take the next one.
        if (String((err as Error).message).includes("UNIQUE") && attempt < 3) continue;
        throw err;
      }
      await app.audit.record({
        event: "meeting.created",
        workspaceId: wid,
        actorUserId: actor.userId,
        target: id,
        ip: c.get("ip"),
        detail: { title, kind, number },
      });
      events.emit(wid, id);
      const created = await findMeeting(app.db, wid, id);
      return c.json({ meeting: await meetingView(app.db, actor, created as MeetingRecord) }, 201);
    }
  });

  r.get("/:mid", async (c) => {
    const actor = authorize(c, "meetings.read");
    const m = await meetingOf(c);
    const db = c.get("app").db;
    const previous = await previousMeeting(db, m);
    return c.json({
      meeting: await meetingView(db, actor, m),
      previous: previous ? { id: previous.id, title: previous.title, startsAt: previous.startsAt } : null,
    });
  });

  r.patch("/:mid", async (c) => {
    const actor = authorize(c, "meetings.read");
    const m = await meetingOf(c);
    if (!canManageMeeting(actor, m.groupId)) throw forbidden();
    if (m.state === "closed") throw new ApiError(409, "meeting.closed", "終了した会議は変更できません。");
    const d = await readDetails(c, await readJsonObject(c), true);
    const db = c.get("app").db;
    const startsAt = d.startsAt ?? m.startsAt;
    if (fiscalYearOfIsoDate(startsAt.slice(0, 10)) !== m.fiscalYear)
      throw invalid({ startsAt: "otherFiscalYear" });
    await db.transaction(async (tx) => {
      await tx.run(
        "UPDATE meetings SET title = ?, starts_at = ?, ends_at = ?, place = ?, online_url = ?, updated_at = ? WHERE id = ?",
        [
          d.title || m.title,
          startsAt,
          d.endsAt === undefined ? m.endsAt : d.endsAt,
          d.place ?? m.place,
          d.onlineUrl ?? m.onlineUrl,
          Date.now(),
          m.id,
        ],
      );
      if (d.invitees) await setInvitees(tx, m.id, d.invitees);
    });
    if (d.invitees) {
      // Newly invited people appear in the attendance list as 招集.
      const added = d.invitees;
      await collab.mutate(m.docName, actor.userId, (doc) => {
        const attendance = doc.getMap("attendance");
        for (const userId of added) if (!attendance.has(userId)) attendance.set(userId, "invited");
      });
    }
    events.emit(m.workspaceId, m.id);
    return c.json({
      meeting: await meetingView(db, actor, (await findMeeting(db, m.workspaceId, m.id)) as MeetingRecord),
    });
  });

  r.post("/:mid/state", async (c) => {
    const actor = authorize(c, "meetings.read");
    const m = await meetingOf(c);
    if (!canManageMeeting(actor, m.groupId)) throw forbidden();
    const { state } = await readJsonObject(c);
    if (!isMeetingState(state)) throw invalid({ state: "unknown" });
    if (!canMoveMeeting(m.state, state))
      throw new ApiError(409, "meeting.badTransition", "この状態には変更できません。");
    const app = c.get("app");
    if (state === "closed") await closeMeeting(app, collab, m, actor.userId);
    else
      await app.db.run("UPDATE meetings SET state = ?, updated_at = ? WHERE id = ?", [
        state,
        Date.now(),
        m.id,
      ]);
    await app.audit.record({
      event: "meeting.state_changed",
      workspaceId: m.workspaceId,
      actorUserId: actor.userId,
      target: m.id,
      ip: c.get("ip"),
      detail: { from: m.state, to: state },
    });
    const moved = (await findMeeting(app.db, m.workspaceId, m.id)) as MeetingRecord;
    await announce(moved, actor.userId);
    events.emit(m.workspaceId, m.id);
    return c.json({ meeting: await meetingView(app.db, actor, moved) });
  });

  r.post("/:mid/minutes-state", async (c) => {
    const actor = authorize(c, "meetings.read");
    const m = await meetingOf(c);
    const { state } = await readJsonObject(c);
    if (state !== "circulating" && state !== "fixed") throw invalid({ state: "unknown" });
    if (state === "circulating" ? !canManageMeeting(actor, m.groupId) : !can(actor, "minutes.fix"))
      throw forbidden();
    if (!canMoveMinutes(m.state, m.minutesState, state)) {
      throw new ApiError(409, "minutes.badTransition", "議事録をこの状態には変更できません。");
    }
    const app = c.get("app");
    if (state === "fixed") await fixMinutes(app, collab, m, actor.userId);
    else await circulateMinutes(app, m);
    await app.audit.record({
      event: "minutes.state_changed",
      workspaceId: m.workspaceId,
      actorUserId: actor.userId,
      target: m.id,
      ip: c.get("ip"),
      detail: { to: state },
    });
    const moved = (await findMeeting(app.db, m.workspaceId, m.id)) as MeetingRecord;
    await announce(moved, actor.userId);
    events.emit(m.workspaceId, m.id);
    return c.json({ meeting: await meetingView(app.db, actor, moved) });
  });

  // "前回の会議からの変更": the plan now against the snapshot taken when the previous meeting closed.
  r.get("/:mid/changes", async (c) => {
    authorize(c, "meetings.read");
    const m = await meetingOf(c);
    const db = c.get("app").db;
    const previous = await previousMeeting(db, m);
    const plan = await findPlanDocument(db, m.workspaceId, m.fiscalYear);
    if (!previous || !plan || previous.planVersionId === null) return c.json({ previous: null, changes: [] });
    const before = await loadVersion(c.get("app").kysely, plan.docName, previous.planVersionId);
    if (!before) return c.json({ previous: null, changes: [] });
    const old = new Y.Doc();
    Y.applyUpdate(old, before);
    await collab.flush();
    const now = await collab.readDocument(plan.docName);
    const changes = diffPlans(readYearPlan(old).plan, readYearPlan(now).plan);
    old.destroy();
    now.destroy();
    return c.json({
      previous: { id: previous.id, title: previous.title, startsAt: previous.startsAt },
      changes,
    });
  });

  // The previous meeting's agenda items not reached, offered for this one's agenda.
  r.get("/:mid/backlog", async (c) => {
    authorize(c, "meetings.read");
    const m = await meetingOf(c);
    const previous = await previousMeeting(c.get("app").db, m);
    if (!previous) return c.json({ previous: null, items: [] });
    await collab.flush();
    const doc = await collab.readDocument(previous.docName);
    const { backlogOf, readAgenda } = await import("@tsumugi/domain");
    const items = backlogOf(readAgenda(doc));
    doc.destroy();
    return c.json({ previous: { id: previous.id, title: previous.title }, items });
  });

  r.post("/:mid/outcomes/:oid/action", async (c) => {
    const actor = authorize(c, "meetings.read");
    const m = await meetingOf(c);
    const result = await createActionFromOutcome(
      c.get("app"),
      collab,
      actor,
      m,
      c.req.param("oid") ?? "",
      await readJsonObject(c),
    );
    return c.json(result, 201);
  });

  r.get("/:mid/markdown", async (c) => {
    authorize(c, "meetings.read");
    const m = await meetingOf(c);
    const md = await meetingMarkdown(c.get("app").db, collab, m);
    c.header("Content-Type", "text/markdown; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`${m.title}.md`)}`);
    return c.body(md);
  });

  return r;
}

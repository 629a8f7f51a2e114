/**
 * The demo's meetings: 流山市's 令和5年度 第1回 連携会議 (5/25, held, minutes fixed) with its
 * agenda, attendance, decisions and minutes, and 第2回 (7/31, announced), which opens with
 * the first meeting's backlog and the plan's changes since then.
 */
import {
  docNameOf,
  insertMeetingRow,
  orderKeysAfter,
  RICH_TEXT_FIELD,
  readOutcomes,
  setAttendance,
} from "@tsumugi/domain";
import * as Y from "yjs";
import { newId } from "../ids.js";
import type { Queryable } from "../storage/database.js";

interface Seed {
  workspaceId: string;
  userIds: string[];
  absentUserIds: string[];
  secretariatId: string;
  planDocName: string;
  /** The plan action the first meeting's 取組 outcome links to. */
  linkedActionId: string | null;
}

const MINUTES = [
  "# 1. 令和5年度の事業計画について",
  "事務局より、4つの場面（日常の療養支援・入退院支援・急変時の対応・看取り）ごとの課題と取組、事業項目別の取組と短期目標について説明があった。",
  "委員より、急変時の対応について消防との意見交換を早期に行うべきとの意見があり、7月に実施することとなった。",
  "# 2. 入退院支援ルールの運用状況",
  "病診施連携班より、千葉県地域生活連携シートの活用状況の調査方法について報告があった。",
  "# 3. 市民公開講座の企画",
  "時間の都合により次回に持ち越し。",
];

function minutesDoc(
  agendaKeys: string[],
  actionId: string | null,
  attendees: string[],
  absent: string[],
): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
    fragment.insert(
      0,
      MINUTES.map((p) => {
        const heading = p.startsWith("# ");
        const el = new Y.XmlElement(heading ? "heading" : "paragraph");
        if (heading) el.setAttribute("level", 2 as unknown as string);
        el.insert(0, [new Y.XmlText(heading ? p.slice(2) : p)]);
        return el;
      }),
    );
    const items = [
      { title: "令和5年度の事業計画について", minutes: 40, presenter: "事務局", state: "done" },
      { title: "入退院支援ルールの運用状況", minutes: 30, presenter: "病診施連携班", state: "done" },
      { title: "市民公開講座の企画", minutes: 20, presenter: "市民啓発班", state: "deferred" },
    ];
    for (const [i, item] of items.entries()) {
      insertMeetingRow(doc, "agenda", {
        id: newId(),
        order: agendaKeys[i],
        notes: "",
        planLinks: [],
        carriedFrom: null,
        ...item,
      });
    }
    const [k1, k2] = orderKeysAfter(null, 2);
    insertMeetingRow(doc, "outcomes", {
      id: newId(),
      order: k1,
      type: "decision",
      text: "令和5年度の事業計画を承認する",
      agendaItemId: null,
      actionId: null,
    });
    insertMeetingRow(doc, "outcomes", {
      id: newId(),
      order: k2,
      type: "action",
      text: "消防との情報交換の実施",
      agendaItemId: null,
      actionId,
    });
    for (const id of attendees) setAttendance(doc, id, "attended");
    for (const id of absent) setAttendance(doc, id, "absent");
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

async function insertMeeting(
  tx: Queryable,
  s: Seed,
  m: {
    number: number;
    startsAt: string;
    endsAt: string;
    state: string;
    minutesState: string;
    state0: Uint8Array;
  },
): Promise<{ id: string; docName: string; documentId: string }> {
  const now = Date.now();
  const id = newId();
  const documentId = newId();
  const docName = docNameOf(s.workspaceId, documentId);
  const title = `令和5年度 第${m.number}回 連携会議`;
  await tx.run(
    "INSERT INTO documents (id, workspace_id, group_id, kind, title, doc_name, created_by, created_at, updated_at, locked_at) VALUES (?, ?, NULL, 'minutes', ?, ?, ?, ?, ?, ?)",
    [
      documentId,
      s.workspaceId,
      `${title} 議事録`,
      docName,
      s.secretariatId,
      now,
      now,
      m.minutesState === "fixed" ? now : null,
    ],
  );
  await tx.run("INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, ?, ?)", [
    docName,
    Buffer.from(m.state0),
    now,
  ]);
  await tx.run(
    `INSERT INTO meetings (id, workspace_id, group_id, kind, fiscal_year, number, title, starts_at, ends_at, place, online_url,
       state, minutes_state, document_id, created_by, created_at, updated_at)
     VALUES (?, ?, NULL, 'liaison', 2023, ?, ?, ?, ?, '流山市役所 第1庁舎 3階 庁議室', '', ?, ?, ?, ?, ?, ?)`,
    [
      id,
      s.workspaceId,
      m.number,
      title,
      m.startsAt,
      m.endsAt,
      m.state,
      m.minutesState,
      documentId,
      s.secretariatId,
      now,
      now,
    ],
  );
  for (const userId of s.userIds) {
    await tx.run("INSERT INTO meeting_invitees (meeting_id, user_id) VALUES (?, ?)", [id, userId]);
  }
  return { id, docName, documentId };
}

export async function seedDemoMeetings(tx: Queryable, s: Seed): Promise<void> {
  const attendees = s.userIds.filter((u) => !s.absentUserIds.includes(u));
  const first = minutesDoc(orderKeysAfter(null, 3), s.linkedActionId, attendees, s.absentUserIds);
  const m1 = await insertMeeting(tx, s, {
    number: 1,
    startsAt: "2023-05-25T14:00",
    endsAt: "2023-05-25T16:00",
    state: "closed",
    minutesState: "fixed",
    state0: first,
  });
  // What closing recorded: the minutes and the plan as they stood, attendance and outcomes.
  const now = Date.now();
  const planState = await tx.get<{ data: Buffer }>(
    "SELECT data FROM doc_updates WHERE doc_name = ? ORDER BY id LIMIT 1",
    [s.planDocName],
  );
  const minutesVersion = await tx.run(
    "INSERT INTO doc_versions (doc_name, label, reason, created_by, created_at, data) VALUES (?, '第1回 終了時', 'meetingClose', ?, ?, ?)",
    [m1.docName, s.secretariatId, now, Buffer.from(first)],
  );
  await tx.run(
    "INSERT INTO doc_versions (doc_name, label, reason, created_by, created_at, data) VALUES (?, '確定版', 'approval', ?, ?, ?)",
    [m1.docName, s.secretariatId, now, Buffer.from(first)],
  );
  const planVersion = planState
    ? await tx.run(
        "INSERT INTO doc_versions (doc_name, label, reason, created_by, created_at, data) VALUES (?, '令和5年度 第1回 連携会議 終了時', 'meetingClose', ?, ?, ?)",
        [s.planDocName, s.secretariatId, now, planState.data],
      )
    : null;
  await tx.run(
    "UPDATE meetings SET minutes_version_id = ?, plan_version_id = ?, closed_at = ? WHERE id = ?",
    [minutesVersion.lastID, planVersion?.lastID ?? null, now, m1.id],
  );
  for (const userId of s.userIds) {
    await tx.run("INSERT INTO meeting_attendance (meeting_id, user_id, status) VALUES (?, ?, ?)", [
      m1.id,
      userId,
      s.absentUserIds.includes(userId) ? "absent" : "attended",
    ]);
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, first);
  for (const o of readOutcomes(doc)) {
    await tx.run(
      "INSERT INTO meeting_outcomes (meeting_id, id, ord, type, text, action_id) VALUES (?, ?, ?, ?, ?, ?)",
      [m1.id, o.id, o.order, o.type, o.text, o.actionId],
    );
  }
  doc.destroy();

  const second = new Y.Doc();
  for (const id of s.userIds) setAttendance(second, id, "invited");
  await insertMeeting(tx, s, {
    number: 2,
    startsAt: "2023-07-31T14:00",
    endsAt: "2023-07-31T16:00",
    state: "published",
    minutesState: "drafting",
    state0: Y.encodeStateAsUpdate(second),
  });
  second.destroy();
}

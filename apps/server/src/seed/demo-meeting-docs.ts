/**
 * The first states of the demo's minutes: 流山市's 令和5年度 第1回 連携会議 with its agenda,
 * outcomes and attendance, the short minutes of the other meetings held, and the invitation of
 * those ahead. Each is a Yjs update, stored by demo-meetings.ts as the document's first content.
 */
import {
  type AgendaItem,
  insertMeetingRow,
  newAgendaItem,
  newId,
  orderKeysAfter,
  RICH_TEXT_FIELD,
  setAttendance,
} from "@tsumugi/domain";
import * as Y from "yjs";

const MINUTES = [
  "# 1. 令和5年度の事業計画について",
  "事務局より、4つの場面（日常の療養支援・入退院支援・急変時の対応・看取り）ごとの課題と取組、事業項目別の取組と短期目標について説明があった。",
  "委員より、急変時の対応について消防との意見交換を早期に行うべきとの意見があり、7月に実施することとなった。",
  "# 2. 入退院支援ルールの運用状況",
  "病診施連携班より、千葉県地域生活連携シートの活用状況の調査方法について報告があった。",
  "# 3. 市民公開講座の企画",
  "時間の都合により次回に持ち越し。",
];

/** The first meeting's agenda: the last item ran out of time and was deferred. */
const FIRST_AGENDA: Partial<AgendaItem>[] = [
  { title: "令和5年度の事業計画について", minutes: 40, presenter: "事務局", state: "done" },
  { title: "入退院支援ルールの運用状況", minutes: 30, presenter: "病診施連携班", state: "done" },
  { title: "市民公開講座の企画", minutes: 20, presenter: "市民啓発班", state: "deferred" },
];

/** What the current year's held meetings discussed (the demo's: its minutes are made up). */
export const CURRENT_AGENDA: { title: string; line: string }[][] = [
  [
    {
      title: "今年度の事業計画について",
      line: "事務局より、令和5年度からの取組の継続と今年度の予定について説明があり、承認された。",
    },
    { title: "全体会検討事項について", line: "急変時の対応と入退院支援について、各班の進め方を確認した。" },
  ],
  [
    { title: "各班の活動報告", line: "病診施連携班・専門職研修班・市民啓発班より、活動状況の報告があった。" },
    {
      title: "市民公開講座の企画",
      line: "テーマを人生会議（ACP）とし、開催方法は次回までに市民啓発班で案を作る。",
    },
  ],
  [
    {
      title: "急変時の対応について",
      line: "消防との情報交換の結果を共有し、関係者情報連携シートの案を検討した。",
    },
  ],
  [{ title: "事業評価について", line: "今年度の取組の評価の進め方を確認した。" }],
  [{ title: "次年度の計画について", line: "次年度に引き継ぐ取組を確認した。" }],
];

/** The document's state, `write` applied to a new document in one transaction. */
function stateOf(write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => write(doc));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** The agenda items, in this order, with the keys rows appended together get. */
function insertAgenda(doc: Y.Doc, items: readonly Partial<AgendaItem>[]): void {
  const keys = orderKeysAfter(null, items.length);
  for (const [i, fields] of items.entries())
    insertMeetingRow(doc, "agenda", newAgendaItem([], { order: keys[i], ...fields }));
}

/** The 第1回's minutes as closed: text, agenda, a decision and a 取組 linked to `actionId`. */
export function firstMeetingMinutes(
  actionId: string | null,
  attendees: readonly string[],
  absent: readonly string[],
): Uint8Array {
  return stateOf((doc) => {
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
    insertAgenda(doc, FIRST_AGENDA);
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
}

/** A held meeting's short minutes: its agenda as headings, a line under each, everyone present. */
export function heldMeetingMinutes(
  agenda: readonly { title: string; line: string }[],
  attendees: readonly string[],
): Uint8Array {
  return stateOf((doc) => {
    const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
    fragment.insert(
      0,
      agenda.flatMap((a, i) => {
        const heading = new Y.XmlElement("heading");
        heading.setAttribute("level", 2 as unknown as string);
        heading.insert(0, [new Y.XmlText(`${i + 1}. ${a.title}`)]);
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(a.line)]);
        return [heading, paragraph];
      }),
    );
    insertAgenda(
      doc,
      agenda.map((a) => ({ title: a.title, minutes: 30, presenter: "事務局", state: "done" as const })),
    );
    for (const id of attendees) setAttendance(doc, id, "attended");
  });
}

/** A meeting ahead: everyone invited, nothing written yet. */
export function invitation(userIds: readonly string[]): Uint8Array {
  return stateOf((doc) => {
    for (const id of userIds) setAttendance(doc, id, "invited");
  });
}

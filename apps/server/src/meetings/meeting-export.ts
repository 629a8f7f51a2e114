/**
 * A meeting as Markdown: title block, attendance by organisation, agenda, minutes, decisions
 * and actions; what the secretariat used to paste into an e-mail.
 */
import {
  ATTENDANCE,
  formatTimeRange,
  RICH_TEXT_FIELD,
  readAgenda,
  readAttendance,
  readOutcomes,
} from "@tsumugi/domain";
import type { CollabServer } from "../collab/collab-server.js";
import { richTextMarkdown } from "../documents/rich-text.js";
import { listMembers } from "../members/member-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import type { MeetingRecord } from "./meeting-repository.js";

function when(m: MeetingRecord): string {
  return formatTimeRange(m.startsAt, m.endsAt);
}

export async function meetingMarkdown(
  q: QueryBuilder,
  collab: CollabServer,
  m: MeetingRecord,
): Promise<string> {
  await collab.flush();
  const doc = await collab.readDocument(m.docName);
  const person = new Map((await listMembers(q, m.workspaceId)).map((p) => [p.userId, p]));
  const attendance = readAttendance(doc);
  const agenda = readAgenda(doc);
  const outcomes = readOutcomes(doc);
  const out: string[] = [`# ${m.title}`, "", `- 日時：${when(m)}`];
  if (m.place) out.push(`- 場所：${m.place}`);
  if (m.onlineUrl) out.push(`- オンライン：${m.onlineUrl}`);
  out.push("", "## 出欠", "");
  const byOrg = new Map<string, string[]>();
  for (const [uid, status] of attendance) {
    const p = person.get(uid);
    if (!p) continue;
    const label = ATTENDANCE.find((a) => a.id === status)?.label ?? status;
    const org = p.organization || "（所属なし）";
    byOrg.set(org, [...(byOrg.get(org) ?? []), `${p.name}（${label}）`]);
  }
  for (const [org, names] of [...byOrg].sort(([a], [b]) => a.localeCompare(b, "ja"))) {
    out.push(`- ${org}：${names.join("、")}`);
  }
  out.push("", "## 議事", "");
  agenda.forEach((a, i) => {
    const extra = [a.minutes ? `${a.minutes}分` : "", a.presenter].filter(Boolean).join("・");
    out.push(`${i + 1}. ${a.title}${extra ? `（${extra}）` : ""}`);
  });
  out.push("", "## 議事録", "", ...richTextMarkdown(doc.getXmlFragment(RICH_TEXT_FIELD)));
  const decisions = outcomes.filter((o) => o.type === "decision");
  const actions = outcomes.filter((o) => o.type === "action");
  const reports = outcomes.filter((o) => o.type === "report");
  if (reports.length) out.push("## 報告", "", ...reports.map((o) => `- ${o.text}`), "");
  if (decisions.length) out.push("## 決定事項", "", ...decisions.map((o) => `- ${o.text}`), "");
  if (actions.length) out.push("## 取組", "", ...actions.map((o) => `- ${o.text}`), "");
  doc.destroy();
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

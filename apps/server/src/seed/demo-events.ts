/**
 * The demo's trainings and outreach (研修・普及啓発) for 流山市: the 介護と医療をつむぐ会 series
 * over five 年度 with its participants falling (seed 003: 「つむぐ会の参加者が減っている」) and a
 * 市民公開講座 on ACP. Figures are illustrative and the series says so (「デモ用の例」); the
 * participants are counted by 職種 at the door, without names.
 */

import { fiscalYearOfIsoDate, newId, type Profession, readYearPlan, todayInJapan } from "@tsumugi/domain";
import * as Y from "yjs";
import type { AppContext } from "../context.js";

/** Participants per 職種 at each つむぐ会 (two a year), falling over the years. */
const TSUMUGI: { fy: number; month: string; counts: Partial<Record<Profession, number>> }[] = [
  2021, 2022, 2023, 2024, 2025,
].flatMap((fy, i) => [
  {
    fy,
    month: `${fy}-07-14`,
    counts: {
      careManager: 26 - 3 * i,
      nurse: 14 - 2 * i,
      doctor: 6 - i,
      pharmacist: 5 - Math.floor(i / 2),
      careWorker: 7 - i,
      liaison: 4 - Math.floor(i / 2),
    },
  },
  {
    fy,
    month: `${fy + 1}-01-19`,
    counts: {
      careManager: 23 - 3 * i,
      nurse: 12 - 2 * i,
      doctor: 5 - i,
      pharmacist: 4 - Math.floor(i / 2),
      careWorker: 6 - i,
      therapist: 3,
    },
  },
]);

export async function seedDemoEvents(ctx: AppContext, wid: string, uid: string, groupId: string | null) {
  const db = ctx.kysely;
  const now = Date.now();
  const seriesId = newId();
  await db
    .insertInto("event_series")
    .values({
      id: seriesId,
      workspace_id: wid,
      name: "介護と医療をつむぐ会",
      kind: "multidisciplinary",
      description:
        "デモ用の例：医療・介護の専門職が顔の見える関係をつくる多職種研修（年2回）。人数は架空です。",
      created_at: now,
      demo: 1,
    })
    .execute();
  const add = async (e: {
    kind: string;
    title: string;
    theme: string;
    startsAt: string;
    endsAt: string;
    fiscalYear: number;
    place: string;
    audience: string;
    capacity: number;
    seriesId: string | null;
    counts: Partial<Record<Profession, number>>;
  }) => {
    const id = newId();
    await db
      .insertInto("events")
      .values({
        id,
        workspace_id: wid,
        series_id: e.seriesId,
        kind: e.kind,
        title: e.title,
        theme: e.theme,
        starts_at: e.startsAt,
        ends_at: e.endsAt,
        fiscal_year: e.fiscalYear,
        place: e.place,
        capacity: e.capacity,
        audience: e.audience,
        status: "held",
        public_id: newId(),
        created_by: uid,
        created_at: now,
        updated_at: now,
        demo: 1,
      })
      .execute();
    if (groupId)
      await db.insertInto("event_organisers").values({ event_id: id, group_id: groupId }).execute();
    for (const [profession, headcount] of Object.entries(e.counts))
      if (headcount && headcount > 0)
        await db
          .insertInto("event_participants")
          .values({
            id: newId(),
            event_id: id,
            walk_in: 1,
            status: "registered",
            profession,
            headcount,
            created_at: now,
          })
          .execute();
  };
  let n = 20;
  for (const meeting of TSUMUGI) {
    n += 1;
    await add({
      kind: "multidisciplinary",
      title: `第${n}回 介護と医療をつむぐ会`,
      theme: "デモ用の例：入退院支援をグループワークで考える",
      startsAt: `${meeting.month}T18:30`,
      endsAt: `${meeting.month}T20:30`,
      fiscalYear: meeting.fy,
      place: "流山市役所 第1庁舎3階 301会議室",
      audience: "professionals",
      capacity: 80,
      seriesId,
      counts: meeting.counts,
    });
  }
  await add({
    kind: "publicLecture",
    title: "市民公開講座「人生会議を知っていますか」",
    theme:
      "デモ用の例：もしものときの医療やケアを、家族や信頼できる人と話し合っておく人生会議（ACP）の講演と寸劇",
    startsAt: "2025-11-16T13:30",
    endsAt: "2025-11-16T15:30",
    fiscalYear: 2025,
    place: "流山市文化会館 ホール",
    audience: "residents",
    capacity: 300,
    seriesId: null,
    counts: { resident: 164, careManager: 6, nurse: 4 },
  });

  // The next つむぐ会, about two months ahead: published, taking registrations on the public
  // page (/p/122203/events), and linked to that year's plan: it carries out the 取組 about
  // つむぐ会 and the 年間予定 shows it in the plan's つむぐ会 row (when the year has a plan).
  const day = new Date(Date.parse(`${todayInJapan(now)}T00:00:00Z`) + 60 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const fiscalYear = fiscalYearOfIsoDate(day);
  const links = await tsumugiLinks(ctx, wid, fiscalYear);
  const nextId = newId();
  await db
    .insertInto("events")
    .values({
      id: nextId,
      workspace_id: wid,
      series_id: seriesId,
      kind: "multidisciplinary",
      title: `第${n + 1}回 介護と医療をつむぐ会`,
      theme:
        "デモ用の例：「気負わずに参加できるつむぐ会」を目指して、今回は事例を持ち寄らない座談会形式です。退院前カンファレンスで困ったことを、職種をこえて話しましょう。",
      starts_at: `${day}T18:30`,
      ends_at: `${day}T20:00`,
      fiscal_year: fiscalYear,
      place: "流山市役所 第1庁舎3階 301会議室（オンライン参加もできます）",
      online_url: "https://meet.example.jp/tsumugi-demo",
      capacity: 60,
      audience: "professionals",
      audience_note: "市内の医療・介護・福祉の専門職",
      organiser_note: "流山市・流山市医師会（在宅医療・介護連携推進事業）",
      contact: "流山市 健康福祉部 介護支援課\n電話 04-7150-6531（平日 8:30〜17:15）",
      status: "planned",
      registration_open: 1,
      published: 1,
      public_id: newId(),
      action_ids: JSON.stringify(links.actionIds),
      schedule_row_id: links.scheduleRowId,
      created_by: uid,
      created_at: now,
      updated_at: now,
      demo: 1,
    })
    .execute();
  if (groupId)
    await db.insertInto("event_organisers").values({ event_id: nextId, group_id: groupId }).execute();
}

/**
 * The つむぐ会 取組 and 年間予定 row of the 年度's plan (the demo wrote it: rolled over from
 * 令和5年度 with new ids), read from its stored document; nothing when the year has no plan.
 */
async function tsumugiLinks(
  ctx: AppContext,
  wid: string,
  fiscalYear: number,
): Promise<{ actionIds: string[]; scheduleRowId: string | null }> {
  const none = { actionIds: [], scheduleRowId: null };
  const planDoc = await ctx.kysely
    .selectFrom("documents")
    .select("doc_name")
    .where("workspace_id", "=", wid)
    .where("kind", "=", "plan")
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
  if (!planDoc) return none;
  const [snapshot, updates] = await Promise.all([
    ctx.kysely
      .selectFrom("doc_snapshots")
      .select("data")
      .where("doc_name", "=", planDoc.doc_name)
      .executeTakeFirst(),
    ctx.kysely
      .selectFrom("doc_updates")
      .select("data")
      .where("doc_name", "=", planDoc.doc_name)
      .orderBy("id")
      .execute(),
  ]);
  const doc = new Y.Doc();
  try {
    for (const part of [...(snapshot ? [snapshot] : []), ...updates]) Y.applyUpdate(doc, part.data);
    const { plan } = readYearPlan(doc);
    const action = plan.actions.find((a) => a.title.startsWith("つむぐ会へ気負わずに参加できる"));
    const row = plan.scheduleRows.find((r) => r.activity === "つむぐ会");
    return { actionIds: action ? [action.id] : [], scheduleRowId: row?.id ?? null };
  } finally {
    doc.destroy();
  }
}

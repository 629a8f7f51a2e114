/**
 * The demo's trainings and outreach (研修・普及啓発) for 流山市: the 介護と医療をつむぐ会 series
 * over five 年度 with its participants falling (seed 003: 「つむぐ会の参加者が減っている」) and a
 * 市民公開講座 on ACP. Figures are illustrative and the series says so (「デモ用の例」); the
 * participants are counted by 職種 at the door, without names. Written through the events'
 * repositories.
 */

import { fiscalYearOfIsoDate, newId, type Profession, todayInJapan, type YearPlan } from "@tsumugi/domain";
import type { AppContext } from "../context.js";
import { insertEvent } from "../events/event-repository.js";
import type { NewEvent } from "../events/event-rows.js";
import { newParticipant } from "../events/participant-commands.js";
import { insertParticipant } from "../events/participant-write-repository.js";
import { insertSeries } from "../events/series-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";

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

const TSUMUGI_PLACE = "流山市役所 第1庁舎3階 301会議室";

/** The demo's events held, oldest first, for the questionnaires and handouts of the later steps. */
export interface DemoEvents {
  held: NewEvent[];
  /** The 市民公開講座 on ACP, published with its handout. */
  lecture: NewEvent;
}

/**
 * A demo event of `workspaceId` made by `createdBy` at `now`: what `fields` do not say is as
 * a new row of `events` has it (a waiting list, no registration, not published).
 */
export function demoEvent(
  workspaceId: string,
  createdBy: string,
  now: number,
  fields: Pick<NewEvent, "kind" | "title" | "theme" | "startsAt" | "endsAt" | "fiscalYear" | "place"> &
    Partial<NewEvent>,
): NewEvent {
  return {
    id: newId(),
    workspaceId,
    seriesId: null,
    onlineUrl: "",
    capacity: null,
    waitingList: true,
    audience: "professionals",
    audienceNote: "",
    organiserNote: "",
    contact: "",
    actionIds: [],
    scheduleRowId: null,
    meetingId: null,
    status: "planned",
    registrationOpen: false,
    registrationClosesAt: null,
    published: false,
    publicId: newId(),
    createdBy,
    createdAt: now,
    updatedAt: now,
    demo: true,
    ...fields,
  };
}

/** People counted at the door, one row per 職種 as the door count records them (no names). */
export async function countAtTheDoor(
  q: QueryBuilder,
  eventId: string,
  counts: Partial<Record<Profession, number>>,
  now: number,
): Promise<void> {
  for (const [profession, headcount] of Object.entries(counts) as [Profession, number | undefined][])
    if (headcount && headcount > 0)
      await insertParticipant(q, { ...newParticipant(eventId, now), walkIn: true, profession, headcount });
}

/**
 * The つむぐ会 (past ones held, the next one announced) and the 市民公開講座. `plans` are
 * 流山市's plans by 年度 as the demo wrote them: the next つむぐ会 carries out its year's 取組.
 */
export async function seedDemoEvents(
  ctx: AppContext,
  wid: string,
  uid: string,
  groupId: string | null,
  plans: ReadonlyMap<number, YearPlan>,
): Promise<DemoEvents> {
  const now = Date.now();
  const organisers = groupId ? [groupId] : [];
  const event = (fields: Parameters<typeof demoEvent>[3]) => demoEvent(wid, uid, now, fields);
  return ctx.kysely.transaction().execute(async (trx) => {
    const seriesId = newId();
    await insertSeries(trx, {
      id: seriesId,
      workspaceId: wid,
      name: "介護と医療をつむぐ会",
      kind: "multidisciplinary",
      description:
        "デモ用の例：医療・介護の専門職が顔の見える関係をつくる多職種研修（年2回）。人数は架空です。",
      createdAt: now,
      demo: true,
    });
    const held: NewEvent[] = [];
    const hold = async (e: NewEvent, counts: Partial<Record<Profession, number>>) => {
      await insertEvent(trx, e, organisers);
      await countAtTheDoor(trx, e.id, counts, now);
      held.push(e);
    };
    let n = 20;
    for (const meeting of TSUMUGI) {
      n += 1;
      const e = event({
        seriesId,
        kind: "multidisciplinary",
        title: `第${n}回 介護と医療をつむぐ会`,
        theme: "デモ用の例：入退院支援をグループワークで考える",
        startsAt: `${meeting.month}T18:30`,
        endsAt: `${meeting.month}T20:30`,
        fiscalYear: meeting.fy,
        place: TSUMUGI_PLACE,
        audience: "professionals",
        capacity: 80,
        status: "held",
      });
      await hold(e, meeting.counts);
    }
    // Its announcement stays published, with the handout on it (demo-outreach.ts).
    const lecture = event({
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
      status: "held",
      published: true,
    });
    await hold(lecture, { resident: 164, careManager: 6, nurse: 4 });

    // The next つむぐ会, about two months ahead: published, taking registrations on the public
    // page (/p/122203/events), and linked to that year's plan: it carries out the 取組 about
    // つむぐ会 and the 年間予定 shows it in the plan's つむぐ会 row (when the year has a plan).
    const day = new Date(Date.parse(`${todayInJapan(now)}T00:00:00Z`) + 60 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const fiscalYear = fiscalYearOfIsoDate(day);
    const links = tsumugiLinks(plans.get(fiscalYear));
    const next = event({
      seriesId,
      kind: "multidisciplinary",
      title: `第${n + 1}回 介護と医療をつむぐ会`,
      theme:
        "デモ用の例：「気負わずに参加できるつむぐ会」を目指して、今回は事例を持ち寄らない座談会形式です。退院前カンファレンスで困ったことを、職種をこえて話しましょう。",
      startsAt: `${day}T18:30`,
      endsAt: `${day}T20:00`,
      fiscalYear,
      place: `${TSUMUGI_PLACE}（オンライン参加もできます）`,
      onlineUrl: "https://meet.example.jp/tsumugi-demo",
      capacity: 60,
      audience: "professionals",
      audienceNote: "市内の医療・介護・福祉の専門職",
      organiserNote: "流山市・流山市医師会（在宅医療・介護連携推進事業）",
      contact: "流山市 健康福祉部 介護支援課\n電話 04-7150-6531（平日 8:30〜17:15）",
      registrationOpen: true,
      published: true,
      actionIds: links.actionIds,
      scheduleRowId: links.scheduleRowId,
    });
    await insertEvent(trx, next, organisers);
    held.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return { held, lecture };
  });
}

/**
 * The つむぐ会 取組 and 年間予定 row of the 年度's plan (the demo wrote it: rolled over from
 * 令和5年度 with new ids); nothing when the year has no plan.
 */
function tsumugiLinks(plan: YearPlan | undefined): { actionIds: string[]; scheduleRowId: string | null } {
  if (!plan) return { actionIds: [], scheduleRowId: null };
  const action = plan.actions.find((a) => a.title.startsWith("つむぐ会へ気負わずに参加できる"));
  const row = plan.scheduleRows.find((r) => r.activity === "つむぐ会");
  return { actionIds: action ? [action.id] : [], scheduleRowId: row?.id ?? null };
}

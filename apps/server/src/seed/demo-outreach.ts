/**
 * The demo's 出前講座 (seed 003 (キ): 「依頼に基づき出前講座を開催する」) and a handout: two
 * lectures on the menu (series of kind 出前講座), four requests from residents' groups — one
 * 実施済 with the lecture held in 令和7年度 (counted in 住民啓発 参加者数), one 調整中, one 受付,
 * one お断り — and the 市民公開講座 on ACP published with its handout offered on its page.
 * Everything says 「デモ用の例」; the groups and people are made up. Written through the
 * features' own repositories, contacts sealed with the vault like the public form does.
 */

import { createHash } from "node:crypto";
import { newId, todayInJapan } from "@tsumugi/domain";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import type { AppContext } from "../context.js";
import { insertEvent } from "../events/event-repository.js";
import type { NewEvent } from "../events/event-rows.js";
import { insertMaterial } from "../events/material-repository.js";
import { sealRequest } from "../events/request-commands.js";
import { insertRequest, type RequestRecord, type WishedDateRecord } from "../events/request-repository.js";
import { insertSeries } from "../events/series-repository.js";
import { countAtTheDoor, demoEvent } from "./demo-events.js";

const DAY_MS = 86_400_000;

/** A date `days` from today in Japan, YYYY-MM-DD. */
const dayFromToday = (now: number, days: number) =>
  new Date(Date.parse(`${todayInJapan(now)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

async function handout(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "人生会議（ACP）のすすめ", heading: HeadingLevel.HEADING_1 }),
          new Paragraph("デモ用の例：市民公開講座「人生会議を知っていますか」の配布資料です。"),
          new Paragraph(
            "もしものときに受けたい医療やケア、過ごしたい場所について、家族や信頼できる人、医療・介護の専門職と繰り返し話し合い、共有しておくことを「人生会議」といいます。",
          ),
          new Paragraph("1. 大切にしていることを考えてみましょう"),
          new Paragraph("2. 信頼できる人を決めておきましょう"),
          new Paragraph("3. かかりつけ医や専門職と話してみましょう"),
          new Paragraph("4. 話し合った内容を家族と共有しましょう"),
          new Paragraph("問い合わせ先：流山市 健康福祉部 介護支援課（デモ用の例）"),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function seedDemoOutreach(
  ctx: AppContext,
  wid: string,
  uid: string,
  groupId: string | null,
  lecture: NewEvent,
) {
  const db = ctx.kysely;
  const now = Date.now();

  // The menu: what groups may choose on the public request form.
  const menu = {
    acp: { id: newId(), name: "出前講座「人生会議（ACP）ってなに？」" },
    home: { id: newId(), name: "出前講座「在宅医療ってなに？」" },
  };
  for (const [item, description] of [
    [
      menu.acp,
      "デモ用の例：もしものときの医療やケアについて、家族や信頼できる人と話し合っておく「人生会議」を紹介します（約60分・講師：在宅医療・介護連携支援センター）。",
    ],
    [
      menu.home,
      "デモ用の例：通院が難しくなったときの訪問診療・訪問看護、家で過ごすための準備についてお話しします（約60分・講師：訪問看護師）。",
    ],
  ] as const)
    await insertSeries(db, {
      id: item.id,
      workspaceId: wid,
      name: item.name,
      kind: "outreachLecture",
      description,
      createdAt: now,
      demo: true,
    });

  // The lecture held for the first request (令和7年度): counted at the door, without names.
  const held = demoEvent(wid, uid, now, {
    seriesId: menu.acp.id,
    kind: "outreachLecture",
    title: "出前講座「人生会議（ACP）ってなに？」（向小金ふれあいサロン）",
    theme: "デモ用の例：サロンの定例会で、人生会議の進め方を寸劇と話し合いで紹介",
    startsAt: "2025-09-18T14:00",
    endsAt: "2025-09-18T15:30",
    fiscalYear: 2025,
    place: "向小金自治会館 集会室",
    capacity: 30,
    waitingList: false,
    audience: "residents",
    audienceNote: "向小金ふれあいサロン",
    status: "held",
  });
  await insertEvent(db, held, groupId ? [groupId] : []);
  await countAtTheDoor(db, held.id, { resident: 26, careManager: 2 }, now);

  const requests: {
    groupName: string;
    topic: string;
    wishedDates: WishedDateRecord[];
    people: number;
    place: string;
    contactName: string;
    contact: string;
    message: string;
    status: RequestRecord["status"];
    note: string;
    eventId: string | null;
    receivedDaysAgo: number;
  }[] = [
    {
      groupName: "向小金ふれあいサロン",
      topic: menu.acp.name,
      wishedDates: [
        { date: "2025-09-18", slot: "pm" },
        { date: "2025-09-25", slot: "pm" },
      ],
      people: 30,
      place: "向小金自治会館 集会室",
      contactName: "向井 和子",
      contact: "04-7100-0101",
      message: "デモ用の例：高齢の参加者が多いので、大きめの字の資料をお願いします。",
      status: "done",
      note: "デモ用の例：講師は在宅医療・介護連携支援センターの看護師。寸劇は地域包括のみなさんに依頼。",
      eventId: held.id,
      receivedDaysAgo: 120,
    },
    {
      groupName: "東深井 老人クラブ",
      topic: menu.home.name,
      wishedDates: [
        { date: dayFromToday(now, 30), slot: "am" },
        { date: dayFromToday(now, 37), slot: "am" },
        { date: dayFromToday(now, 44), slot: "pm" },
      ],
      people: 40,
      place: "東深井 福祉会館 大広間",
      contactName: "深井 正男",
      contact: "fukai.demo@example.jp",
      message: "デモ用の例：会員の多くが一人暮らしです。往診をしてくれる医師の探し方も知りたいです。",
      status: "arranging",
      note: "デモ用の例：第1希望で訪問看護ステーションの講師に打診中（回答待ち）。",
      eventId: null,
      receivedDaysAgo: 6,
    },
    {
      groupName: "江戸川台 自治会 福祉部",
      topic: "親の介護が始まったら（家族介護と在宅療養）",
      wishedDates: [
        { date: dayFromToday(now, 50), slot: "evening" },
        { date: dayFromToday(now, 57), slot: "any" },
      ],
      people: 20,
      place: "江戸川台 自治会館",
      contactName: "江戸 春香",
      contact: "090-0000-0203",
      message: "デモ用の例：働いている世代も来られるよう、夜か週末を希望します。",
      status: "received",
      note: "",
      eventId: null,
      receivedDaysAgo: 1,
    },
    {
      groupName: "おおたかの森 体操クラブ",
      topic: "介護予防の体操",
      wishedDates: [{ date: dayFromToday(now, 20), slot: "am" }],
      people: 15,
      place: "おおたかの森センター",
      contactName: "大鷹 次郎",
      contact: "04-7100-0304",
      message: "デモ用の例：月1回の体操の会で、介護予防のお話を聞きたいです。",
      status: "declined",
      note: "デモ用の例：介護予防の体操は地域包括支援センターの「いきいき教室」をご案内し、お断りした（電話で連絡済み）。",
      eventId: null,
      receivedDaysAgo: 14,
    },
  ];
  let number = 0;
  for (const r of requests) {
    number += 1;
    const id = newId();
    const sealed = sealRequest(ctx.personalData, id, {
      contactName: r.contactName,
      contact: r.contact,
      message: r.message,
    });
    const at = now - r.receivedDaysAgo * DAY_MS;
    await insertRequest(db, {
      id,
      workspaceId: wid,
      number,
      groupName: r.groupName,
      topic: r.topic,
      wishedDates: r.wishedDates,
      people: r.people,
      place: r.place,
      personal: sealed.text,
      personalKeyId: sealed.keyId,
      status: r.status,
      note: r.note,
      eventId: r.eventId,
      receivedAt: at,
      updatedAt: r.status === "received" ? at : now,
      erasedAt: null,
    });
  }

  // The 市民公開講座 on ACP (published by demo-events.ts): its handout is offered on its page.
  const data = await handout();
  await insertMaterial(db, {
    id: newId(),
    eventId: lecture.id,
    name: "人生会議（ACP）のすすめ（デモ用の例）.docx",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    size: data.byteLength,
    sha256: createHash("sha256").update(data).digest("hex"),
    public: true,
    createdBy: uid,
    createdAt: now,
    data,
  });
}

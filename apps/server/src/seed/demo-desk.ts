/**
 * The demo's consultation desk (相談支援) for 流山市: two desks, four 日常生活圏域 and a year
 * (令和7年度, April 2025 – March 2026) of illustrative cases and contacts, with a few later
 * ones, three published examples (主な相談内容と対応) and one waiting for approval. Every row is
 * marked demo (shown as 「デモ用の例」). Names and numbers are made up and marked as such;
 * identifying fields are sealed with the personal data key like any record.
 */
import {
  type AgeBand,
  type CareLevel,
  type ConsultationMethod,
  type ConsultationResponse,
  type ConsultationTopic,
  type ConsulterType,
  fiscalYearAndMonth,
  type LivingSituation,
  type MainCondition,
  newId,
  type Sex,
} from "@tsumugi/domain";
import { insertArea } from "../areas/area-repository.js";
import type { AppContext } from "../context.js";
import * as caseRepo from "../desk/case-repository.js";
import type { CaseRecord } from "../desk/consultation-rows.js";
import * as contactRepo from "../desk/contact-repository.js";
import * as desks from "../desk/desk-repository.js";
import { insertExample } from "../desk/example-repository.js";
import * as nameIndex from "../desk/name-index-repository.js";
import { nameIndexOf, sealContact, sealPerson } from "../desk/personal-fields.js";

export const DEMO_DESK_NAME = "流山市在宅医療・介護連携支援センター";
const AREAS = ["北部", "中部", "南部", "東部"];

/** Deterministic pseudo-random numbers (the demo is the same on every machine). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(r: () => number, items: readonly T[], weights?: readonly number[]): T {
  if (!weights) return items[Math.floor(r() * items.length)];
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

const METHODS: ConsultationMethod[] = ["phone", "walkIn", "visit", "email", "fax", "online"];
const METHOD_WEIGHTS = [60, 15, 10, 8, 4, 3];
const CONSULTERS: ConsulterType[] = [
  "careManager",
  "family",
  "hospitalLiaison",
  "communityCenter",
  "nurse",
  "doctor",
  "self",
  "pharmacy",
  "other",
];
const CONSULTER_WEIGHTS = [30, 22, 14, 10, 8, 6, 5, 3, 2];

/** What a consultation was about, how it was answered, in words a coordinator writes. */
const SCENARIOS: {
  topics: ConsultationTopic[];
  responses: ConsultationResponse[];
  content: string;
  response: string;
  referral?: string;
}[] = [
  {
    topics: ["admission"],
    responses: ["coordination"],
    content: "入院中の利用者の退院日が急に決まった。退院前カンファレンスの調整を相談したい。",
    response: "病院地域連携室に連絡し、退院前カンファレンスの日程を調整した。",
  },
  {
    topics: ["homeCareStart", "referral"],
    responses: ["information", "connect"],
    content: "通院が難しくなってきたので、訪問診療をしてくれる医師を探している。",
    response: "地区の訪問診療医の一覧を説明し、希望の医療機関へつないだ。",
    referral: "訪問診療を行う診療所（例）",
  },
  {
    topics: ["endOfLife", "acp"],
    responses: ["information", "coordination"],
    content: "自宅で最期を迎えたいという本人の希望を家族が知り、何を準備すればよいか知りたい。",
    response: "看取りまでの流れと人生会議（ACP）の進め方を説明し、主治医・訪問看護と話し合う場を調整した。",
  },
  {
    topics: ["emergency"],
    responses: ["information"],
    content: "夜間に容体が変わったときの連絡先を、本人・家族とどう共有すればよいか。",
    response: "救急医療情報キットと、急変時の連絡先を整理するシートを紹介した。",
  },
  {
    topics: ["dementia"],
    responses: ["coordination", "accompany"],
    content: "認知症の進行で服薬の管理が難しくなっている。支援の方法を相談したい。",
    response: "薬局・訪問看護と服薬支援の方法を検討し、同行訪問で状況を確認した。",
  },
  {
    topics: ["collaboration"],
    responses: ["meeting"],
    content: "医療と介護の関係者で情報の共有がうまくいかない事例がある。",
    response: "関係者による事例検討の場を設け、情報共有の方法を確認した。",
  },
  {
    topics: ["system"],
    responses: ["information"],
    content: "医療保険と介護保険の訪問看護の違いを知りたい。",
    response: "制度の違いと利用の流れを説明した。",
  },
  {
    topics: ["referral"],
    responses: ["information", "connect"],
    content: "医療的ケア（在宅酸素）に対応できる通所サービスを探している。",
    response: "対応できる事業所の情報を提供し、地域包括支援センターへつないだ。",
    referral: "地域包括支援センター（例）",
  },
];

const GIVEN = ["一郎", "花子", "次郎", "和子", "三郎", "幸子", "正", "節子", "清", "美代子"];
const FAMILY = ["デモ", "見本", "例"];

export async function seedDemoDesk(
  app: AppContext,
  workspaceId: string,
  coordinatorId: string,
  secretariatId: string,
): Promise<void> {
  const vault = app.personalData;
  const r = random(20250401);
  const now = Date.now();
  await app.kysely.transaction().execute(async (trx) => {
    const areaIds = AREAS.map(() => newId());
    for (const [i, name] of AREAS.entries())
      await insertArea(trx, workspaceId, { id: areaIds[i] as string, name, towns: [] });
    const main: desks.DeskWithStaff = {
      id: newId(),
      workspaceId,
      name: DEMO_DESK_NAME,
      hours: "月〜金 8:30〜17:15（祝日・年末年始を除く）",
      phone: "04-0000-0000（デモ）",
      email: "renkei@demo.tsumugi.jp",
      address: "流山市平和台1-1-1（デモ）",
      howToConsult:
        "在宅での療養や介護について、医療・介護の関係者や市民の方からの相談を受けます。電話でご相談ください。来所・訪問も承ります。相談は無料で、秘密は守ります。",
      defaultMethod: "phone",
      defaultAreaId: null,
      public: true,
      position: 0,
      demo: true,
      createdAt: now,
      updatedAt: now,
      staffIds: [coordinatorId],
    };
    const east: desks.DeskWithStaff = {
      ...main,
      id: newId(),
      name: "東部 出張相談窓口",
      hours: "毎月第2・第4水曜 13:00〜16:00",
      phone: "04-0000-0001（デモ）",
      email: "",
      address: "東部地域の公民館（デモ）",
      howToConsult: "予約なしでご相談いただけます。混み合うときはお待ちいただくことがあります。",
      defaultMethod: "walkIn",
      defaultAreaId: areaIds[3],
      position: 1,
      staffIds: [coordinatorId],
    };
    await desks.insertDesk(trx, main);
    await desks.insertDesk(trx, east);

    let caseNo = 0;
    const openCases: { record: CaseRecord; seq: number }[] = [];
    // 令和7年度 and the months of this year before the current one.
    const months: { y: number; m: number }[] = [];
    for (let i = 0; i < 24; i++) {
      const y = 2025 + Math.floor((3 + i) / 12);
      const m = ((3 + i) % 12) + 1;
      const first = `${y}-${String(m).padStart(2, "0")}-01T00:00`;
      if (Date.parse(`${first}:00+09:00`) > now - 32 * 86_400_000) break;
      months.push({ y, m });
    }
    for (const [mi, { y, m }] of months.entries()) {
      const inFirstYear = mi < 12;
      const count = (inFirstYear ? 22 : 14) + Math.floor(r() * 8);
      for (let k = 0; k < count; k++) {
        const day = 1 + Math.floor(r() * 27);
        const hour = 9 + Math.floor(r() * 8);
        const minute = pick(r, [0, 10, 15, 20, 30, 40, 45, 50]);
        const receivedAt = `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
        const desk = r() < 0.15 ? east : main;
        const scenario = pick(r, SCENARIOS);
        const method = desk === east ? "walkIn" : pick(r, METHODS, METHOD_WEIGHTS);
        const consulterType = pick(r, CONSULTERS, CONSULTER_WEIGHTS);
        // About one contact in four continues an earlier case of the same desk.
        const earlier = openCases.filter((c) => c.record.deskId === desk.id);
        let kase: CaseRecord;
        let seq: number;
        if (earlier.length > 0 && r() < 0.25) {
          const found = earlier[Math.floor(r() * earlier.length)];
          found.seq += 1;
          kase = found.record;
          seq = found.seq;
        } else {
          caseNo += 1;
          const id = newId();
          const person = {
            name: `${pick(r, FAMILY)} ${pick(r, GIVEN)}`,
            kana: "",
            contact: "",
            address: "",
            birthDate: "",
            notes: "デモ用の例（架空の人物）",
          };
          const sealed = sealPerson(vault, id, person);
          kase = {
            id,
            workspaceId,
            deskId: desk.id,
            caseNo,
            ageBand: pick(
              r,
              ["65to74", "75to84", "85to94", "95plus", "40to64"] as AgeBand[],
              [20, 35, 30, 5, 10],
            ),
            sex: pick(r, ["female", "male"] as Sex[]),
            careLevel: pick(r, [
              "none",
              "applying",
              "support2",
              "care1",
              "care2",
              "care3",
              "care4",
              "care5",
            ] as CareLevel[]),
            living: pick(r, ["alone", "elderlyOnly", "withFamily", "inHospital"] as LivingSituation[]),
            condition: pick(r, [
              "cancer",
              "dementia",
              "stroke",
              "heart",
              "respiratory",
              "frailty",
            ] as MainCondition[]),
            areaId: desk === east ? areaIds[3] : pick(r, areaIds),
            personal: sealed.text,
            keyId: sealed.keyId,
            lastContactAt: receivedAt,
            demo: true,
            anonymisedAt: null,
            createdBy: coordinatorId,
            createdAt: now,
            updatedAt: now,
          };
          await caseRepo.insertCase(trx, kase);
          await nameIndex.setNameIndex(trx, id, nameIndexOf(vault, person));
          seq = 1;
          openCases.push({ record: kase, seq });
        }
        const id = newId();
        const sealed = sealContact(vault, id, {
          consulter: { name: "", organisation: "", contact: "" },
          content: scenario.content,
          responseDetail: scenario.response,
        });
        const recent = mi >= months.length - 2;
        const { fiscalYear, month } = fiscalYearAndMonth(receivedAt);
        await contactRepo.insertContact(trx, {
          id,
          workspaceId,
          caseId: kase.id,
          seq,
          receivedAt,
          fiscalYear,
          month,
          method,
          consulterType,
          minutes: 5 + Math.floor(r() * 12) * 5,
          followUpDue: recent && r() < 0.4 ? `${y}-${String(m).padStart(2, "0")}-28` : null,
          followUpStatus: recent ? (r() < 0.4 ? "open" : "none") : r() < 0.2 ? "done" : "none",
          referralResourceId: null,
          referralOrganisation: scenario.referral ?? null,
          personal: sealed.text,
          keyId: sealed.keyId,
          staffUserId: coordinatorId,
          demo: true,
          anonymisedAt: null,
          createdBy: coordinatorId,
          createdAt: now,
          updatedAt: now,
          topics: scenario.topics,
          responses: scenario.responses,
        });
        await caseRepo.refreshLastContact(trx, kase.id);
      }
    }
    // Follow-ups still open in the list carry their due date (the contract requires one).
    await trx
      .updateTable("consultations")
      .set({ follow_up_status: "none" })
      .where("workspace_id", "=", workspaceId)
      .where("follow_up_status", "=", "open")
      .where("follow_up_due", "is", null)
      .execute();

    const examples: {
      title: string;
      question: string;
      answer: string;
      topics: ConsultationTopic[];
      consulterType: ConsulterType;
      status: "published" | "submitted";
    }[] = [
      {
        title: "退院が急に決まったとき",
        question:
          "ケアマネジャーから「入院中の利用者の退院日が急に決まり、在宅の準備が間に合わない」との相談。",
        answer:
          "病院の地域連携室と連絡を取り、退院前カンファレンスを開いて、訪問診療・訪問看護・福祉用具の準備を関係者で分担した。",
        topics: ["admission"],
        consulterType: "careManager",
        status: "published",
      },
      {
        title: "自宅で最期を迎えたい",
        question: "家族から「本人が自宅で最期を迎えたいと言っている。何を準備すればよいか」との相談。",
        answer:
          "看取りまでの経過と、人生会議（ACP）で本人の思いを共有する方法を説明し、主治医・訪問看護と話し合う場を設けた。",
        topics: ["endOfLife", "acp"],
        consulterType: "family",
        status: "published",
      },
      {
        title: "訪問診療をしてくれる医師を探したい",
        question: "家族から「通院が難しくなった。家に来てくれる医師はいるか」との相談。",
        answer: "地区で訪問診療を行う医療機関の情報を提供し、希望する医療機関へ連絡をつないだ。",
        topics: ["homeCareStart", "referral"],
        consulterType: "family",
        status: "published",
      },
      {
        title: "服薬の管理が難しくなった",
        question: "訪問看護師から「認知症の進行で薬の飲み忘れが増えている」との相談。",
        answer: "薬局と連携して一包化とお薬カレンダーを導入し、訪問の曜日に合わせた確認の方法を決めた。",
        topics: ["dementia"],
        consulterType: "nurse",
        status: "submitted",
      },
    ];
    for (const e of examples) {
      await insertExample(trx, {
        id: newId(),
        workspaceId,
        deskId: main.id,
        consultationId: null,
        fiscalYear: 2025,
        consulterType: e.consulterType,
        topics: e.topics,
        title: e.title,
        question: e.question,
        answer: e.answer,
        status: e.status,
        note: "",
        demo: true,
        draftedBy: coordinatorId,
        decidedBy: e.status === "published" ? secretariatId : null,
        publishedAt: e.status === "published" ? now : null,
        createdAt: now,
        updatedAt: now,
      });
    }
  });
}

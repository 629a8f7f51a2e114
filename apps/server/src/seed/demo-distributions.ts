/**
 * The demo's printed materials handed out (配布物) for 流山市, 令和5–7年度: the information paper
 * delivered to every household (seed 003: 「おうち療養情報紙」の全戸配布), ACP booklets at the
 * 市民公開講座 and at the 地域包括支援センター, leaflets at the 公民館. Quantities are
 * illustrative and each record says so (「デモ用の例」).
 */
import { newId } from "@tsumugi/domain";
import type { AppContext } from "../context.js";
import { fiscalYearOfDistribution } from "../events/outreach-commands.js";
import { insertDistribution } from "../events/outreach-repository.js";

const NOTE = "デモ用の例（部数は架空です）";

const RECORDS: {
  kind: "newsletter" | "flyer" | "acpBooklet" | "poster" | "other";
  title: string;
  quantity: number;
  where: string;
  on: string;
  atLecture?: boolean;
}[] = [
  {
    kind: "newsletter",
    title: "おうち療養情報紙 第1号",
    quantity: 92000,
    where: "全戸配布（広報と同時）",
    on: "2023-07",
  },
  {
    kind: "flyer",
    title: "在宅医療・介護の相談窓口のご案内",
    quantity: 1500,
    where: "市内の公民館・図書館",
    on: "2023-10-02",
  },
  {
    kind: "newsletter",
    title: "おうち療養情報紙 第2号",
    quantity: 92500,
    where: "全戸配布（広報と同時）",
    on: "2024-01",
  },
  {
    kind: "newsletter",
    title: "おうち療養情報紙 第3号",
    quantity: 93000,
    where: "全戸配布（広報と同時）",
    on: "2024-07",
  },
  {
    kind: "acpBooklet",
    title: "わたしの想いをつなぐノート（ACP冊子）",
    quantity: 400,
    where: "地域包括支援センター（6か所）",
    on: "2024-09-02",
  },
  {
    kind: "poster",
    title: "人生会議の日（11月30日）ポスター",
    quantity: 120,
    where: "市内の病院・診療所・薬局",
    on: "2024-11-01",
  },
  {
    kind: "newsletter",
    title: "おうち療養情報紙 第4号",
    quantity: 93500,
    where: "全戸配布（広報と同時）",
    on: "2025-07",
  },
  {
    kind: "flyer",
    title: "市民公開講座「人生会議を知っていますか」のご案内",
    quantity: 3000,
    where: "公民館・地域包括支援センター・自治会回覧",
    on: "2025-10-01",
  },
  {
    kind: "acpBooklet",
    title: "わたしの想いをつなぐノート（ACP冊子）",
    quantity: 180,
    where: "市民公開講座の会場",
    on: "2025-11-16",
    atLecture: true,
  },
];

/** The records, the 市民公開講座's booklets linked to `lectureId`. */
export async function seedDemoDistributions(
  ctx: AppContext,
  wid: string,
  uid: string,
  lectureId: string,
): Promise<void> {
  const now = Date.now();
  await ctx.kysely.transaction().execute(async (trx) => {
    for (const r of RECORDS) {
      await insertDistribution(trx, {
        id: newId(),
        workspaceId: wid,
        fiscalYear: fiscalYearOfDistribution(r.on),
        kind: r.kind,
        title: r.title,
        quantity: r.quantity,
        place: r.where,
        distributedOn: r.on,
        eventId: r.atLecture ? lectureId : null,
        note: NOTE,
        createdBy: uid,
        createdAt: now,
        updatedAt: now,
      });
    }
  });
}

/**
 * Starting points for working-group drafts: the headings these tools usually have, so a
 * group starts from a structure instead of a blank page. "# " marks a heading; the
 * 情報共有シート is a form, so its sections are tables of 項目 and 内容 to fill in.
 */
import type { DraftTemplate } from "@tsumugi/domain";
import type { RichBlock } from "./rich-text.js";

const FILL = "（記入してください）";

/** A form section: one row per item, with an empty 内容 cell to fill in. */
const form = (items: string[]): RichBlock => ({
  table: [["項目", "内容"], ...items.map((item) => [item, ""])],
  header: true,
});

export const DRAFT_TEMPLATE_CONTENT: Record<DraftTemplate, { title: string; paragraphs: RichBlock[] }> = {
  infoSharing: {
    title: "情報共有シート（案）",
    paragraphs: [
      "# 目的",
      "在宅療養者の支援にかかわる医療・介護の関係者が、必要な情報を同じ様式で共有する。",
      "# 基本情報",
      form(["氏名", "生年月日", "住所", "連絡先"]),
      "# 医療",
      form(["主治医", "主な病名", "服薬", "医療処置"]),
      "# 介護",
      form(["要介護度", "担当ケアマネジャー", "利用しているサービス"]),
      "# 生活の状況",
      FILL,
      "# 本人・家族の意向",
      FILL,
      "# 緊急時の連絡先",
      form(["氏名・続柄", "電話番号", "連絡できる時間"]),
    ],
  },
  dischargeRules: {
    title: "入退院支援ルール（案）",
    paragraphs: [
      "# 目的",
      "入院時から退院後の生活を見据え、病院と在宅の関係者が必要な情報を確実に共有する。",
      "# 対象",
      FILL,
      "# 入院時の連携",
      "ケアマネジャーは入院を把握してから3日以内に、情報共有シートを病院の地域連携室へ提供する。",
      "# 退院調整",
      "病院は退院の見込みが立った時点で、担当ケアマネジャーへ連絡する。",
      "# 退院時カンファレンス",
      FILL,
      "# 様式・問い合わせ先",
      FILL,
    ],
  },
  emergencySheet: {
    title: "急変時対応シート（案）",
    paragraphs: [
      "# 本人の意思（人生会議・ACP）",
      "延命治療・搬送先についての本人の希望と、話し合った日・参加者",
      "# 連絡先",
      "かかりつけ医・訪問看護ステーション・担当ケアマネジャー・家族",
      "# 既往歴・服薬",
      FILL,
      "# 急変時の連絡の順番",
      FILL,
      "# 救急隊へ伝えること",
      FILL,
    ],
  },
  personalInfo: {
    title: "本人情報連携シート（案）",
    paragraphs: [
      "# 本人のこと",
      "大切にしていること・好きなこと・苦手なこと",
      "# 生活歴",
      FILL,
      "# 健康状態",
      FILL,
      "# 支援者と連絡先",
      FILL,
      "# 情報提供への同意",
      "本人（または家族）の同意を得た日と範囲",
    ],
  },
};

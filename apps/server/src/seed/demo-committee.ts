/**
 * Who and what the demo's workspaces start with: 流山市's committee (seed 003's 組織構成), one
 * account per kind of user, its first documents, and 高松市's secretariat. Written by demo.ts.
 */
import type { GroupKind, Role } from "@tsumugi/domain";

export const TAKAMATSU_USER = {
  label: "高松市 事務局",
  email: "takamatsu@demo.tsumugi.jp",
  name: "山本 健",
  organization: "高松市 健康福祉局 長寿福祉部",
};

/** Seed 003's 組織構成: the 全体会, its two 部会 and their 班, and the 事務局 beside them. */
export const GROUPS: { key: string; name: string; kind: GroupKind; parent?: string }[] = [
  { key: "plenary", name: "全体会", kind: "plenary" },
  { key: "system", name: "多職種連携・体制構築部会", kind: "division", parent: "plenary" },
  { key: "training", name: "研修・啓発部会", kind: "division", parent: "plenary" },
  { key: "hospital", name: "病診施連携班", kind: "team", parent: "system" },
  { key: "professional", name: "専門職研修班", kind: "team", parent: "training" },
  { key: "citizens", name: "市民啓発班", kind: "team", parent: "training" },
  { key: "secretariat", name: "事務局", kind: "secretariat" },
];

export const USERS: {
  label: string;
  email: string;
  name: string;
  organization: string;
  role: Role;
  groups: string[];
}[] = [
  {
    label: "事務局",
    email: "jimukyoku@demo.tsumugi.jp",
    name: "高橋 美和",
    organization: "流山市 健康福祉部 介護支援課",
    role: "secretariat",
    groups: ["secretariat", "plenary"],
  },
  {
    label: "医師",
    email: "doctor@demo.tsumugi.jp",
    name: "井上 誠",
    organization: "流山市医師会",
    role: "member",
    groups: ["plenary", "system", "hospital"],
  },
  {
    label: "訪問看護師",
    email: "nurse@demo.tsumugi.jp",
    name: "小林 由紀",
    organization: "訪問看護ステーション連絡会",
    role: "member",
    groups: ["plenary", "training", "professional"],
  },
  {
    label: "ケアマネジャー",
    email: "caremanager@demo.tsumugi.jp",
    name: "中村 恵子",
    organization: "介護支援専門員連絡会",
    role: "member",
    groups: ["plenary", "hospital"],
  },
  {
    label: "コーディネーター",
    email: "coordinator@demo.tsumugi.jp",
    name: "松本 彩",
    organization: "在宅医療・介護連携支援センター",
    role: "coordinator",
    groups: ["plenary"],
  },
  {
    label: "千葉県（閲覧）",
    email: "pref@demo.tsumugi.jp",
    name: "佐々木 聡",
    organization: "千葉県 健康福祉部 松戸保健所",
    role: "observer",
    groups: [],
  },
];

export const DOCUMENTS: {
  title: string;
  kind: "note" | "minutes" | "draft";
  group: string | null;
  paragraphs: string[];
}[] = [
  {
    title: "第1回 在宅医療・介護連携推進会議 メモ",
    kind: "note",
    group: null,
    paragraphs: [
      "# 議題",
      "1. 令和5年度の取組計画について",
      "2. 入退院支援ルールの運用状況（病診施連携班より報告）",
      "3. 市民公開講座（人生会議）の企画について",
      "# 意見",
      "退院前カンファレンスへのケアマネジャーの参加が増えている一方、急な退院の連絡が遅れる事例がある。",
    ],
  },
  {
    title: "入退院支援ルール（案）",
    kind: "draft",
    group: "hospital",
    paragraphs: [
      "# 目的",
      "入院時から退院後の生活を見据え、病院と在宅の関係者が必要な情報を確実に共有する。",
      "# 入院時",
      "ケアマネジャーは入院を把握してから3日以内に、情報共有シートを病院の地域連携室へ提供する。",
      "# 退院時",
      "病院は退院の見込みが立った時点で、担当ケアマネジャーへ連絡する。",
    ],
  },
  {
    title: "多職種研修会 企画メモ",
    kind: "note",
    group: "professional",
    paragraphs: ["# テーマ案", "急変時の対応と救急隊との情報共有（事例検討）"],
  },
];

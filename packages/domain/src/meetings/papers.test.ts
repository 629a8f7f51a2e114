import { describe, expect, it } from "vitest";
import type { AgendaItem, Outcome } from "./meeting-doc.js";
import {
  DEFAULT_MEETING_PAPER_SETTINGS,
  type MeetingPaperSettings,
  minutesPaper,
  noticePaper,
  type PaperMeeting,
  type PaperPerson,
} from "./papers.js";
import type { Attendance } from "./vocabulary.js";

const meeting: PaperMeeting = {
  title: "令和5年度 第2回 流山市在宅医療介護連携会議",
  kind: "liaison",
  startsAt: "2023-07-31T14:00",
  endsAt: "2023-07-31T16:00",
  place: "流山市役所 第1庁舎3階 301会議室",
  onlineUrl: "https://meet.example.jp/r/abc",
  minutesState: "drafting",
};

const people: PaperPerson[] = [
  {
    userId: "u1",
    name: "高橋 美和",
    organization: "流山市健康福祉部介護支援課",
    role: "secretariat",
    email: "j@example.jp",
  },
  { userId: "u2", name: "井上 誠", organization: "流山市医師会", role: "member" },
  { userId: "u3", name: "小林 由紀", organization: "訪問看護ステーション連絡会", role: "member" },
  { userId: "u4", name: "山田 太郎", organization: "流山市医師会", role: "member" },
  { userId: "u5", name: "佐々木 聡", organization: "松戸保健所", role: "observer" },
  { userId: "u6", name: "松本 彩", organization: "在宅医療・介護連携支援センター", role: "coordinator" },
  { userId: "u7", name: "中村 恵子", organization: "介護支援専門員連絡会", role: "member" },
];

const agenda = [
  { id: "a1", title: "令和5年度の取組計画について", presenter: "事務局" },
  { id: "a2", title: "入退院支援の現状分析", presenter: "" },
] as AgendaItem[];

describe("the meeting notice on paper", () => {
  it("falls back on what the workspace knows: 事務連絡, the municipality and its secretariat", () => {
    const n = noticePaper({
      meeting,
      agenda,
      people,
      municipality: "千葉県 流山市",
      settings: DEFAULT_MEETING_PAPER_SETTINGS,
      date: "2023-07-10",
    });
    expect(n.numberLine).toBe("事務連絡");
    expect(n.dateLine).toBe("令和5年7月10日");
    expect(n.addressee).toBe("連携会議 委員 各位");
    expect(n.senderLines).toEqual(["千葉県 流山市", "流山市健康福祉部介護支援課", "（事務局）"]);
    expect(n.title).toBe("令和5年度 第2回 流山市在宅医療介護連携会議の開催について（通知）");
    expect(n.items.map((i) => i.label)).toEqual(["日時", "場所", "議題", "出欠の回答", "問い合わせ先"]);
    expect(n.items[0].lines).toEqual(["令和5年7月31日（月）14時00分〜16時00分"]);
    expect(n.items[1].lines).toEqual([
      "流山市役所 第1庁舎3階 301会議室",
      "オンライン参加：https://meet.example.jp/r/abc",
    ]);
    expect(n.items[2].lines).toEqual([
      "(1) 令和5年度の取組計画について（説明：事務局）",
      "(2) 入退院支援の現状分析",
    ]);
    expect(n.items[3].lines[0]).toMatch(/^令和5年7月24日（月）までに/);
    expect(n.items[4].lines).toEqual(["流山市健康福祉部介護支援課　高橋 美和　j@example.jp"]);
  });

  it("writes the workspace's number, sender, contact and reply wording", () => {
    const settings: MeetingPaperSettings = {
      ...DEFAULT_MEETING_PAPER_SETTINGS,
      sender: "流山市健康福祉部介護支援課長\n（公印省略）\n",
      numberPrefix: "流介支第",
      contactOffice: "流山市健康福祉部介護支援課 在宅医療介護連携係",
      contactPhone: "04-7150-6531",
      contactEmail: "kaigoshien@example.jp",
      replyMethod: "別紙出欠票により、{date}までにFAX又はメールで御回答ください。",
    };
    const base = { meeting, agenda: [], people, municipality: "流山市", settings, date: "2023-07-10" };
    const n = noticePaper({ ...base, number: "1234", groupName: "全体会" });
    expect(n.numberLine).toBe("流介支第1234号");
    expect(noticePaper(base).numberLine).toBe("流介支第　　　号");
    expect(n.addressee).toBe("全体会 委員 各位");
    expect(n.senderLines).toEqual(["流山市健康福祉部介護支援課長", "（公印省略）"]);
    expect(n.items[2].lines).toEqual(["追って連絡します"]);
    expect(n.items[3].lines).toEqual([
      "別紙出欠票により、令和5年7月24日（月）までにFAX又はメールで御回答ください。",
    ]);
    expect(n.items[4].lines).toEqual([
      "流山市健康福祉部介護支援課 在宅医療介護連携係",
      "電話　04-7150-6531",
      "メール　kaigoshien@example.jp",
    ]);
    // A number typed whole, without a prefix in the settings.
    const plain = { ...base, settings: DEFAULT_MEETING_PAPER_SETTINGS };
    expect(noticePaper({ ...plain, number: "流介支第77号" }).numberLine).toBe("流介支第77号");
    expect(noticePaper({ ...plain, number: "77" }).numberLine).toBe("第77号");
  });

  it("says where the meeting is when only a URL or nothing is known yet", () => {
    const base = {
      agenda,
      people,
      municipality: "流山市",
      settings: DEFAULT_MEETING_PAPER_SETTINGS,
      date: "2023-07-10",
    };
    expect(noticePaper({ ...base, meeting: { ...meeting, place: "" } }).items[1].lines[0]).toBe(
      "オンライン開催",
    );
    expect(
      noticePaper({ ...base, meeting: { ...meeting, place: "", onlineUrl: "" } }).items[1].lines,
    ).toEqual(["追って連絡します"]);
  });
});

describe("the minutes on paper", () => {
  const attendance = new Map<string, Attendance>([
    ["u1", "attended"],
    ["u2", "attended"],
    ["u3", "absent"],
    ["u4", "attended"],
    ["u5", "attended"],
    ["u6", "attended"],
    ["u7", "invited"],
  ]);
  const outcomes = [
    { id: "o1", type: "decision", text: "入退院支援の連携ツールを病診施連携班で作成する" },
    { id: "o2", type: "action", text: "消防との意見交換の日程を調整する" },
    { id: "o3", type: "report", text: "  " },
  ] as Outcome[];

  it("lists 委員, オブザーバー and 事務局 apart, by body, and those absent", () => {
    const p = minutesPaper({
      meeting,
      agenda,
      outcomes,
      people,
      attendance,
      settings: DEFAULT_MEETING_PAPER_SETTINGS,
    });
    expect(p.title).toBe("令和5年度 第2回 流山市在宅医療介護連携会議 議事録");
    expect(p.draft).toBe(true);
    expect(p.people.members).toEqual([{ organization: "流山市医師会", names: ["井上 誠", "山田 太郎"] }]);
    expect(p.people.observers).toEqual([{ organization: "松戸保健所", names: ["佐々木 聡"] }]);
    expect(p.people.secretariat.map((b) => b.organization)).toEqual([
      "在宅医療・介護連携支援センター",
      "流山市健康福祉部介護支援課",
    ]);
    expect(p.people.absent).toEqual([{ organization: "訪問看護ステーション連絡会", names: ["小林 由紀"] }]);
    expect(p.outcomes).toEqual([
      { heading: "決定事項", items: ["入退院支援の連携ツールを病診施連携班で作成する"] },
      { heading: "今後の取組", items: ["消防との意見交換の日程を調整する"] },
    ]);
    expect(p.signature).toBeNull();
  });

  it("names the secretariat's office when nobody of it was marked present, and has 署名欄 when asked", () => {
    const p = minutesPaper({
      meeting: { ...meeting, minutesState: "fixed" },
      agenda,
      outcomes: [],
      people,
      attendance: new Map([["u2", "attended"]]),
      settings: {
        ...DEFAULT_MEETING_PAPER_SETTINGS,
        contactOffice: "介護支援課 在宅医療介護連携係",
        minutesSigners: 2,
      },
    });
    expect(p.draft).toBe(false);
    expect(p.people.secretariat).toEqual([{ organization: "介護支援課 在宅医療介護連携係", names: [] }]);
    expect(p.signature).toEqual({
      statement: "上記のとおり相違ないことを確認し、ここに署名する。",
      dateLine: "令和　　年　　月　　日",
      signers: 2,
    });
  });
});

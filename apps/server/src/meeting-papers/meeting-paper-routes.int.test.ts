import {
  insertMeetingRow,
  newAgendaItem,
  orderKeysAfter,
  RICH_TEXT_FIELD,
  setAttendance,
} from "@tsumugi/domain";
import { describe, expect } from "vitest";
import * as Y from "yjs";
import { auditEntries, byPerson } from "../testing/audit-entries.js";
import { type OpenedDocx, openDocx, runFontsOf } from "../testing/docx-reader.js";
import type { TestServer } from "../testing/fixtures.js";
import {
  workspaceTest as it,
  type OpenDocument,
  personElsewhere,
  type WorkspaceWorld,
} from "../testing/workspace-world.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** People as a municipality's committee has them: names and the bodies they come from. */
async function namePeople(server: TestServer, w: WorkspaceWorld): Promise<void> {
  const set = (id: string, name: string, organization: string) =>
    server.ctx.db.run("UPDATE users SET name = ?, organization = ? WHERE id = ?", [name, organization, id]);
  await set(w.admin.id, "高橋 美和", "流山市健康福祉部介護支援課");
  await set(w.member.id, "井上 誠", "流山市医師会");
  await set(w.outsider.id, "小林 由紀", "訪問看護ステーション連絡会");
  await set(w.observer.id, "佐々木 聡", "千葉県松戸保健所");
}

/** A meeting whose document holds an agenda, attendance, outcomes and minutes typed by the secretariat. */
async function heldMeeting(w: WorkspaceWorld, open: OpenDocument) {
  const created = await w.admin.browser.post<{ meeting: { id: string; docName: string } }>(
    `${w.base}/meetings`,
    {
      kind: "liaison",
      title: "令和7年度 第2回 流山市在宅医療介護連携会議",
      startsAt: "2025-07-31T14:00",
      endsAt: "2025-07-31T16:00",
      place: "流山市役所 第1庁舎3階 301会議室",
      onlineUrl: "https://meet.example.jp/r/nagareyama",
      invitees: [w.member.id, w.outsider.id, w.observer.id],
    },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const m = created.body.meeting;
  const writer = open(m.docName, w.admin.browser.cookie);
  await writer.synced();
  const [a1, a2] = orderKeysAfter(null, 2);
  const [o1, o2] = orderKeysAfter(null, 2);
  writer.doc.transact(() => {
    const agendaItem = (id: string, order: string, title: string, presenter: string) =>
      insertMeetingRow(writer.doc, "agenda", newAgendaItem([], { id, order, title, minutes: 20, presenter }));
    agendaItem("agendaitem0001", a1, "令和7年度の事業計画について", "事務局");
    agendaItem("agendaitem0002", a2, "急変時の対応の場面における具体的施策の検討", "");
    insertMeetingRow(writer.doc, "outcomes", {
      id: "outcomedec001",
      order: o1,
      type: "decision",
      text: "入退院支援の連携ツールを病診施連携班で作成する",
      agendaItemId: null,
      actionId: null,
    });
    insertMeetingRow(writer.doc, "outcomes", {
      id: "outcomeact001",
      order: o2,
      type: "action",
      text: "消防との意見交換の日程を調整する",
      agendaItemId: null,
      actionId: null,
    });
    setAttendance(writer.doc, w.admin.id, "attended");
    setAttendance(writer.doc, w.member.id, "attended");
    setAttendance(writer.doc, w.observer.id, "attended");
    setAttendance(writer.doc, w.outsider.id, "absent");
    writer.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, minutesText());
  });
  expect(await writer.acknowledged()).toBe(true);
  return { ...m, writer };
}

/** Minutes as the editor stores them: a heading, a paragraph with bold, lists and a table. */
function minutesText(): Y.XmlElement[] {
  const el = (name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}) => {
    const e = new Y.XmlElement(name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
    e.insert(0, children);
    return e;
  };
  const text = (s: string, format?: Record<string, unknown>) => {
    const t = new Y.XmlText();
    t.insert(0, s, format);
    return t;
  };
  const p = (...children: Y.XmlText[]) => el("paragraph", children);
  const item = (s: string) => el("listItem", [p(text(s))]);
  const cell = (name: string, s: string, attrs: Record<string, unknown> = {}) =>
    el(name, [p(text(s))], attrs);
  const bold = new Y.XmlText();
  bold.insert(0, "事務局より");
  bold.insert(5, "令和7年度の事業計画", { bold: true });
  bold.insert(15, "について説明があった。", { bold: null });
  return [
    el("heading", [text("1 令和7年度の事業計画について")], { level: 2 }),
    p(bold),
    el("bulletList", [
      item("つむぐ会の開催方法を専門職研修班で検討する"),
      item("出前講座は依頼に基づき開催する"),
    ]),
    el("orderedList", [item("市民公開講座の企画"), item("おうち療養情報紙の発行")]),
    el("table", [
      el("tableRow", [cell("tableHeader", "職能団体"), cell("tableHeader", "意見")]),
      el("tableRow", [cell("tableCell", "医師会"), cell("tableCell", "在支診の実態把握を進めたい")]),
      el("tableRow", [cell("tableCell", "以上、異議なく承認された。", { colspan: 2 })]),
    ]),
  ];
}

async function docx(
  server: TestServer,
  w: WorkspaceWorld,
  who: WorkspaceWorld["admin"],
  path: string,
): Promise<{ res: Response; file: OpenedDocx }> {
  const res = await fetch(`${server.origin}${w.base}${path}`, {
    headers: { Cookie: who.browser.cookie ?? "" },
  });
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toBe(DOCX);
  return { res, file: openDocx(new Uint8Array(await res.arrayBuffer())) };
}

const MM = 56.7;

function expectA4WithMargins(file: OpenedDocx) {
  expect(file.page.width).toBe(11906);
  expect(file.page.height).toBe(16838);
  expect(file.page.margins.top / MM).toBeCloseTo(30, 0);
  expect(file.page.margins.left / MM).toBeCloseTo(30, 0);
  expect(file.page.margins.right / MM).toBeCloseTo(25, 0);
  expect(file.page.margins.bottom / MM).toBeCloseTo(25, 0);
}

function expectJapaneseFonts(file: OpenedDocx) {
  const styles = file.xml("word/styles.xml");
  expect(runFontsOf(styles, null)).toEqual({
    ascii: "游明朝",
    hAnsi: "游明朝",
    eastAsia: "游明朝",
    hint: "eastAsia",
    langEastAsia: "ja-JP",
  });
  expect(runFontsOf(styles, "Heading1")).toMatchObject({ eastAsia: "游ゴシック", hint: "eastAsia" });
}

describe("meeting papers", () => {
  it("make the 開催通知 as a Word file: number and date lines, addressee, sender, 記 and 以上", async ({
    server,
    world: w,
    open,
  }) => {
    await namePeople(server, w);
    const m = await heldMeeting(w, open);

    // Anyone who reads the meeting may have its papers; the defaults name the municipality.
    const { res, file } = await docx(
      server,
      w,
      w.observer,
      `/meetings/${m.id}/notice.docx?number=1234&date=2025-07-10`,
    );
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent("令和7年度 第2回 流山市在宅医療介護連携会議 開催通知.docx")}`,
    );
    expectA4WithMargins(file);
    expectJapaneseFonts(file);
    const lines = file.paragraphs.map((p) => p.text).filter((t) => t !== "");
    expect(lines.slice(0, 7)).toEqual([
      "第1234号",
      "令和7年7月10日",
      "連携会議 委員 各位",
      "千葉県 流山市",
      "流山市健康福祉部介護支援課",
      "（事務局）",
      "令和7年度 第2回 流山市在宅医療介護連携会議の開催について（通知）",
    ]);
    const byText = (t: string) => file.paragraphs.find((p) => p.text === t);
    expect(byText("第1234号")?.alignment).toBe("right");
    expect(byText("記")?.alignment).toBe("center");
    expect(lines.at(-1)).toBe("以上");
    expect(byText("以上")?.alignment).toBe("right");
    // 記: one row per item, label and value.
    expect(file.tables).toHaveLength(1);
    const items = file.tables[0].map((row) => [row[0].text, row[1].paragraphs]);
    expect(items).toEqual([
      ["1　日時", ["令和7年7月31日（木）14時00分〜16時00分"]],
      [
        "2　場所",
        ["流山市役所 第1庁舎3階 301会議室", "オンライン参加：https://meet.example.jp/r/nagareyama"],
      ],
      [
        "3　議題",
        ["(1) 令和7年度の事業計画について（説明：事務局）", "(2) 急変時の対応の場面における具体的施策の検討"],
      ],
      [
        "4　出欠の回答",
        [
          "令和7年7月24日（木）までに、出欠を事務局へお知らせください（紡ぎの会議ページ、電話またはメール）。代理出席の場合は、出席者の氏名もお知らせください。",
        ],
      ],
      ["5　問い合わせ先", [`流山市健康福祉部介護支援課　高橋 美和　${w.admin.email}`]],
    ]);
  });

  it("write what the secretariat set: number prefix, sender, contact and reply; refuse others and bad values", async ({
    server,
    world: w,
    open,
  }) => {
    await namePeople(server, w);
    const m = await heldMeeting(w, open);
    const settingsPath = `${w.base}/meeting-papers/settings`;
    const initial = await w.member.browser.get<{ settings: Record<string, unknown> }>(settingsPath);
    expect(initial.body.settings).toMatchObject({
      numberPrefix: "",
      minutesSigners: 0,
      updatedAt: null,
      abilities: { update: false },
    });
    expect((await w.member.browser.patch(settingsPath, { numberPrefix: "流介支第" })).status).toBe(403);
    const bad = await w.admin.browser.patch(settingsPath, {
      contactEmail: "not an address",
      minutesSigners: 5,
      numberPrefix: "長".repeat(31),
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { fields: { contactEmail: "format", minutesSigners: "format", numberPrefix: "tooLong" } },
    });
    const saved = await w.admin.browser.patch<{ settings: Record<string, unknown> }>(settingsPath, {
      sender: "流山市健康福祉部介護支援課長\n（公印省略）",
      numberPrefix: "流介支第",
      contactOffice: "流山市健康福祉部介護支援課 在宅医療介護連携係",
      contactPhone: "04-7150-6531",
      contactEmail: "kaigoshien@city.example.jp",
      replyMethod: "別紙出欠票により、{date}までにFAX又はメールで御回答ください。",
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.settings).toMatchObject({ numberPrefix: "流介支第", abilities: { update: true } });
    const audit = await auditEntries(server.ctx.kysely, "meeting_papers.updated");
    expect(audit).toEqual([
      {
        ...byPerson(w.workspaceId, w.admin.id),
        target: w.workspaceId,
        detail: { fields: expect.any(Array) },
      },
    ]);
    expect((audit[0].detail as { fields: string[] }).fields.sort()).toEqual(
      ["sender", "numberPrefix", "contactOffice", "contactPhone", "contactEmail", "replyMethod"].sort(),
    );

    const { file } = await docx(
      server,
      w,
      w.member,
      `/meetings/${m.id}/notice.docx?number=1234&date=2025-07-10`,
    );
    const lines = file.paragraphs.map((p) => p.text).filter((t) => t !== "");
    expect(lines.slice(0, 5)).toEqual([
      "流介支第1234号",
      "令和7年7月10日",
      "連携会議 委員 各位",
      "流山市健康福祉部介護支援課長",
      "（公印省略）",
    ]);
    const items = Object.fromEntries(file.tables[0].map((row) => [row[0].text, row[1].paragraphs]));
    expect(items["4　出欠の回答"]).toEqual([
      "別紙出欠票により、令和7年7月24日（木）までにFAX又はメールで御回答ください。",
    ]);
    expect(items["5　問い合わせ先"]).toEqual([
      "流山市健康福祉部介護支援課 在宅医療介護連携係",
      "電話　04-7150-6531",
      "メール　kaigoshien@city.example.jp",
    ]);
    // Without a number, the line is left for the office's register: 流介支第　　　号.
    const blank = await docx(server, w, w.admin, `/meetings/${m.id}/notice.docx`);
    expect(blank.file.paragraphs[0].text).toBe("流介支第　　　号");

    // A date that is not one, and a meeting that is not there.
    const wrongDate = await w.admin.browser.get(`${w.base}/meetings/${m.id}/notice.docx?date=2025-02-30`);
    expect(wrongDate.status).toBe(400);
    expect(wrongDate.body).toMatchObject({ error: { fields: { date: "format" } } });
    expect((await w.admin.browser.get(`${w.base}/meetings/nosuchmeeting0001/minutes.docx`)).status).toBe(404);
  });

  it("make the 議事録 as a Word file: header, agenda, the minutes' rich text, outcomes and 署名欄 when asked", async ({
    server,
    world: w,
    open,
  }) => {
    await namePeople(server, w);
    const m = await heldMeeting(w, open);
    const { res, file } = await docx(server, w, w.observer, `/meetings/${m.id}/minutes.docx`);
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain(
      "令和7年度 第2回 流山市在宅医療介護連携会議 議事録（案）.docx",
    );
    expectA4WithMargins(file);
    expectJapaneseFonts(file);
    expect(file.paragraphs[0]).toMatchObject({
      style: "Title",
      text: "令和7年度 第2回 流山市在宅医療介護連携会議 議事録（案）",
    });

    // The header: 日時 and 場所 over two columns, 出席者 merged down its three rows, 欠席者.
    const header = file.tables[0];
    expect(header.map((row) => row.map((c) => c.text))).toEqual([
      ["日時", "令和7年7月31日（木）14時00分〜16時00分"],
      ["場所", "流山市役所 第1庁舎3階 301会議室\nオンライン参加：https://meet.example.jp/r/nagareyama"],
      ["出席者", "委員", "流山市医師会　井上 誠"],
      ["", "オブザーバー", "千葉県松戸保健所　佐々木 聡"],
      ["", "事務局", "流山市健康福祉部介護支援課　高橋 美和"],
      ["欠席者", "訪問看護ステーション連絡会　小林 由紀"],
    ]);
    expect(header[0][0].columnSpan).toBe(2);
    expect(header[2][0].verticalMerge).toBe("restart");
    expect(header[3][0].verticalMerge).toBe("continue");

    const blocks = file.blocks.map((b) => (b.kind === "paragraph" ? `${b.style ?? ""}|${b.text}` : "table"));
    const at = (s: string) => blocks.indexOf(s);
    expect(at("Heading1|議題")).toBeGreaterThan(0);
    expect(blocks[at("Heading1|議題") + 1]).toBe("|(1) 令和7年度の事業計画について（説明：事務局）");
    expect(at("Heading1|議事の経過")).toBeGreaterThan(at("Heading1|議題"));
    // The minutes' own heading sits one level under the paper's sections.
    expect(at("Heading2|1 令和7年度の事業計画について")).toBe(at("Heading1|議事の経過") + 1);
    const runs = file
      .xml("word/document.xml")
      .getElementsByTagNameNS("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "r");
    const boldRun = Array.from(runs).find((r) => r.textContent === "令和7年度の事業計画");
    expect(
      boldRun?.getElementsByTagNameNS("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "b")
        .length,
    ).toBe(1);

    // Lists: bullets and numbers are Word lists (numbering), not typed characters.
    const listed = file.paragraphs.filter((p) => p.numbering !== null).map((p) => p.text);
    expect(listed).toEqual([
      "つむぐ会の開催方法を専門職研修班で検討する",
      "出前講座は依頼に基づき開催する",
      "市民公開講座の企画",
      "おうち療養情報紙の発行",
      "入退院支援の連携ツールを病診施連携班で作成する",
      "消防との意見交換の日程を調整する",
    ]);
    const numbering = file.xml("word/numbering.xml").toString();
    expect(numbering).toContain('w:lvlText w:val="・"');
    // The minutes' table, its header row bold and the last row merged across.
    const minutesTable = file.tables[1];
    expect(minutesTable.map((row) => row.map((c) => c.text))).toEqual([
      ["職能団体", "意見"],
      ["医師会", "在支診の実態把握を進めたい"],
      ["以上、異議なく承認された。"],
    ]);
    expect(minutesTable[2][0].columnSpan).toBe(2);
    expect(at("Heading1|決定事項")).toBeGreaterThan(at("Heading1|議事の経過"));
    expect(at("Heading1|今後の取組")).toBeGreaterThan(at("Heading1|決定事項"));
    // No 署名欄 unless the workspace asks; the page header names municipality and paper.
    expect(file.text).not.toContain("議事録署名人");
    const headerPart = file.parts.find((p) => /^word\/header\d*\.xml$/.test(p)) ?? "";
    expect(file.xml(headerPart).textContent).toBe(
      "千葉県 流山市　令和7年度 第2回 流山市在宅医療介護連携会議 議事録（案）",
    );
    const footerPart = file.parts.find((p) => /^word\/footer\d*\.xml$/.test(p)) ?? "";
    expect(file.xml(footerPart).toString()).toMatch(/PAGE/);

    expect(
      (await w.admin.browser.patch(`${w.base}/meeting-papers/settings`, { minutesSigners: 2 })).status,
    ).toBe(200);
    const signed = (await docx(server, w, w.admin, `/meetings/${m.id}/minutes.docx`)).file;
    const tail = signed.paragraphs
      .map((p) => p.text.trim())
      .filter((t) => t !== "")
      .slice(-4);
    // (trim() drops the full-width indent and the tab to the underlined end of each line)
    expect(tail).toEqual([
      "上記のとおり相違ないことを確認し、ここに署名する。",
      "令和　　年　　月　　日",
      "議事録署名人",
      "議事録署名人",
    ]);
  });

  it("read what was typed a moment before, and are not given to people of other municipalities", async ({
    server,
    world: w,
    open,
  }) => {
    const m = await heldMeeting(w, open);
    m.writer.doc.getXmlFragment(RICH_TEXT_FIELD).push([new Y.XmlElement("paragraph")]);
    const last = new Y.XmlText("閉会");
    (m.writer.doc.getXmlFragment(RICH_TEXT_FIELD).get(5) as Y.XmlElement).insert(0, [last]);
    expect(await m.writer.acknowledged()).toBe(true);
    const { file } = await docx(server, w, w.member, `/meetings/${m.id}/minutes.docx`);
    expect(file.paragraphs.map((p) => p.text)).toContain("閉会");

    const { browser } = await personElsewhere(server, { name: "柏市", lgCode: "122173" });
    for (const path of [
      `/meetings/${m.id}/minutes.docx`,
      `/meetings/${m.id}/notice.docx`,
      "/meeting-papers/settings",
    ])
      expect((await browser.get(`${w.base}${path}`)).status, path).toBe(404);
  });
});

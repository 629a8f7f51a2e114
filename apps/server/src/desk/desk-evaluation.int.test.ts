/** Statistics, the derived indicator 相談件数, exports and published examples of the desk. */
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import { deskTest as it, newConsultation } from "../testing/desk-world.js";
import type { TestBrowser } from "../testing/http-client.js";

type Stats = {
  fiscalYear: number;
  year: {
    total: number;
    months: number[];
    dimensions: Record<string, { code: string; label: string; months: number[]; total: number }[]>;
  };
  yearly: { years: number[]; totals: number[] };
};

async function download(browser: TestBrowser, origin: string, path: string, body: unknown) {
  const res = await fetch(`${origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: browser.cookieHeader ?? "", Origin: origin },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("the desk's evaluation", () => {
  it("counts consultations by month and 年度 per consulter, topic, method, response, desk and area", async ({
    world: w,
    desk: d,
  }) => {
    const [north] = d.areaIds;
    const add = (
      p: typeof d.coordinator,
      deskId: string,
      over: Record<string, unknown>,
      areaId: string | null,
    ) =>
      p.browser.post(`${w.base}/consultations`, {
        ...newConsultation(deskId, over),
        case: { ...(newConsultation(deskId).case as object), areaId },
      });
    await add(d.coordinator, d.deskId, { receivedAt: "2025-04-03T10:00" }, north);
    await add(
      d.coordinator,
      d.deskId,
      { receivedAt: "2025-04-20T10:00", method: "visit", topics: ["acp"] },
      north,
    );
    await add(
      d.otherCoordinator,
      d.otherDeskId,
      { receivedAt: "2026-03-31T23:50", consulterType: "family" },
      null,
    );
    await add(d.coordinator, d.deskId, { receivedAt: "2024-12-01T09:00" }, null);

    // A coordinator sees every desk's figures (counts, no records); the statistics are of the whole city.
    const res = await d.coordinator.browser.get<Stats>(`${w.base}/consultations/statistics?fy=2025`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.year.total).toBe(3);
    expect(s.year.months).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const row = (dim: string, code: string) => s.year.dimensions[dim].find((r) => r.code === code);
    expect(row("method", "visit")?.total).toBe(1);
    expect(row("consulterType", "family")?.months[11]).toBe(1);
    expect(row("topic", "admission")?.total).toBe(2);
    expect(row("topic", "acp")?.total).toBe(1);
    expect(row("response", "connect")?.total).toBe(3);
    expect(row("desk", d.deskId)).toMatchObject({ label: "北部在宅医療・介護連携相談支援室", total: 2 });
    expect(row("area", north)).toMatchObject({ label: "北部圏域", total: 2 });
    expect(row("area", "")).toMatchObject({ label: "未設定", total: 1 });
    expect(s.yearly.years).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(s.yearly.totals).toEqual([0, 0, 0, 1, 3]);
    expect((await w.member.browser.get(`${w.base}/consultations/statistics`)).status).toBe(403);
    const bad = await w.admin.browser.get(`${w.base}/consultations/statistics?fy=令和`);
    expect(bad.body).toMatchObject({ error: { fields: { fy: "format" } } });
  });

  it("derives 相談件数 (monthly) from the records instead of having it typed", async ({
    server,
    world: w,
    desk: d,
  }) => {
    type Indicators = {
      indicators: { id: string; code: string; derived: string | null }[];
      values: { indicatorId: string; fiscalYear: number; month: number; value: number | null }[];
    };
    const before = await w.admin.browser.get<Indicators>(`${w.base}/indicators`);
    const p06 = before.body.indicators.find((i) => i.code === "P06");
    expect(p06?.derived).toBe("consultations");
    const id = p06?.id as string;
    // A value typed before the desk kept its records in Tsumugi stays for its year…
    await server.ctx.db.run(
      "INSERT INTO indicator_values (indicator_id, fiscal_year, month, value, entered_at) VALUES (?, 2023, 0, 310, 0), (?, 2025, 0, 999, 0)",
      [id, id],
    );
    await d.coordinator.browser.post(
      `${w.base}/consultations`,
      newConsultation(d.deskId, { receivedAt: "2025-05-01T09:00" }),
    );
    await d.coordinator.browser.post(
      `${w.base}/consultations`,
      newConsultation(d.deskId, { receivedAt: "2025-05-30T09:00" }),
    );
    await d.otherCoordinator.browser.post(
      `${w.base}/consultations`,
      newConsultation(d.otherDeskId, { receivedAt: "2026-01-15T09:00" }),
    );
    // …the counted figures replace typed ones for the years with records. Members read the count.
    const after = await w.member.browser.get<Indicators>(`${w.base}/indicators`);
    const values = after.body.values
      .filter((v) => v.indicatorId === id)
      .map((v) => [v.fiscalYear, v.month, v.value]);
    expect(values).toEqual(
      expect.arrayContaining([
        [2023, 0, 310],
        [2025, 0, 3],
        [2025, 5, 2],
        [2025, 1, 1],
      ]),
    );
    expect(values).not.toContainEqual([2025, 0, 999]);
    const typed = await w.admin.browser.request("PUT", `${w.base}/indicators/${id}/values`, {
      fiscalYear: 2025,
      value: 12,
    });
    expect(typed.status).toBe(409);
    expect(typed.body).toMatchObject({ error: { code: "indicator.derived" } });
  });

  it("exports statistics and coded records as CSV or xlsx, formula-safe, with the reason in the access log", async ({
    server,
    world: w,
    desk: d,
  }) => {
    await d.coordinator.browser.post(
      `${w.base}/consultations`,
      newConsultation(d.deskId, {
        referralOrganisation: '=HYPERLINK("http://x")',
        receivedAt: "2025-07-01T10:00",
      }),
    );
    await d.otherCoordinator.browser.post(`${w.base}/consultations`, newConsultation(d.otherDeskId));
    const path = `${w.base}/consultations/exports`;

    const noReason = await d.coordinator.browser.post(path, {
      kind: "records",
      format: "csv",
      fiscalYear: 2025,
    });
    expect(noReason.body).toMatchObject({ error: { fields: { reason: "unknown" } } });

    const csv = await download(d.coordinator.browser, server.origin, path, {
      kind: "records",
      format: "csv",
      fiscalYear: 2025,
      reason: "meeting",
      note: "第2回連携会議の資料",
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain(encodeURIComponent("相談記録_令和7年度.csv"));
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv.bytes);
    expect(text).toContain("相談番号,回,受付日,時刻,相談窓口,相談方法,相談者");
    expect(text).toContain(
      "令和7年7月1日（火）,10:00,北部在宅医療・介護連携相談支援室,電話,ケアマネジャー,入退院・在宅医療の導入",
    );
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    // Only the caller's desk, and nothing identifying.
    expect(text).not.toContain("南部");
    for (const s of ["流山 花子", "中村", "ひまわり", "退院予定", "04-7150-1234", "平和台"])
      expect(text).not.toContain(s);

    const xlsx = await download(w.admin.browser, server.origin, path, {
      kind: "statistics",
      format: "xlsx",
      fiscalYear: 2025,
      reason: "evaluation",
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes.buffer as ArrayBuffer);
    const monthly = wb.getWorksheet("月別");
    expect(monthly?.getCell("A1").value).toBe("千葉県 流山市 令和7年度 相談件数（月別）");
    expect(monthly?.getRow(2).values).toEqual([
      undefined,
      "区分",
      "項目",
      "4月",
      "5月",
      "6月",
      "7月",
      "8月",
      "9月",
      "10月",
      "11月",
      "12月",
      "1月",
      "2月",
      "3月",
      "合計",
    ]);
    expect(monthly?.getRow(3).values).toEqual([
      undefined,
      "相談件数",
      "合計",
      0,
      1,
      0,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      2,
    ]);
    expect(wb.getWorksheet("年度別")).toBeDefined();

    const log = await server.ctx.db.all<{ actor_user_id: string; detail: string }>(
      "SELECT actor_user_id, detail FROM audit_log WHERE event = 'consultation.exported' ORDER BY id",
    );
    expect(log.map((l) => [l.actor_user_id, JSON.parse(l.detail)])).toEqual([
      [
        d.coordinator.id,
        {
          kind: "records",
          format: "csv",
          fiscalYear: 2025,
          deskId: null,
          reason: "meeting",
          note: "第2回連携会議の資料",
          count: 1,
        },
      ],
      [
        w.admin.id,
        {
          kind: "statistics",
          format: "xlsx",
          fiscalYear: 2025,
          deskId: null,
          reason: "evaluation",
          count: 2,
        },
      ],
    ]);
    const other = await d.coordinator.browser.post(path, {
      kind: "records",
      format: "csv",
      fiscalYear: 2025,
      deskId: d.otherDeskId,
      reason: "other",
    });
    expect(other.body).toMatchObject({ error: { fields: { deskId: "unknown" } } });
  });

  it("publish examples: drafted at the desk without identifying text, approved by the secretariat, shown to the public", async ({
    server,
    world: w,
    desk: d,
  }) => {
    const created = await d.coordinator.browser.post<{ consultation: { id: string } }>(
      `${w.base}/consultations`,
      newConsultation(d.deskId),
    );
    const consultationId = created.body.consultation.id;
    const base = `${w.base}/consultations/examples`;
    const draft = {
      consultationId,
      title: "退院後の訪問診療先を探したい",
      question:
        "80代の方の退院が決まり、訪問診療をしてくれる医療機関を探しているとケアマネジャーから相談があった。",
      answer: "在宅療養支援診療所の情報を提供し、病院の地域連携室と調整した。",
    };
    // A name, part of it, the kana or the phone number of the case are refused, field by field.
    const named = await d.coordinator.browser.post(base, {
      ...draft,
      title: "流山様の退院",
      answer: "ﾅｶﾞﾚﾔﾏ ﾊﾅｺさん宅（04-7150-1234）へ連絡",
    });
    expect(named.body).toMatchObject({ error: { fields: { title: "identifying", answer: "identifying" } } });
    const consulter = await d.coordinator.browser.post(base, { ...draft, question: "中村恵子さんから相談" });
    expect(consulter.body).toMatchObject({ error: { fields: { question: "identifying" } } });
    expect((await w.member.browser.post(base, draft)).status).toBe(403);
    expect((await d.otherCoordinator.browser.post(base, draft)).body).toMatchObject({
      error: { fields: { consultationId: "unknown" } },
    });

    type Example = {
      example: {
        id: string;
        status: string;
        fiscalYear: number;
        consulterType: string;
        topics: string[];
        abilities: Record<string, boolean>;
      };
    };
    const ok = await d.coordinator.browser.post<Example>(base, draft);
    expect(ok.status).toBe(201);
    expect(ok.body.example).toMatchObject({
      status: "draft",
      fiscalYear: 2025,
      consulterType: "careManager",
      topics: ["admission", "homeCareStart"],
    });
    const id = ok.body.example.id;
    // The coordinator cannot approve their own draft; the secretariat cannot approve an unsent one.
    expect((await d.coordinator.browser.post(`${base}/${id}/approve`)).status).toBe(403);
    expect((await w.admin.browser.post(`${base}/${id}/approve`)).status).toBe(403);
    expect((await d.coordinator.browser.post<Example>(`${base}/${id}/submit`)).body.example.status).toBe(
      "submitted",
    );
    const returned = await w.admin.browser.post<Example & { example: { note: string } }>(
      `${base}/${id}/return`,
      {
        note: "年齢の表現を「高齢の方」に",
      },
    );
    expect(returned.body.example).toMatchObject({ status: "returned", note: "年齢の表現を「高齢の方」に" });
    const edited = await d.coordinator.browser.patch<Example>(`${base}/${id}`, {
      question:
        "高齢の方の退院が決まり、訪問診療をしてくれる医療機関を探しているとケアマネジャーから相談があった。",
    });
    expect(edited.status).toBe(200);
    await d.coordinator.browser.post(`${base}/${id}/submit`);
    const approved = await w.admin.browser.post<Example>(`${base}/${id}/approve`);
    expect(approved.body.example.status).toBe("published");
    expect(approved.body.example.abilities).toMatchObject({ withdraw: true, update: false, delete: false });

    const page = await fetch(`${server.origin}/p/${"122203"}/desk`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("主な相談内容と対応");
    expect(html).toContain("退院後の訪問診療先を探したい");
    expect(html).toContain("高齢の方の退院が決まり");
    expect(html).toContain("相談者：ケアマネジャー");
    expect(html).toContain("令和7年度");
    for (const s of ["流山 花子", "中村", "ひまわり", "04-7150-1234"]) expect(html).not.toContain(s);

    await w.admin.browser.post(`${base}/${id}/withdraw`);
    expect(await (await fetch(`${server.origin}/p/122203/desk`)).text()).not.toContain(
      "退院後の訪問診療先を探したい",
    );
    const events = await server.ctx.db.all<{ event: string }>(
      "SELECT event FROM audit_log WHERE event LIKE 'example.%' ORDER BY id",
    );
    expect(events.map((e) => e.event)).toEqual([
      "example.drafted",
      "example.status_changed",
      "example.status_changed",
      "example.updated",
      "example.status_changed",
      "example.status_changed",
      "example.status_changed",
    ]);
  });
});

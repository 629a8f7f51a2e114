import { describe, expect } from "vitest";
import { demoTest as it } from "../testing/demo-world.js";
import { TestBrowser } from "../testing/http-client.js";

describe("demo trainings and outreach", () => {
  it("has the つむぐ会 series over five 年度 with participants falling, a 市民公開講座, and the indicators they make", async ({
    demo: { server, nagareyama: wid, login },
  }) => {
    const observer = await login("pref@demo.tsumugi.jp");
    const list = await observer.get<{
      events: {
        title: string;
        status: string;
        demo: boolean;
        fiscalYear: number;
        actionIds: string[];
        scheduleRowId: string | null;
      }[];
      series: { id: string; name: string; description: string; demo: boolean }[];
    }>(`/api/workspaces/${wid}/events`);
    const series = list.body.series.find((s) => s.name === "介護と医療をつむぐ会");
    expect(series?.description).toContain("デモ用の例");
    // Made up by the demo, and marked so on every screen.
    expect(series?.demo).toBe(true);
    expect(list.body.events.length).toBeGreaterThan(10);
    expect(list.body.events.every((e) => e.demo)).toBe(true);
    expect(list.body.events.some((e) => e.title.startsWith("市民公開講座"))).toBe(true);
    // Every past one held; the next つむぐ会 is announced and takes registrations.
    const planned = list.body.events.filter((e) => e.status !== "held");
    expect(planned.map((e) => e.title)).toEqual(["第31回 介護と医療をつむぐ会"]);
    // It carries out the plan's つむぐ会 取組 and sits in the 年間予定's つむぐ会 row (when its
    // 年度 has a plan: the demo writes 令和5年度 and the current one).
    const links = await observer.get<{
      plan: boolean;
      actions: { id: string; title: string }[];
      scheduleRows: { id: string; activity: string }[];
    }>(`/api/workspaces/${wid}/events/plan-links?fiscalYear=${planned[0].fiscalYear}`);
    const action = links.body.actions.find((a) => a.title.startsWith("つむぐ会へ気負わずに参加できる"));
    const row = links.body.scheduleRows.find((r) => r.activity === "つむぐ会");
    expect(planned[0].actionIds).toEqual(links.body.plan ? [action?.id] : []);
    expect(planned[0].scheduleRowId).toBe(links.body.plan ? row?.id : null);
    const lg = "122203";
    const open = await new TestBrowser(server.origin).get<{
      events: { title: string; registrationState: string }[];
    }>(`/api/public/events/${lg}`);
    expect(open.body.events).toEqual([
      expect.objectContaining({ title: "第31回 介護と医療をつむぐ会", registrationState: "open" }),
    ]);

    const detail = await observer.get<{
      events: unknown[];
      trend: { years: { fiscalYear: number; held: number; attended: number }[]; direction: string | null };
    }>(`/api/workspaces/${wid}/event-series/${series?.id}`);
    expect(detail.body.events).toHaveLength(11);
    const years = detail.body.trend.years;
    expect(years.map((y) => y.fiscalYear)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(years.every((y) => y.held === 2)).toBe(true);
    // Seed 003: 「つむぐ会の参加者が減っている」.
    for (let i = 1; i < years.length; i++) expect(years[i].attended).toBeLessThan(years[i - 1].attended);
    expect(detail.body.trend.direction).toBe("falling");

    const indicators = await observer.get<{
      indicators: { id: string; code: string }[];
      values: { indicatorId: string; fiscalYear: number; value: number; source: string }[];
    }>(`/api/workspaces/${wid}/indicators`);
    const of = (code: string) => {
      const id = indicators.body.indicators.find((i) => i.code === code)?.id;
      return indicators.body.values.filter((v) => v.indicatorId === id && v.source === "紡ぎの研修記録");
    };
    expect(of("P07").find((v) => v.fiscalYear === 2025)?.value).toBe(years[4].attended);
    // The 市民公開講座 (174) and the 出前講座 held for a residents' group (28, demo-outreach.ts).
    expect(of("P08").find((v) => v.fiscalYear === 2025)?.value).toBe(174 + 28);

    // Materials handed out in each 年度, marked as examples; P14 counts them.
    for (const fy of [2023, 2024, 2025]) {
      const handed = await observer.get<{
        distributions: { note: string; quantity: number; eventTitle: string | null }[];
      }>(`/api/workspaces/${wid}/outreach?fiscalYear=${fy}`);
      expect(handed.body.distributions.length).toBeGreaterThan(1);
      expect(handed.body.distributions.every((d) => d.note.includes("デモ用の例"))).toBe(true);
      const p14 = indicators.body.indicators.find((i) => i.code === "P14")?.id;
      const total = handed.body.distributions.reduce((n, d) => n + d.quantity, 0);
      expect(indicators.body.values.find((v) => v.indicatorId === p14 && v.fiscalYear === fy)?.value).toBe(
        total,
      );
    }
    const r7 = await observer.get<{ distributions: { eventTitle: string | null }[] }>(
      `/api/workspaces/${wid}/outreach?fiscalYear=2025`,
    );
    expect(r7.body.distributions.map((d) => d.eventTitle)).toContain(
      "市民公開講座「人生会議を知っていますか」",
    );

    // An event the secretariat creates is the municipality's own: not marked.
    const secretariat = await login("jimukyoku@demo.tsumugi.jp");
    const made = await secretariat.post<{ event: { demo: boolean } }>(`/api/workspaces/${wid}/events`, {
      kind: "caseStudy",
      title: "事例検討会",
      startsAt: "2025-09-10T18:30",
      endsAt: "2025-09-10T20:00",
      seriesId: series?.id,
    });
    expect(made.status).toBe(201);
    expect(made.body.event.demo).toBe(false);
  });
});

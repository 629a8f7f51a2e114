import { describe, expect } from "vitest";
import { createUser, TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

type DistributionBody = {
  id: string;
  fiscalYear: number;
  kind: string;
  title: string;
  quantity: number;
  where: string;
  distributedOn: string;
  eventId: string | null;
  eventTitle: string | null;
  note: string;
  abilities: Record<string, boolean>;
};
type ListBody = {
  fiscalYear: number;
  distributions: DistributionBody[];
  totals: { kind: string; quantity: number; entries: number }[];
};

const newsletter = (extra: Record<string, unknown> = {}) => ({
  kind: "newsletter",
  title: "おうち療養情報紙 第5号",
  quantity: 82000,
  where: "全戸配布",
  distributedOn: "2025-06",
  ...extra,
});

async function record(w: WorkspaceWorld, extra: Record<string, unknown> = {}) {
  const res = await w.member.browser.post<{ distribution: DistributionBody }>(
    `${w.base}/outreach`,
    newsletter(extra),
  );
  expect(res.status).toBe(201);
  return res.body.distribution;
}

describe("materials handed out (配布物)", () => {
  it("are recorded per 年度 with totals per kind, corrected and deleted, each audited", async ({
    server,
    world: w,
  }) => {
    const june = await record(w);
    expect(june).toMatchObject({ fiscalYear: 2025, where: "全戸配布", eventId: null, eventTitle: null });
    expect(june.abilities).toEqual({ update: true, delete: true });
    // A March day belongs to the 年度 that began the April before.
    await record(w, {
      kind: "acpBooklet",
      title: "わたしの想いをつなぐノート",
      quantity: 300,
      where: "市民公開講座の会場",
      distributedOn: "2026-03-08",
    });
    await record(w, {
      kind: "acpBooklet",
      title: "わたしの想いをつなぐノート",
      quantity: 150,
      where: "地域包括支援センター",
      distributedOn: "2025-10-01",
    });
    await record(w, { title: "おうち療養情報紙 第6号", distributedOn: "2026-04" });

    const list = await w.observer.browser.get<ListBody>(`${w.base}/outreach?fiscalYear=令和7年度`);
    expect(list.status).toBe(200);
    expect(list.body.fiscalYear).toBe(2025);
    expect(list.body.distributions.map((d) => [d.distributedOn, d.quantity])).toEqual([
      ["2025-06", 82000],
      ["2025-10-01", 150],
      ["2026-03-08", 300],
    ]);
    expect(list.body.totals).toEqual([
      { kind: "newsletter", quantity: 82000, entries: 1 },
      { kind: "acpBooklet", quantity: 450, entries: 2 },
    ]);
    // Observers read; they neither record nor change.
    expect(list.body.distributions[0].abilities).toEqual({ update: false, delete: false });
    expect((await w.observer.browser.post(`${w.base}/outreach`, newsletter())).status).toBe(403);
    const path = `${w.base}/outreach/${june.id}`;
    expect((await w.observer.browser.patch(path, newsletter({ quantity: 1 }))).status).toBe(403);
    expect((await w.observer.browser.delete(path)).status).toBe(403);

    // A correction may move it to another 年度.
    const moved = await w.admin.browser.patch<{ distribution: DistributionBody }>(
      path,
      newsletter({ quantity: 81500, distributedOn: "2024-12-20", note: "残部500部を返却" }),
    );
    expect(moved.status).toBe(200);
    expect(moved.body.distribution).toMatchObject({
      fiscalYear: 2024,
      quantity: 81500,
      note: "残部500部を返却",
    });
    const r6 = await w.member.browser.get<ListBody>(`${w.base}/outreach?fiscalYear=2024`);
    expect(r6.body.distributions.map((d) => d.id)).toEqual([june.id]);

    expect((await w.member.browser.delete(path)).status).toBe(204);
    expect((await w.member.browser.delete(path)).status).toBe(404);
    const audit = await server.ctx.db.all<{ event: string; actor_user_id: string }>(
      "SELECT event, actor_user_id FROM audit_log WHERE event LIKE 'event.distribution_%' ORDER BY id",
    );
    expect(audit.map((a) => a.event)).toEqual([
      "event.distribution_recorded",
      "event.distribution_recorded",
      "event.distribution_recorded",
      "event.distribution_recorded",
      "event.distribution_updated",
      "event.distribution_deleted",
    ]);
  });

  it("link an event of the workspace only, and refuse bad input with a problem code per field", async ({
    server,
    world: w,
  }) => {
    const bad = await w.admin.browser.post(`${w.base}/outreach`, {
      kind: "calendar",
      title: "",
      quantity: 0,
      where: "",
      distributedOn: "2025-02-30",
      note: "あ".repeat(501),
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: {
        code: "validation",
        fields: {
          kind: "unknown",
          title: "required",
          quantity: "range",
          where: "required",
          distributedOn: "format",
          note: "tooLong",
        },
      },
    });
    for (const [distributedOn, problem] of [
      ["", "required"],
      ["2025-13", "format"],
      ["令和7年6月", "format"],
    ])
      expect(
        (await w.admin.browser.post(`${w.base}/outreach`, newsletter({ distributedOn }))).body,
      ).toMatchObject({
        error: { fields: { distributedOn: problem } },
      });
    expect(
      (await w.admin.browser.post(`${w.base}/outreach`, newsletter({ quantity: 2.5 }))).body,
    ).toMatchObject({ error: { fields: { quantity: "number" } } });
    expect((await w.admin.browser.get(`${w.base}/outreach?fiscalYear=昭和`)).status).toBe(400);

    const lecture = await w.admin.browser.post<{ event: { id: string } }>(`${w.base}/events`, {
      kind: "publicLecture",
      title: "市民公開講座 人生会議",
      startsAt: "2025-11-16T13:30",
      audience: "residents",
    });
    const linked = await record(w, {
      kind: "acpBooklet",
      title: "ACP冊子",
      quantity: 120,
      where: "講座の会場",
      distributedOn: "2025-11-16",
      eventId: lecture.body.event.id,
    });
    expect(linked).toMatchObject({ eventId: lecture.body.event.id, eventTitle: "市民公開講座 人生会議" });

    // Another municipality: its own events only, and nothing of this one's records.
    const otherWs = "otherws00000000000000002";
    await server.ctx.db.run(
      "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES (?, '我孫子市', '千葉県', '122220', 1)",
      [otherWs],
    );
    const otherAdmin = await createUser(server.ctx.kysely, { workspaceId: otherWs, role: "secretariat" });
    const b = new TestBrowser(server.origin);
    expect((await b.login(otherAdmin.email, TEST_PASSWORD)).status).toBe(200);
    const oBase = `/api/workspaces/${otherWs}`;
    const foreignEvent = await b.post(`${oBase}/outreach`, newsletter({ eventId: lecture.body.event.id }));
    expect(foreignEvent.body).toMatchObject({ error: { fields: { eventId: "unknown" } } });
    expect((await b.get<ListBody>(`${oBase}/outreach?fiscalYear=2025`)).body.distributions).toEqual([]);
    expect((await b.patch(`${oBase}/outreach/${linked.id}`, newsletter())).status).toBe(404);
    expect((await b.delete(`${oBase}/outreach/${linked.id}`)).status).toBe(404);
    expect((await b.get(`${w.base}/outreach?fiscalYear=2025`)).status).toBe(404);
    expect(
      (await w.member.browser.get<ListBody>(`${w.base}/outreach?fiscalYear=2025`)).body.distributions,
    ).toHaveLength(1);
  });

  it("are counted by the indicator 啓発資材 配布部数 per 年度, not typed", async ({ world: w }) => {
    await record(w);
    await record(w, {
      kind: "flyer",
      title: "在宅医療チラシ",
      quantity: 2000,
      where: "公民館",
      distributedOn: "2025-09-10",
    });
    await record(w, {
      kind: "flyer",
      title: "在宅医療チラシ",
      quantity: 500,
      where: "公民館",
      distributedOn: "2024-09-10",
    });
    type Listing = {
      indicators: { id: string; code: string; name: string; abilities: Record<string, boolean> }[];
      values: { indicatorId: string; fiscalYear: number; value: number; note: string }[];
    };
    const list = await w.admin.browser.get<Listing>(`${w.base}/indicators`);
    const p14 = list.body.indicators.find((i) => i.code === "P14");
    expect(p14).toMatchObject({ name: "啓発資材 配布部数", abilities: { enterValues: false } });
    const values = list.body.values
      .filter((v) => v.indicatorId === p14?.id)
      .map((v) => [v.fiscalYear, v.value, v.note])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(values).toEqual([
      [2024, 500, "記録1件"],
      [2025, 84000, "記録2件"],
    ]);
    // Typed values are refused: the figure is counted.
    const typed = await w.admin.browser.put(`${w.base}/indicators/${p14?.id}/values`, {
      fiscalYear: 2025,
      value: 1,
    });
    expect(typed.status).toBe(409);
  });
});

import {
  DashboardResponse,
  MentionList,
  Ok,
  PlanCommentCreated,
  PlanCommentThread,
  PlanList,
  PlanResult,
  PlanYears,
  RebuildResult,
} from "@tsumugi/contract";
import { insertRow, newAction, orderKeysAfter } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import { connectProvider } from "../testing/collab-clients.js";
import { workspaceTest as it } from "../testing/workspace-world.js";

describe("plans on the contract", () => {
  it("answer in the contract's shapes, with what each person may do with the plan", async ({
    server,
    world: w,
  }) => {
    const created = await w.admin.browser.post(`${w.base}/plans`, { fiscalYear: 2025 });
    expect(created.status).toBe(201);
    const plan = PlanResult.parse(created.body).plan;
    expect(plan).toMatchObject({ fiscalYear: 2025, label: "令和7年度", access: "write" });

    const everyone = { admin: w.admin, member: w.member, observer: w.observer };
    const seen: Record<string, unknown> = {};
    for (const [who, person] of Object.entries(everyone)) {
      const list = PlanList.parse((await person.browser.get(`${w.base}/plans`)).body);
      expect(list.plans.map((p) => p.fiscalYear)).toEqual([2025]);
      seen[who] = list.plans[0].abilities;
      expect(
        PlanResult.parse((await person.browser.get(`${w.base}/plans/2025`)).body).plan.abilities,
      ).toEqual(seen[who]);
    }
    expect(seen).toEqual({
      admin: { read: true, edit: true, editPapers: true, rebuild: true },
      member: { read: true, edit: true, editPapers: false, rebuild: false },
      observer: { read: true, edit: false, editPapers: false, rebuild: false },
    });

    // A row to count and to comment on.
    const client = connectProvider(server.wsUrl, plan.docName, {
      cookie: w.member.browser.cookie ?? "",
      origin: server.origin,
    });
    try {
      await client.synced();
      insertRow(
        client.doc,
        "actions",
        newAction([], {
          id: "actioncontract1",
          order: orderKeysAfter(null, 1)[0],
          title: "多職種研修会",
          items: ["f"],
          period: { start: "2025-04", end: "2025-06" },
          status: "inProgress",
          progress: 40,
        }),
      );
      expect(await client.acknowledged()).toBe(true);
      await server.projector.flush();
    } finally {
      client.destroy();
    }

    const years = PlanYears.parse((await w.observer.browser.get(`${w.base}/plans/multi-year`)).body);
    expect(years.years[0].actions.map((a) => a.title)).toEqual(["多職種研修会"]);
    const dashboard = DashboardResponse.parse(
      (await w.observer.browser.get(`${w.base}/plans/2025/dashboard?today=2025-11-01`)).body,
    );
    expect(dashboard.dashboard.overdue.map((a) => a.title)).toEqual(["多職種研修会"]);
    expect(
      RebuildResult.parse((await w.admin.browser.post(`${w.base}/plans/2025/rebuild`, {})).body),
    ).toEqual({
      invalidRows: [],
    });

    // Its row comments and the mentions in them answer the comments' contract.
    const url = `${w.base}/plans/2025/comments`;
    const posted = await w.member.browser.post(url, {
      table: "actions",
      rowId: "actioncontract1",
      body: "講師の候補を挙げます",
      mentions: [w.admin.id],
    });
    expect(posted.status).toBe(201);
    const comment = PlanCommentCreated.parse(posted.body).comment;
    expect(comment).toMatchObject({ table: "actions", rowId: "actioncontract1", authorId: w.member.id });
    const thread = PlanCommentThread.parse(
      (await w.observer.browser.get(`${url}?table=actions&rowId=actioncontract1`)).body,
    );
    expect(thread.comments.map((x) => x.id)).toEqual([comment.id]);
    const mine = MentionList.parse((await w.admin.browser.get(`${w.base}/mentions`)).body);
    expect(mine).toMatchObject({
      unread: 1,
      mentions: [{ commentId: comment.id, rowTitle: "多職種研修会" }],
    });
    const read = await w.admin.browser.post(`${w.base}/mentions/read`, { commentIds: [comment.id] });
    expect(Ok.parse(read.body)).toEqual({ ok: true });
    expect(MentionList.parse((await w.admin.browser.get(`${w.base}/mentions`)).body).unread).toBe(0);
  });

  it("refuses bad input field by field, and what the person may not do", async ({ world: w }) => {
    const bad = async (path: string, body: unknown) => {
      const res = await w.admin.browser.post(`${w.base}${path}`, body);
      expect(res.status, path).toBe(400);
      return (res.body as { error: { fields: Record<string, string> } }).error.fields;
    };
    expect(await bad("/plans", { fiscalYear: 1999 })).toEqual({ fiscalYear: "invalid" });
    expect(await bad("/plans", { fiscalYear: 2025.5, carryOver: "yes" })).toEqual({
      fiscalYear: "invalid",
      carryOver: "format",
    });
    expect((await w.admin.browser.post(`${w.base}/plans`, { fiscalYear: 2025 })).status).toBe(201);
    const day = await w.admin.browser.get(`${w.base}/plans/2025/dashboard?today=2025-02-30`);
    expect(day.status).toBe(400);
    expect(day.body).toMatchObject({ error: { fields: { today: "format" } } });
    for (const path of ["/plans/2024", "/plans/abc", "/plans/2024/dashboard", "/plans/1999/events"])
      expect((await w.member.browser.get(`${w.base}${path}`)).status, path).toBe(404);
    expect((await w.member.browser.post(`${w.base}/plans/2025/rebuild`, {})).status).toBe(403);
    expect((await w.member.browser.post(`${w.base}/plans`, { fiscalYear: 2026 })).status).toBe(403);
  });
});

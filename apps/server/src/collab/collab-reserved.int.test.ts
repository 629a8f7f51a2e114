/**
 * The plan papers' secretariat-only fields (profile texts, plan periods) enforced by the
 * collab server, with real y-websocket clients: a member's update touching one of them is
 * refused (4423, audited) and not stored, while the member's ordinary row edits and the
 * secretariat's edits to those fields are stored as usual.
 */
import {
  emptyYearPlan,
  orderAfterLast,
  profileText,
  rowText,
  setRowField,
  type YearPlan,
} from "@tsumugi/domain";
import { describe, expect, vi } from "vitest";
import { createPlanDocument } from "../plan/plan-repository.js";
import { type ProviderClient, storedDocument } from "../testing/collab-clients.js";
import type { TestServer } from "../testing/fixtures.js";
import { type OpenDocument, workspaceTest } from "../testing/workspace-world.js";

const PROBLEM = "problem00001";
const PERIOD = "period000001";

function plan(): YearPlan {
  const order = orderAfterLast([]);
  return {
    ...emptyYearPlan(2025),
    profile: { ...emptyYearPlan(2025).profile, programName: "流山市在宅医療介護連携推進事業" },
    problems: [
      {
        id: PROBLEM,
        order,
        title: "救急現場での情報不足",
        detail: "",
        scenes: ["emergency"],
        items: [],
        source: "meeting",
        ownerGroupId: null,
        status: "open",
        actionIds: [],
      },
    ],
    planPeriods: [
      {
        id: PERIOD,
        order,
        name: "第9期",
        series: "流山市高齢者支援計画",
        startFiscalYear: 2024,
        endFiscalYear: 2026,
        milestones: [{ fiscalYear: 2026, label: "事業評価" }],
      },
    ],
  };
}

/** The world with the plan document `plan()` of its workspace, made by the secretariat. */
const it = workspaceTest.extend<{
  docName: string;
  openSynced: (cookie: string | null) => Promise<ProviderClient>;
}>({
  docName: async ({ server, world }, use) => {
    const made = await createPlanDocument(server.ctx.kysely, {
      workspaceId: world.workspaceId,
      fiscalYear: 2025,
      title: "令和7年度 在宅医療・介護連携推進事業計画",
      createdBy: world.admin.id,
      plan: plan(),
    });
    await use(made.document.docName);
  },
  openSynced: async ({ docName, open }: { docName: string; open: OpenDocument }, use) => {
    await use(async (cookie) => {
      const c = open(docName, cookie);
      await c.synced();
      return c;
    });
  },
});

const soon = { timeout: 5_000, interval: 20 };

const refusals = (server: TestServer) =>
  server.ctx.db.all<{ actor_user_id: string; detail: string }>(
    "SELECT actor_user_id, detail FROM audit_log WHERE event = 'document.write_reserved'",
  );

describe("the plan papers' secretariat-only fields", () => {
  it("refuses a member's update to a profile text: closed with 4423, audited, nothing stored", async ({
    server,
    world: w,
    docName,
    openSynced: open,
  }) => {
    const colleague = await open(w.admin.browser.cookie);
    const crafted = await open(w.member.browser.cookie);
    // An ordinary edit first: stored.
    rowText(crafted.doc, "problems", PROBLEM, "title")?.insert(0, "【至急】");
    expect(await crafted.acknowledged()).toBe(true);

    profileText(crafted.doc, "programName").insert(0, "改ざん");
    await vi.waitFor(() => expect(crafted.closes.map((c) => c.code)).toContain(4423), soon);
    // y-websocket's client takes 44xx as final: it does not send the refused change again.
    expect(crafted.provider.shouldConnect).toBe(false);

    // The secretariat's copy never saw it; the row edit before it is there.
    rowText(colleague.doc, "problems", PROBLEM, "detail")?.insert(0, "確認済み");
    expect(await colleague.acknowledged()).toBe(true);
    expect(profileText(colleague.doc, "programName").toString()).toBe("流山市在宅医療介護連携推進事業");
    expect(rowText(colleague.doc, "problems", PROBLEM, "title")?.toString()).toBe(
      "【至急】救急現場での情報不足",
    );

    await server.collab.flush();
    const stored = await storedDocument(server.ctx.db, docName);
    expect(profileText(stored, "programName").toString()).toBe("流山市在宅医療介護連携推進事業");
    expect(rowText(stored, "problems", PROBLEM, "title")?.toString()).toBe("【至急】救急現場での情報不足");
    expect(rowText(stored, "problems", PROBLEM, "detail")?.toString()).toBe("確認済み");

    const [entry] = await refusals(server);
    expect(entry.actor_user_id).toBe(w.member.id);
    expect(JSON.parse(entry.detail)).toEqual({ parts: "planPapers", names: ["profile.programName"] });
  });

  it("refuses a member's change to a plan period and its milestones, and a deletion in a profile text", async ({
    server,
    world: w,
    docName,
    openSynced: open,
  }) => {
    const period = await open(w.member.browser.cookie);
    setRowField(period.doc, "planPeriods", PERIOD, "milestones", []);
    await vi.waitFor(() => expect(period.closes.map((c) => c.code)).toContain(4423), soon);

    const deletion = await open(w.member.browser.cookie);
    profileText(deletion.doc, "programName").delete(0, 3);
    await vi.waitFor(() => expect(deletion.closes.map((c) => c.code)).toContain(4423), soon);

    await server.collab.flush();
    const stored = await storedDocument(server.ctx.db, docName);
    expect(profileText(stored, "programName").toString()).toBe("流山市在宅医療介護連携推進事業");
    const periods = stored.getMap<import("yjs").Map<unknown>>("planPeriods");
    expect(periods.get(PERIOD)?.get("milestones")).toEqual([{ fiscalYear: 2026, label: "事業評価" }]);
    expect((await refusals(server)).map((r) => JSON.parse(r.detail).names)).toEqual([
      ["planPeriods"],
      ["profile.programName"],
    ]);
  });

  it("stores the secretariat's edits to those fields, and a member's many row edits while they are being stored", async ({
    server,
    world: w,
    docName,
    openSynced: open,
  }) => {
    const secretariat = await open(w.admin.browser.cookie);
    const writer = await open(w.member.browser.cookie);
    profileText(secretariat.doc, "programName").insert(0, "令和7年度 ");
    setRowField(secretariat.doc, "planPeriods", PERIOD, "name", "第9期（改定）");
    expect(await secretariat.acknowledged()).toBe(true);
    await vi.waitFor(
      () => expect(profileText(writer.doc, "programName").toString()).toMatch(/^令和7年度 /),
      soon,
    );
    // Typed one character at a time: each keystroke builds on the one before, which may not
    // be stored yet when it arrives.
    const title = rowText(writer.doc, "problems", PROBLEM, "title");
    for (const ch of "（消防と協議中）") title?.insert(title.length, ch);
    expect(await writer.acknowledged()).toBe(true);
    expect(writer.closes).toEqual([]);

    await server.collab.flush();
    const stored = await storedDocument(server.ctx.db, docName);
    expect(profileText(stored, "programName").toString()).toBe("令和7年度 流山市在宅医療介護連携推進事業");
    expect(rowText(stored, "problems", PROBLEM, "title")?.toString()).toBe(
      "救急現場での情報不足（消防と協議中）",
    );
    expect(await refusals(server)).toEqual([]);
  });
});

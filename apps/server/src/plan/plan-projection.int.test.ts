import { readFileSync } from "node:fs";
import {
  type Action,
  insertRow,
  itemNoteText,
  newAction,
  orderKeysAfter,
  planDashboard,
  profileText,
  readYearPlan,
  setRowField,
  type YearPlan,
} from "@tsumugi/domain";
import type { KyselyPlugin } from "kysely";
import { describe, expect, vi } from "vitest";
import * as Y from "yjs";
import { findUserById } from "../auth/account-repository.js";
import { storeInitialState } from "../collab/initial-state.js";
import { insertDocument } from "../documents/document-repository.js";
import { storedDocument } from "../testing/collab-clients.js";
import { startTestServer, type TestServer } from "../testing/fixtures.js";
import { personElsewhere, personIn, type WorkspaceWorld, workspaceTest } from "../testing/workspace-world.js";
import { dropProjection, readProjection, writeProjection } from "./plan-read-model.js";

const it = workspaceTest.extend({ serverEnv: { PLAN_PROJECTION_DELAY_MS: "50" } });
const soon = { timeout: 5_000, interval: 20 };

interface PlanView {
  fiscalYear: number;
  docName: string;
  access: string;
  label: string;
}

async function createPlan(world: WorkspaceWorld, fiscalYear: number, carryOver = false): Promise<PlanView> {
  const res = await world.admin.browser.post<{ plan: PlanView }>(`${world.base}/plans`, {
    fiscalYear,
    carryOver,
  });
  expect(res.status).toBe(201);
  return res.body.plan;
}

const action = (id: string, order: string, title: string, fields: Partial<Action> = {}) =>
  newAction([], {
    id,
    order,
    title,
    scenes: ["daily"],
    items: ["f"],
    goalCodes: ["1-①"],
    period: { start: "2025-04", end: "2025-09" },
    status: "inProgress",
    progress: 10,
    ...fields,
  });

/** Waits until the read model holds what the stored document holds, and returns both. */
async function projectedAsStored(
  server: TestServer,
  docName: string,
): Promise<{ stored: YearPlan; projected: YearPlan }> {
  await server.collab.flush();
  await server.projector.flush();
  const stored = readYearPlan(await storedDocument(server.ctx.db, docName)).plan;
  const projected = (await readProjection(server.ctx.kysely, docName))?.plan;
  expect(projected).toEqual(stored);
  return { stored, projected: projected as YearPlan };
}

describe("plans over REST", () => {
  it("creates one plan per 年度, for the secretariat only, with clear errors", async ({ world }) => {
    const plan = await createPlan(world, 2025);
    expect(plan).toMatchObject({ fiscalYear: 2025, label: "令和7年度", access: "write" });
    const again = await world.admin.browser.post(`${world.base}/plans`, { fiscalYear: 2025 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "plan.exists" } });
    expect((await world.admin.browser.post(`${world.base}/plans`, { fiscalYear: "2025" })).status).toBe(400);
    const noPrevious = await world.admin.browser.post(`${world.base}/plans`, {
      fiscalYear: 2030,
      carryOver: true,
    });
    expect(noPrevious.status).toBe(409);
    expect(noPrevious.body).toMatchObject({
      error: {
        code: "plan.noPreviousPlan",
        message: expect.stringContaining("前年度（令和11年度）の計画がないため引き継げません"),
        fields: { carryOver: "noPreviousPlan" },
      },
    });
    // Nothing was created by the refused request.
    expect((await world.admin.browser.get(`${world.base}/plans/2030`)).status).toBe(404);
    expect((await world.member.browser.post(`${world.base}/plans`, { fiscalYear: 2026 })).status).toBe(403);
    const list = await world.observer.browser.get<{ plans: PlanView[] }>(`${world.base}/plans`);
    expect(list.body.plans).toEqual([expect.objectContaining({ fiscalYear: 2025, access: "read" })]);
    expect((await world.outsider.browser.get(`/api/workspaces/${world.workspaceId}/plans/2099`)).status).toBe(
      404,
    );
  });

  it("makes one plan of a 年度 when two secretaries create it at the same moment, refusing the others with 409", async ({
    server,
    world,
  }) => {
    const other = (await personIn(server, world.workspaceId, "secretariat")).browser;
    // Sent together, the requests all find no plan of the year; the unique index decides.
    const answers = await Promise.all(
      [world.admin.browser, other, world.admin.browser, other].map((b) =>
        b.post<{ error?: { code: string } }>(`${world.base}/plans`, { fiscalYear: 2027 }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    for (const a of answers.filter((a) => a.status === 409)) expect(a.body.error?.code).toBe("plan.exists");
    const list = await world.admin.browser.get<{ plans: PlanView[] }>(`${world.base}/plans`);
    expect(list.body.plans.map((p) => p.fiscalYear)).toEqual([2027]);
  });
});

describe("the plan read model", () => {
  it("equals the documents after concurrent edits by two members, and records who changed what", async ({
    server,
    world,
    open,
  }) => {
    const plan = await createPlan(world, 2025);
    const a = open(plan.docName, world.member.browser.cookie);
    const b = open(plan.docName, world.admin.browser.cookie);
    await Promise.all([a.synced(), b.synced()]);
    const keys = orderKeysAfter(null, 4);
    // Both insert rows at the same moment, and edit different fields of one row.
    insertRow(a.doc, "actions", action("actionaaaa01", keys[0], "多職種研修会"));
    insertRow(b.doc, "actions", action("actionbbbb01", keys[0], "市民公開講座"));
    insertRow(b.doc, "problems", {
      id: "problembbb01",
      order: keys[1],
      title: "相談窓口の周知が不十分",
      detail: "",
      scenes: ["daily"],
      items: ["e"],
      source: "consultation",
      ownerGroupId: null,
      status: "open",
      actionIds: ["actionaaaa01"],
    });
    await vi.waitFor(
      () => expect(b.doc.getMap("actions").has("actionaaaa01"), "a's row at b").toBe(true),
      soon,
    );
    setRowField(a.doc, "actions", "actionaaaa01", "progress", 60);
    setRowField(b.doc, "actions", "actionaaaa01", "status", "done");
    await vi.waitFor(() => {
      expect(readYearPlan(a.doc).plan, "convergence").toEqual(readYearPlan(b.doc).plan);
      expect(readYearPlan(a.doc).plan.actions.find((x) => x.id === "actionaaaa01")?.status).toBe("done");
    }, soon);
    const { stored } = await projectedAsStored(server, plan.docName);
    expect(stored.actions.map((x) => x.title).sort()).toEqual(["多職種研修会", "市民公開講座"]);
    expect(stored.actions.find((x) => x.id === "actionaaaa01")).toMatchObject({
      progress: 60,
      status: "done",
    });

    const dash = await world.admin.browser.get<{
      dashboard: unknown;
      recentChanges: { title: string; change: string; fields: string[]; by: string[] }[];
    }>(`${world.base}/plans/2025/dashboard?today=2025-11-01`);
    expect(dash.body.dashboard).toEqual(JSON.parse(JSON.stringify(planDashboard(stored, "2025-11-01"))));

    // A later edit by the member alone is attributed to them.
    setRowField(a.doc, "actions", "actionbbbb01", "progress", 30);
    await vi.waitFor(async () => {
      const d = await world.admin.browser.get<{
        recentChanges: { title: string; fields: string[]; by: string[] }[];
      }>(`${world.base}/plans/2025/dashboard`);
      const c = d.body.recentChanges[0];
      expect(c?.title, "the change in the history").toBe("市民公開講座");
      expect(c?.fields).toContain("progress");
    }, soon);
    const memberName = (await findUserById(server.ctx.kysely, world.member.id))?.name;
    const latest = await world.admin.browser.get<{ recentChanges: { by: string[]; change: string }[] }>(
      `${world.base}/plans/2025/dashboard`,
    );
    expect(latest.body.recentChanges[0]).toMatchObject({ change: "changed", by: [memberName] });
  });

  it("skips an invalid row without failing, and a rebuild gives the same rows", async ({
    server,
    world,
    open,
  }) => {
    const plan = await createPlan(world, 2025);
    const a = open(plan.docName, world.member.browser.cookie);
    await a.synced();
    const [k1, k2] = orderKeysAfter(null, 2);
    insertRow(a.doc, "actions", action("actiongood01", k1, "症例検討会"));
    insertRow(a.doc, "actions", action("actionbad001", k2, "進捗が壊れた行", { progress: 250 }));
    await expect
      .poll(async () => (await readProjection(server.ctx.kysely, plan.docName))?.invalid.length, soon)
      .toBe(1);
    const { projected } = await projectedAsStored(server, plan.docName);
    expect(projected.actions.map((x) => x.id)).toEqual(["actiongood01"]);
    const dash = await world.admin.browser.get<{ invalidRows: number }>(`${world.base}/plans/2025/dashboard`);
    expect(dash.body.invalidRows).toBe(1);

    // Lose the read model's action rows; the rebuild restores them from the stored document.
    await server.ctx.kysely.deleteFrom("plan_actions").execute();
    expect((await readProjection(server.ctx.kysely, plan.docName))?.plan.actions).toEqual([]);
    expect((await world.member.browser.post(`${world.base}/plans/2025/rebuild`, {})).status).toBe(403);
    const rebuilt = await world.admin.browser.post<{ invalidRows: { id: string }[] }>(
      `${world.base}/plans/2025/rebuild`,
      {},
    );
    expect(rebuilt.body.invalidRows.map((r) => r.id)).toEqual(["actionbad001"]);
    await projectedAsStored(server, plan.docName);
  });

  it("is rebuilt at start-up for plans that have none", async ({ server, world, open }) => {
    const plan = await createPlan(world, 2025);
    const a = open(plan.docName, world.member.browser.cookie);
    await a.synced();
    insertRow(a.doc, "actions", action("actionkeep01", orderKeysAfter(null, 1)[0], "ICT研修"));
    await server.collab.flush();
    await server.projector.flush();
    await server.ctx.kysely.transaction().execute((trx) => dropProjection(trx, plan.docName));
    a.destroy();
    await server.stop();
    const again = await startTestServer({ dataDir: server.dataDir, env: { PLAN_PROJECTION_DELAY_MS: "50" } });
    try {
      const projected = await readProjection(again.ctx.kysely, plan.docName);
      expect(projected?.plan.actions.map((x) => x.title)).toEqual(["ICT研修"]);
    } finally {
      await again.stop();
    }
  });

  it("carries unfinished actions and open problems into next year's plan", async ({
    server,
    world,
    open,
  }) => {
    const plan = await createPlan(world, 2025);
    const a = open(plan.docName, world.admin.browser.cookie);
    await a.synced();
    const keys = orderKeysAfter(null, 2);
    insertRow(a.doc, "actions", action("actiondone01", keys[0], "完了した取組", { status: "done" }));
    insertRow(a.doc, "actions", action("actionopen01", keys[1], "続ける取組", { status: "inProgress" }));
    await server.collab.flush();
    const next = await createPlan(world, 2026, true);
    const doc = await storedDocument(server.ctx.db, next.docName);
    const carried = readYearPlan(doc).plan;
    expect(carried.fiscalYear).toBe(2026);
    expect(carried.actions.map((x) => x.title)).toEqual(["続ける取組"]);
    expect(carried.actions[0]).toMatchObject({
      carriedFrom: { fiscalYear: 2025, actionId: "actionopen01" },
      period: { start: "2026-04", end: "2026-09" },
    });
    expect((await readProjection(server.ctx.kysely, next.docName))?.plan.actions).toHaveLength(1);
    expect(doc).toBeInstanceOf(Y.Doc);
  });

  it("holds what the papers need: budgets, funding sources, periods with milestones, item notes, profile", async ({
    server,
    world,
    open,
  }) => {
    const plan = await createPlan(world, 2025);
    // The secretariat: periods and the profile are theirs (the collab server refuses others).
    const a = open(plan.docName, world.admin.browser.cookie);
    await a.synced();
    const [k1] = orderKeysAfter(null, 1);
    insertRow(
      a.doc,
      "actions",
      action("actionfund01", k1, "在宅医療コーディネーター養成研修", {
        budget: 850_000,
        fundingSource: "fund",
      }),
    );
    insertRow(a.doc, "planPeriods", {
      id: "period000001",
      order: k1,
      name: "第9期",
      series: "介護保険事業計画",
      startFiscalYear: 2024,
      endFiscalYear: 2026,
      milestones: [{ fiscalYear: 2026, label: "中間評価" }],
    });
    itemNoteText(a.doc, "e", "purpose").insert(0, "相談窓口を設置し、連携調整を支援する。");
    itemNoteText(a.doc, "e", "examples").insert(0, "◆コーディネーターの配置");
    profileText(a.doc, "programName").insert(0, "流山市在宅医療介護連携推進事業");
    profileText(a.doc, "bodies").insert(0, "医師会\n歯科医師会");
    await expect
      .poll(async () => (await readProjection(server.ctx.kysely, plan.docName))?.plan.profile.bodies, soon)
      .toMatch(/./);
    const { projected } = await projectedAsStored(server, plan.docName);
    expect(projected.actions[0]).toMatchObject({ budget: 850_000, fundingSource: "fund" });
    expect(projected.planPeriods[0]).toMatchObject({
      series: "介護保険事業計画",
      milestones: [{ fiscalYear: 2026, label: "中間評価" }],
    });
    expect(projected.itemNotes).toEqual({
      e: { purpose: "相談窓口を設置し、連携調整を支援する。", examples: "◆コーディネーターの配置" },
    });
    expect(projected.profile).toMatchObject({
      programName: "流山市在宅医療介護連携推進事業",
      bodies: "医師会\n歯科医師会",
      committeeName: "",
    });
  });

  it("reads a plan stored by the first schema as migrated, and carries it over migrated", async ({
    server,
    world,
  }) => {
    // A 2015 plan exactly as the schema-1 code stored it, nobody has opened it since.
    const id = "oldplan00001";
    const docName = `${world.workspaceId}.${id}`;
    const now = Date.now();
    const bytes = readFileSync(
      new URL("../../../../packages/domain/src/plan/fixtures/plan-v1-2015.yjs", import.meta.url),
    );
    await server.ctx.kysely.transaction().execute(async (trx) => {
      await insertDocument(trx, {
        id,
        workspaceId: world.workspaceId,
        groupId: null,
        kind: "plan",
        title: "平成27年度 在宅医療・介護連携推進事業計画",
        docName,
        fiscalYear: 2015,
        locked: false,
        reviewing: false,
        draftStatus: null,
        publicId: null,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
        demo: false,
      });
      await storeInitialState(trx, docName, bytes);
    });
    await server.projector.projectNow(docName);
    const projected = (await readProjection(server.ctx.kysely, docName))?.plan;
    expect(projected?.actions.find((x) => x.id === "action000001")).toMatchObject({
      title: "在宅医療コーディネーター養成研修を実施",
      fundingSource: "fund",
    });
    expect(projected?.planPeriods[0]).toMatchObject({
      series: "高齢者保健福祉計画・介護保険事業計画",
      name: "第6期",
    });
    // The stored document itself is the first writer's to upgrade.
    expect((await storedDocument(server.ctx.db, docName)).getMap("meta").get("schemaVersion")).toBe(1);

    const next = await createPlan(world, 2016, true);
    const carried = readYearPlan(await storedDocument(server.ctx.db, next.docName)).plan;
    expect(carried.planPeriods.map((p) => `${p.series}|${p.name}`)).toEqual([
      "高齢者保健福祉計画・介護保険事業計画|第6期",
      "|地域医療構想",
    ]);
    expect(carried.actions).toEqual([]);
  });

  it("announces each new projection on the plan's event stream", async ({ server, world, open }) => {
    const plan = await createPlan(world, 2025);
    const res = await fetch(`${server.origin}${world.base}/plans/2025/events`, {
      headers: { Cookie: world.observer.browser.cookie ?? "" },
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let seen = "";
    const readUntil = async (needle: string) => {
      while (!seen.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        seen += decoder.decode(value);
      }
    };
    await readUntil("event: ready");
    const a = open(plan.docName, world.member.browser.cookie);
    await a.synced();
    insertRow(a.doc, "actions", action("actionsse001", orderKeysAfter(null, 1)[0], "ACP研修"));
    await readUntil("event: changed");
    await reader.cancel();
  });

  it("shows a whole committed projection on the dashboard, never one being written", async ({
    server,
    world,
  }) => {
    const plan = await createPlan(world, 2025);
    const keys = orderKeysAfter(null, 40);
    await server.collab.mutate(plan.docName, world.admin.id, (doc) => {
      keys.forEach((k, i) => {
        insertRow(doc, "actions", action(`action${String(i).padStart(6, "0")}`, k, `取組${i}`));
      });
    });
    await server.collab.flush();
    await server.projector.flush();
    const dashboard = () =>
      world.admin.browser.get<{ dashboard: { actionCount: number } }>(`${world.base}/plans/2025/dashboard`);
    expect((await dashboard()).body.dashboard.actionCount).toBe(40);

    // A re-projection held half-way: its action rows deleted, uncommitted.
    const doc = await server.collab.readDocument(plan.docName);
    const { plan: yearPlan, invalid } = readYearPlan(doc);
    doc.destroy();
    let halfway!: () => void;
    const reachedHalfway = new Promise<void>((resolve) => {
      halfway = resolve;
    });
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => {
      resume = resolve;
    });
    const deletingActions = new Set<unknown>();
    const pausing: KyselyPlugin = {
      transformQuery: ({ node, queryId }) => {
        if (node.kind === "DeleteQueryNode" && JSON.stringify(node.from).includes('"plan_actions"'))
          deletingActions.add(queryId);
        return node;
      },
      transformResult: async ({ queryId, result }) => {
        if (deletingActions.has(queryId)) {
          halfway();
          await resumed;
        }
        return result;
      },
    };
    const info = { docName: plan.docName, workspaceId: world.workspaceId, fiscalYear: 2025 };
    const writing = server.ctx.kysely
      .transaction()
      .execute((trx) => writeProjection(trx.withPlugin(pausing), info, yearPlan, invalid, [], Date.now()));
    await reachedHalfway;
    const during = await dashboard();
    resume();
    await writing;
    expect(during.status).toBe(200);
    expect(during.body.dashboard.actionCount).toBe(40);

    // Rebuilds committing while the dashboard is read: every answer is one whole projection.
    for (let round = 0; round < 8; round++) {
      const [, ...answers] = await Promise.all([
        server.projector.rebuild(plan.docName),
        ...Array.from({ length: 4 }, () => dashboard()),
      ]);
      expect(answers.map((a) => [a.status, a.body.dashboard?.actionCount])).toEqual(
        answers.map(() => [200, 40]),
      );
    }
  });
});

describe("the multi-year table (items × 年度, seed 004)", () => {
  interface YearColumn {
    fiscalYear: number;
    label: string;
    actions: {
      id: string;
      title: string;
      items: string[];
      fundingSource: string | null;
      periodStart: string | null;
    }[];
    planPeriods: { name: string; milestones: { fiscalYear: number; label: string }[] }[];
    itemNotes: Record<string, { purpose: string; examples: string }>;
  }

  it("reads each year's 目的, 取組例 and 財源 as committed, oldest year first, for every member and no outsider", async ({
    server,
    world,
    open,
  }) => {
    const y2024 = await createPlan(world, 2024);
    const y2025 = await createPlan(world, 2025);
    const a = open(y2024.docName, world.member.browser.cookie);
    const b = open(y2025.docName, world.admin.browser.cookie);
    await Promise.all([a.synced(), b.synced()]);
    const [k1, k2] = orderKeysAfter(null, 2);
    insertRow(
      a.doc,
      "actions",
      action("actionr60001", k1, "多職種研修会の開催", {
        items: ["f"],
        fundingSource: "fund",
        period: { start: "2024-06", end: "2024-06" },
      }),
    );
    itemNoteText(a.doc, "f", "purpose").insert(0, "多職種の相互理解を深める。");
    itemNoteText(a.doc, "f", "examples").insert(0, "◆グループワーク等の多職種参加型の研修");
    insertRow(
      b.doc,
      "actions",
      action("actionr70001", k1, "市民公開講座", { items: ["g"], fundingSource: null }),
    );
    insertRow(
      b.doc,
      "actions",
      action("actionr70002", k2, "ACP リーフレットの配布", { items: ["g", "e"], fundingSource: "general" }),
    );
    itemNoteText(b.doc, "g", "purpose").insert(0, "在宅療養や看取りについて住民の理解を促す。");
    insertRow(b.doc, "planPeriods", {
      id: "period000001",
      order: k1,
      name: "在宅医療介護連携推進事業",
      series: "",
      startFiscalYear: 2024,
      endFiscalYear: 2026,
      milestones: [{ fiscalYear: 2025, label: "事業評価" }],
    });
    await vi.waitFor(async () => {
      const [p24, p25] = await Promise.all([
        readProjection(server.ctx.kysely, y2024.docName),
        readProjection(server.ctx.kysely, y2025.docName),
      ]);
      expect(p24?.plan.itemNotes.f?.examples, "both projections").toMatch(/./);
      expect(p25?.plan.planPeriods).toHaveLength(1);
      expect(p25?.plan.actions).toHaveLength(2);
    }, soon);

    const res = await world.observer.browser.get<{ years: YearColumn[] }>(`${world.base}/plans/multi-year`);
    expect(res.status).toBe(200);
    const { years } = res.body;
    expect(years.map((y) => [y.fiscalYear, y.label])).toEqual([
      [2024, "令和6年度"],
      [2025, "令和7年度"],
    ]);
    expect(years[0].actions).toEqual([
      expect.objectContaining({
        id: "actionr60001",
        title: "多職種研修会の開催",
        items: ["f"],
        fundingSource: "fund",
        periodStart: "2024-06",
      }),
    ]);
    expect(years[0].itemNotes).toEqual({
      f: { purpose: "多職種の相互理解を深める。", examples: "◆グループワーク等の多職種参加型の研修" },
    });
    expect(years[1].actions.map((x) => [x.title, x.items, x.fundingSource])).toEqual([
      ["市民公開講座", ["g"], null],
      ["ACP リーフレットの配布", ["g", "e"], "general"],
    ]);
    expect(years[1].itemNotes).toEqual({
      g: { purpose: "在宅療養や看取りについて住民の理解を促す。", examples: "" },
    });
    expect(years[1].planPeriods).toEqual([
      expect.objectContaining({
        name: "在宅医療介護連携推進事業",
        milestones: [{ fiscalYear: 2025, label: "事業評価" }],
      }),
    ]);
    // Every member reads the same table, in a group or not; someone of another municipality reads nothing.
    const member = await world.outsider.browser.get<{ years: YearColumn[] }>(
      `${world.base}/plans/multi-year`,
    );
    expect(member.body).toEqual(res.body);
    const neighbour = (await personElsewhere(server, { name: "柏市", lgCode: "122173" })).browser;
    const refused = await neighbour.get(`${world.base}/plans/multi-year`);
    expect([403, 404]).toContain(refused.status);
    expect(JSON.stringify(refused.body)).not.toContain("多職種");
  });
});

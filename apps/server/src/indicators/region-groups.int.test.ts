/**
 * Region groups across municipalities: joining needs the owner's approval, and what one
 * municipality sees of another's plan is the policy's decision. The reported leak: any
 * municipality of the prefecture joined the prefecture's group on its own and read every
 * member's plan progress through an observer account of its own.
 */
import { currentFiscalYear, insertRow, newAction } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import { insertMembership } from "../members/member-repository.js";
import { createSession, createUser, createWorkspace, type TestServer } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { type WorkspaceWorld, workspaceTest } from "../testing/workspace-world.js";
import { approveJoinRequest, insertJoinRequest, insertRegionGroup } from "./region-repository.js";

const it = workspaceTest.extend({ serverEnv: { PLAN_PROJECTION_DELAY_MS: "0" } });

/** Someone logged in to `workspaceId` (and to `also`, with the same account). */
async function person(
  server: TestServer,
  workspaceId: string,
  role: "secretariat" | "observer",
  also: string[] = [],
) {
  const u = await createUser(server.ctx.kysely, { workspaceId, role });
  for (const other of also)
    await insertMembership(server.ctx.kysely, {
      workspaceId: other,
      userId: u.id,
      role,
      createdAt: Date.now(),
    });
  const browser = new TestBrowser(server.origin);
  browser.cookie = (await createSession(server, u.id)).cookie;
  return { id: u.id, browser, base: `/api/workspaces/${workspaceId}` };
}

/** A plan of this 年度 with one action at 60 % in the world's municipality (流山市). */
async function planWithProgress(server: TestServer, world: WorkspaceWorld): Promise<void> {
  const fy = currentFiscalYear();
  const res = await world.admin.browser.post<{ plan: { docName: string } }>(`${world.base}/plans`, {
    fiscalYear: fy,
  });
  expect(res.status).toBe(201);
  await server.collab.mutate(res.body.plan.docName, world.admin.id, (doc) => {
    insertRow(
      doc,
      "actions",
      newAction([], {
        id: "actionregion",
        title: "入退院支援ルールの運用",
        scenes: ["discharge"],
        items: ["f"],
        period: { start: `${fy}-04`, end: `${fy + 1}-03` },
        status: "inProgress",
        progress: 60,
      }),
    );
  });
  await server.collab.flush();
  await server.projector.flush();
}

interface Overview {
  showPlans: boolean;
  members: { name: string; plan: { progress: number } | null; indicators: unknown[] }[];
}

const plansIn = (o: Overview) => Object.fromEntries(o.members.map((m) => [m.name, m.plan?.progress ?? null]));

/** The prefecture's own workspace owns the prefecture group; 流山市 is in it. */
async function prefectureGroup(server: TestServer, world: WorkspaceWorld) {
  const prefecture = await createWorkspace(server.ctx.kysely, {
    name: "千葉県",
    prefecture: "千葉県",
    lgCode: "120006",
  });
  await insertRegionGroup(
    server.ctx.kysely,
    { id: "prefgroup001", name: "千葉県", kind: "prefecture", ownerWorkspaceId: prefecture },
    [prefecture, world.workspaceId],
    null,
    Date.now(),
  );
  return {
    prefecture,
    secretariat: await person(server, prefecture, "secretariat"),
    observer: await person(server, prefecture, "observer"),
  };
}

describe("joining a region group", () => {
  it("waits for the owner's approval; meanwhile the asking municipality sees nothing of the group", async ({
    server,
    world,
  }) => {
    await planWithProgress(server, world);
    const pref = await prefectureGroup(server, world);
    const matsudo = await createWorkspace(server.ctx.kysely, {
      name: "松戸市",
      prefecture: "千葉県",
      lgCode: "122076",
    });
    const attacker = await person(server, matsudo, "secretariat");
    const attackerObserver = await person(server, matsudo, "observer");

    const available = await attacker.browser.get<{ groups: { id: string; owner: string }[] }>(
      `${attacker.base}/regions/available`,
    );
    expect(available.body.groups).toEqual([expect.objectContaining({ id: "prefgroup001", owner: "千葉県" })]);
    const asked = await attacker.browser.post(`${attacker.base}/regions/prefgroup001/join`, {});
    expect(asked.status).toBe(202);
    expect((await attacker.browser.post(`${attacker.base}/regions/prefgroup001/join`, {})).status).toBe(409);

    // Pending: no overview, no comparison, for any of its people.
    for (const p of [attacker, attackerObserver]) {
      expect((await p.browser.get(`${p.base}/regions/prefgroup001/overview`)).status).toBe(404);
      const compare = await p.browser.get<{ groups: unknown[] }>(
        `${p.base}/indicators/compare?code=S04&fy=2023`,
      );
      expect(compare.body.groups).toEqual([]);
    }
    const mine = await attacker.browser.get<{ groups: { id: string; membership: string }[] }>(
      `${attacker.base}/regions`,
    );
    expect(mine.body.groups).toEqual([
      expect.objectContaining({ id: "prefgroup001", membership: "pending" }),
    ]);

    // Only the owner's secretariat decides: not 流山市 (a member), not the asker, not the owner's observer.
    const decide = (p: { browser: TestBrowser; base: string }, what: string) =>
      p.browser.post(`${p.base}/regions/prefgroup001/requests/${matsudo}/${what}`, {});
    expect((await decide({ browser: world.admin.browser, base: world.base }, "approve")).status).toBe(403);
    expect((await decide(attacker, "approve")).status).toBe(404);
    expect((await decide(pref.observer, "approve")).status).toBe(403);
    const requests = await pref.secretariat.browser.get<{
      groups: { id: string; membership: string; requests: { name: string }[] }[];
    }>(`${pref.secretariat.base}/regions`);
    expect(requests.body.groups).toEqual([
      expect.objectContaining({
        id: "prefgroup001",
        membership: "owner",
        requests: [expect.objectContaining({ name: "松戸市" })],
      }),
    ]);
    expect((await decide(pref.secretariat, "approve")).status).toBe(200);
    expect((await decide(pref.secretariat, "approve")).status).toBe(404);

    // Audited in both municipalities.
    const audited = await server.ctx.db.all<{ workspace_id: string; event: string }>(
      "SELECT workspace_id, event FROM audit_log WHERE event LIKE 'region.%' ORDER BY id",
    );
    expect(audited).toEqual([
      { workspace_id: matsudo, event: "region.join_requested" },
      { workspace_id: pref.prefecture, event: "region.join_approved" },
      { workspace_id: matsudo, event: "region.join_approved" },
    ]);

    // In: its observer sees the members' indicators, but no other municipality's plan.
    const seen = await attackerObserver.browser.get<Overview>(
      `${attackerObserver.base}/regions/prefgroup001/overview`,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.members.map((m) => m.name).sort()).toEqual(["千葉県", "松戸市", "流山市"].sort());
    expect(seen.body.members.every((m) => Array.isArray(m.indicators))).toBe(true);
    expect(plansIn(seen.body)["流山市"]).toBeNull();
    expect(seen.body.showPlans).toBe(false);
    const compare = await attackerObserver.browser.get<{ groups: { members: { name: string }[] }[] }>(
      `${attackerObserver.base}/indicators/compare?code=S04&fy=2023`,
    );
    expect(compare.body.groups[0].members.map((m) => m.name).sort()).toEqual(
      ["千葉県", "松戸市", "流山市"].sort(),
    );
  });

  it("can be refused (the request is gone, audited) or withdrawn by the asker", async ({ server, world }) => {
    const pref = await prefectureGroup(server, world);
    const noda = await createWorkspace(server.ctx.kysely, {
      name: "野田市",
      prefecture: "千葉県",
      lgCode: "122084",
    });
    const asker = await person(server, noda, "secretariat");
    await asker.browser.post(`${asker.base}/regions/prefgroup001/join`, {});
    const refused = await pref.secretariat.browser.post(
      `${pref.secretariat.base}/regions/prefgroup001/requests/${noda}/refuse`,
      {},
    );
    expect(refused.status).toBe(200);
    expect((await asker.browser.get(`${asker.base}/regions/prefgroup001/overview`)).status).toBe(404);
    const mine = await asker.browser.get<{ groups: unknown[] }>(`${asker.base}/regions`);
    expect(mine.body.groups).toEqual([]);
    expect(
      await server.ctx.db.all(
        "SELECT workspace_id, event FROM audit_log WHERE event = 'region.join_refused' ORDER BY id",
      ),
    ).toEqual([
      { workspace_id: pref.prefecture, event: "region.join_refused" },
      { workspace_id: noda, event: "region.join_refused" },
    ]);
    // Asked again, then withdrawn.
    expect((await asker.browser.post(`${asker.base}/regions/prefgroup001/join`, {})).status).toBe(202);
    expect(
      (await asker.browser.request("DELETE", `${asker.base}/regions/prefgroup001/membership`)).status,
    ).toBe(200);
    const pending = await pref.secretariat.browser.get<{ groups: { requests: unknown[] }[] }>(
      `${pref.secretariat.base}/regions`,
    );
    expect(pending.body.groups[0].requests).toEqual([]);
    // The owner stays while others are in.
    expect(
      (
        await pref.secretariat.browser.request(
          "DELETE",
          `${pref.secretariat.base}/regions/prefgroup001/membership`,
        )
      ).status,
    ).toBe(409);
  });

  it("is only possible within the prefecture", async ({ server, world }) => {
    await prefectureGroup(server, world);
    const takamatsu = await createWorkspace(server.ctx.kysely, {
      name: "高松市",
      prefecture: "香川県",
      lgCode: "372013",
    });
    const far = await person(server, takamatsu, "secretariat");
    expect(
      (await far.browser.get<{ groups: unknown[] }>(`${far.base}/regions/available`)).body.groups,
    ).toEqual([]);
    expect((await far.browser.post(`${far.base}/regions/prefgroup001/join`, {})).status).toBe(404);
  });
});

describe("what a member sees of the others' plans", () => {
  it("the owner of a prefecture group (secretariat, observer) sees each member's progress", async ({
    server,
    world,
  }) => {
    await planWithProgress(server, world);
    const pref = await prefectureGroup(server, world);
    for (const p of [pref.secretariat, pref.observer]) {
      const o = await p.browser.get<Overview>(`${p.base}/regions/prefgroup001/overview`);
      expect(plansIn(o.body)["流山市"]).toBe(60);
      expect(o.body.showPlans).toBe(true);
    }
  });

  it("a member municipality's own people see no other municipality's progress", async ({ server, world }) => {
    await planWithProgress(server, world);
    const pref = await prefectureGroup(server, world);
    // 千葉県 has a plan too: 流山市's people must not see it.
    const prefPlan = await server.ctx.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM documents WHERE workspace_id = ?",
      [pref.prefecture],
    );
    expect(prefPlan?.n).toBe(0);
    const o = await world.observer.browser.get<Overview>(`${world.base}/regions/prefgroup001/overview`);
    expect(o.status).toBe(200);
    expect(plansIn(o.body)).toEqual({ 千葉県: null, 流山市: null });
    expect(o.body.showPlans).toBe(false);
  });

  it("someone who belongs to two member municipalities sees the progress of both, from either", async ({
    server,
    world,
  }) => {
    await planWithProgress(server, world);
    const pref = await prefectureGroup(server, world);
    const kashiwa = await createWorkspace(server.ctx.kysely, {
      name: "柏市",
      prefecture: "千葉県",
      lgCode: "122173",
    });
    const both = await person(server, kashiwa, "observer", [world.workspaceId]);
    // 柏市 asked and the prefecture let it in.
    await insertJoinRequest(server.ctx.kysely, "prefgroup001", kashiwa, both.id, Date.now());
    await approveJoinRequest(server.ctx.kysely, "prefgroup001", kashiwa, pref.secretariat.id, Date.now());
    const o = await both.browser.get<Overview>(`${both.base}/regions/prefgroup001/overview`);
    expect(plansIn(o.body)["流山市"]).toBe(60);
  });

  it("in a wide (広域) group, not even the owner sees another municipality's plan", async ({
    server,
    world,
  }) => {
    await planWithProgress(server, world);
    const kashiwa = await createWorkspace(server.ctx.kysely, {
      name: "柏市",
      prefecture: "千葉県",
      lgCode: "122173",
    });
    const owner = await person(server, kashiwa, "secretariat");
    const created = await owner.browser.post<{ id: string }>(`${owner.base}/regions`, { name: "東葛" });
    expect(created.status).toBe(201);
    expect((await world.admin.browser.post(`${world.base}/regions/${created.body.id}/join`, {})).status).toBe(
      202,
    );
    expect(
      (
        await owner.browser.post(
          `${owner.base}/regions/${created.body.id}/requests/${world.workspaceId}/approve`,
          {},
        )
      ).status,
    ).toBe(200);
    const o = await owner.browser.get<Overview>(`${owner.base}/regions/${created.body.id}/overview`);
    expect(plansIn(o.body)).toEqual({ 柏市: null, 流山市: null });
    expect(o.body.showPlans).toBe(false);
  });
});

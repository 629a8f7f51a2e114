import { insertRow, orderKeysAfter } from "@tsumugi/domain";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectProvider, type ProviderClient } from "../testing/collab-clients.js";
import { startTestServer, type TestServer } from "../testing/fixtures.js";
import { seedWorkspaceWorld, type WorkspaceWorld } from "../testing/workspace-world.js";

let server: TestServer;
let world: WorkspaceWorld;
let client: ProviderClient | null = null;
let projectionDelayMs = "20";

beforeEach(async () => {
  server = await startTestServer({ env: { PLAN_PROJECTION_DELAY_MS: projectionDelayMs } });
  world = await seedWorkspaceWorld(server);
});
afterEach(async () => {
  client?.destroy();
  client = null;
  await server.destroy();
});

describe("row comments and mentions", () => {
  it("stores a comment with its mentions, lists it on the row and in the mentioned person's mentions", async () => {
    const created = await world.admin.browser.post<{ plan: { docName: string } }>(`${world.base}/plans`, {
      fiscalYear: 2025,
    });
    client = connectProvider(server.wsUrl, created.body.plan.docName, {
      cookie: world.admin.browser.cookie ?? "",
      origin: server.origin,
    });
    await client.synced();
    insertRow(client.doc, "actions", {
      id: "actioncomm01",
      order: orderKeysAfter(null, 1)[0],
      title: "市民公開講座の企画",
      scenes: [],
      items: ["g"],
      status: "inProgress",
      progress: 0,
    });
    await server.collab.flush();
    await server.projector.flush();
    const url = `${world.base}/plans/2025/comments`;

    // Bad input: unknown row, unknown person, empty body, observer.
    expect(
      (await world.admin.browser.post(url, { table: "actions", rowId: "nosuchrow01", body: "x" })).body,
    ).toMatchObject({ error: { fields: { rowId: "unknown" } } });
    expect(
      (
        await world.admin.browser.post(url, {
          table: "actions",
          rowId: "actioncomm01",
          body: "x",
          mentions: ["nosuchuser0001"],
        })
      ).body,
    ).toMatchObject({ error: { fields: { mentions: "unknown" } } });
    expect(
      (await world.admin.browser.post(url, { table: "actions", rowId: "actioncomm01", body: " " })).status,
    ).toBe(400);
    expect(
      (await world.observer.browser.post(url, { table: "actions", rowId: "actioncomm01", body: "見ました" }))
        .status,
    ).toBe(403);

    const posted = await world.admin.browser.post(url, {
      table: "actions",
      rowId: "actioncomm01",
      body: "@会員 さん、講師の候補をお願いします",
      mentions: [world.member.id],
    });
    expect(posted.status).toBe(201);

    const list = await world.observer.browser.get<{
      comments: { body: string; mentions: { userId: string }[] }[];
    }>(`${url}?table=actions&rowId=actioncomm01`);
    expect(list.body.comments).toHaveLength(1);
    expect(list.body.comments[0].mentions.map((m) => m.userId)).toEqual([world.member.id]);

    const mine = await world.member.browser.get<{
      unread: number;
      mentions: { commentId: string; rowTitle: string; fiscalYear: number; read: boolean }[];
    }>(`${world.base}/mentions`);
    expect(mine.body.unread).toBe(1);
    expect(mine.body.mentions[0]).toMatchObject({
      rowTitle: "市民公開講座の企画",
      fiscalYear: 2025,
      read: false,
    });
    expect((await world.admin.browser.get<{ unread: number }>(`${world.base}/mentions`)).body.unread).toBe(0);

    await world.member.browser.post(`${world.base}/mentions/read`, {
      commentIds: [mine.body.mentions[0].commentId],
    });
    expect((await world.member.browser.get<{ unread: number }>(`${world.base}/mentions`)).body.unread).toBe(
      0,
    );
  });

  describe("before the read model has caught up", () => {
    beforeAll(() => {
      projectionDelayMs = "600000";
    });
    afterAll(() => {
      projectionDelayMs = "20";
    });

    it("names the row in the mention at once", async () => {
      const created = await world.admin.browser.post<{ plan: { docName: string } }>(`${world.base}/plans`, {
        fiscalYear: 2025,
      });
      client = connectProvider(server.wsUrl, created.body.plan.docName, {
        cookie: world.admin.browser.cookie ?? "",
        origin: server.origin,
      });
      await client.synced();
      insertRow(client.doc, "problems", {
        id: "problemfresh",
        order: orderKeysAfter(null, 1)[0],
        title: "退院時の情報共有が遅れる",
        scenes: [],
      });
      const url = `${world.base}/plans/2025/comments`;
      // The comment route waits for the stored row; the projection is ten minutes away.
      const posted = await world.admin.browser.post(url, {
        table: "problems",
        rowId: "problemfresh",
        body: "確認をお願いします",
        mentions: [world.member.id],
      });
      expect(posted.status).toBe(201);
      const mine = await world.member.browser.get<{ mentions: { rowTitle: string }[] }>(
        `${world.base}/mentions`,
      );
      expect(mine.body.mentions.map((m) => m.rowTitle)).toEqual(["退院時の情報共有が遅れる"]);
    });
  });
});

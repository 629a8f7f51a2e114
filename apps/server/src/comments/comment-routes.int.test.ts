import { insertRow, orderKeysAfter } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import type { ProviderClient } from "../testing/collab-clients.js";
import { type Person, type WorkspaceWorld, workspaceTest } from "../testing/workspace-world.js";

/** The same world on a server whose plan read model lags ten minutes behind the document. */
const lagging = workspaceTest.extend({ serverEnv: { PLAN_PROJECTION_DELAY_MS: "600000" } });

interface Thread {
  comments: {
    id: string;
    authorName: string;
    quote: string;
    body: string;
    suggestion: string | null;
    resolved: boolean;
    abilities: { resolve: boolean };
  }[];
  open: boolean;
  abilities: { read: boolean; comment: boolean; resolve: boolean };
}

/** The 2025 plan with one row in `table`, as stored by a client of the secretariat. */
async function planWithRow(
  open: (docName: string, cookie: string | null) => ProviderClient,
  w: WorkspaceWorld,
  table: "actions" | "problems",
  row: { id: string; title: string },
): Promise<void> {
  const created = await w.admin.browser.post<{ plan: { docName: string } }>(`${w.base}/plans`, {
    fiscalYear: 2025,
  });
  const client = open(created.body.plan.docName, w.admin.browser.cookie);
  await client.synced();
  const order = orderKeysAfter(null, 1)[0];
  if (table === "actions")
    insertRow(client.doc, "actions", {
      ...row,
      order,
      scenes: [],
      items: ["g"],
      status: "inProgress",
      progress: 0,
    });
  else insertRow(client.doc, "problems", { ...row, order, scenes: [] });
}

describe("row comments and mentions", () => {
  workspaceTest(
    "stores a comment with its mentions, lists it on the row and in the mentioned person's mentions",
    async ({ server, world: w, open }) => {
      await planWithRow(open, w, "actions", {
        id: "actioncomm01",
        title: "市民公開講座の企画",
      });
      await server.collab.flush();
      await server.projector.flush();
      const url = `${w.base}/plans/2025/comments`;

      // Bad input: unknown row, unknown person, empty body, observer.
      expect(
        (await w.admin.browser.post(url, { table: "actions", rowId: "nosuchrow01", body: "x" })).body,
      ).toMatchObject({ error: { fields: { rowId: "unknown" } } });
      expect(
        (
          await w.admin.browser.post(url, {
            table: "actions",
            rowId: "actioncomm01",
            body: "x",
            mentions: ["nosuchuser0001"],
          })
        ).body,
      ).toMatchObject({ error: { fields: { mentions: "unknown" } } });
      expect(
        (await w.admin.browser.post(url, { table: "actions", rowId: "actioncomm01", body: " " })).status,
      ).toBe(400);
      expect(
        (await w.admin.browser.post(url, { table: "votes", rowId: "actioncomm01", body: "x" })).body,
      ).toMatchObject({ error: { fields: { table: "unknown" } } });
      expect(
        (await w.observer.browser.post(url, { table: "actions", rowId: "actioncomm01", body: "見ました" }))
          .status,
      ).toBe(403);

      const posted = await w.admin.browser.post<{ id: string; comment: { mentions: { name: string }[] } }>(
        url,
        {
          table: "actions",
          rowId: "actioncomm01",
          body: "@会員 さん、講師の候補をお願いします",
          mentions: [w.member.id],
        },
      );
      expect(posted.status).toBe(201);
      expect(posted.body.comment.mentions).toHaveLength(1);

      // Everyone reads the row's thread; those who write the plan comment; nobody resolves.
      const list = await w.observer.browser.get<Thread & { comments: { mentions: { userId: string }[] }[] }>(
        `${url}?table=actions&rowId=actioncomm01`,
      );
      expect(list.body.comments).toHaveLength(1);
      expect(list.body.comments[0].mentions.map((m) => m.userId)).toEqual([w.member.id]);
      expect(list.body).toMatchObject({
        open: true,
        abilities: { read: true, comment: false, resolve: false },
      });
      expect(list.body.comments[0].abilities).toEqual({ resolve: false });
      const asMember = await w.member.browser.get<Thread>(`${url}?table=actions&rowId=actioncomm01`);
      expect(asMember.body.abilities).toEqual({ read: true, comment: true, resolve: false });
      expect(
        (await w.member.browser.get<Thread>(`${url}?table=problems&rowId=actioncomm01`)).body.comments,
      ).toEqual([]);

      const mine = await w.member.browser.get<{
        unread: number;
        mentions: { commentId: string; rowTitle: string; fiscalYear: number; read: boolean }[];
      }>(`${w.base}/mentions`);
      expect(mine.body.unread).toBe(1);
      expect(mine.body.mentions[0]).toMatchObject({
        commentId: posted.body.id,
        rowTitle: "市民公開講座の企画",
        fiscalYear: 2025,
        read: false,
      });
      expect((await w.admin.browser.get<{ unread: number }>(`${w.base}/mentions`)).body.unread).toBe(0);

      expect((await w.member.browser.post(`${w.base}/mentions/read`, { commentIds: "all" })).status).toBe(
        400,
      );
      await w.member.browser.post(`${w.base}/mentions/read`, {
        commentIds: [mine.body.mentions[0].commentId],
      });
      expect((await w.member.browser.get<{ unread: number }>(`${w.base}/mentions`)).body.unread).toBe(0);
    },
  );

  lagging(
    "names the row in the mention at once, before the read model has caught up",
    async ({ server, world: w, open }) => {
      await planWithRow(open, w, "problems", {
        id: "problemfresh",
        title: "退院時の情報共有が遅れる",
      });
      // The comment route waits for the stored row; the projection is ten minutes away.
      const posted = await w.admin.browser.post(`${w.base}/plans/2025/comments`, {
        table: "problems",
        rowId: "problemfresh",
        body: "確認をお願いします",
        mentions: [w.member.id],
      });
      expect(posted.status).toBe(201);
      // The read model has not got the row: the title comes from the stored document.
      expect(await server.ctx.db.all("SELECT id FROM plan_problems")).toEqual([]);
      const mine = await w.member.browser.get<{ mentions: { rowTitle: string }[] }>(`${w.base}/mentions`);
      expect(mine.body.mentions.map((m) => m.rowTitle)).toEqual(["退院時の情報共有が遅れる"]);
    },
  );

  workspaceTest("a year without a plan has no comments", async ({ world: w }) => {
    const res = await w.member.browser.get(`${w.base}/plans/2030/comments`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: "plan.notFound" } });
  });
});

describe("corrections to circulated minutes", () => {
  workspaceTest(
    "are taken only while circulating; each person is told whether they may comment and resolve",
    async ({ world: w }) => {
      const created = await w.admin.browser.post<{ meeting: { id: string } }>(`${w.base}/meetings`, {
        kind: "liaison",
        startsAt: "2025-05-25T14:00",
        endsAt: "2025-05-25T16:00",
        invitees: [w.member.id, w.observer.id],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const mid = created.body.meeting.id;
      const url = `${w.base}/meetings/${mid}/comments`;
      const thread = async (p: Person) => (await p.browser.get<Thread>(url)).body;

      expect(await thread(w.member)).toEqual({
        comments: [],
        open: false,
        abilities: { read: true, comment: true, resolve: false },
      });
      expect((await w.member.browser.post(url, { body: "早すぎる" })).status).toBe(409);
      for (const state of ["published", "inProgress", "closed"])
        expect((await w.admin.browser.post(`${w.base}/meetings/${mid}/state`, { state })).status).toBe(200);
      expect(
        (await w.admin.browser.post(`${w.base}/meetings/${mid}/minutes-state`, { state: "circulating" }))
          .status,
      ).toBe(200);

      const posted = await w.member.browser.post<{ id: string; comment: Thread["comments"][number] }>(url, {
        quote: "原案",
        body: "「案」を取ってください",
        suggestion: "確定案",
      });
      expect(posted.status).toBe(201);
      expect(posted.body.comment).toMatchObject({ quote: "原案", suggestion: "確定案", resolved: false });
      expect((await thread(w.member)).abilities).toEqual({ read: true, comment: true, resolve: false });
      // The observer is invited but only reads; the uninvited member neither comments.
      expect((await thread(w.observer)).abilities).toEqual({ read: true, comment: false, resolve: false });
      expect((await thread(w.outsider)).abilities).toEqual({ read: true, comment: false, resolve: false });
      const asAdmin = await thread(w.admin);
      expect(asAdmin).toMatchObject({ open: true, abilities: { read: true, comment: true, resolve: true } });
      expect(asAdmin.comments).toMatchObject([{ id: posted.body.id, abilities: { resolve: true } }]);
      expect((await thread(w.member)).comments[0].abilities).toEqual({ resolve: false });

      expect((await w.member.browser.post(`${url}/${posted.body.id}/resolve`, {})).status).toBe(403);
      expect((await w.admin.browser.post(`${url}/${posted.body.id}/resolve`, {})).status).toBe(200);
      expect((await w.admin.browser.post(`${url}/${posted.body.id}/resolve`, {})).status).toBe(404);
      expect((await thread(w.admin)).comments).toMatchObject([
        { resolved: true, abilities: { resolve: false } },
      ]);
    },
  );
});

describe("comments on a document", () => {
  workspaceTest(
    "follow the draft: the plenary comments while reviewing, the group resolves, also on the approved text",
    async ({ world: w }) => {
      const created = await w.member.browser.post<{ document: { id: string } }>(`${w.base}/documents`, {
        kind: "draft",
        groupId: w.groupId,
        template: "dischargeRules",
      });
      const path = `${w.base}/documents/${created.body.document.id}`;
      const url = `${path}/comments`;
      const thread = async (p: Person) => (await p.browser.get<Thread>(url)).body;

      // A suggestion is kept on minutes only.
      const posted = await w.outsider.browser.post<{ id: string; comment: { suggestion: string | null } }>(
        url,
        {
          quote: "3日以内",
          body: "休日を含みますか？",
          suggestion: "3営業日以内",
        },
      );
      expect(posted.status).toBe(201);
      expect(posted.body.comment.suggestion).toBeNull();
      expect((await w.observer.browser.post(url, { body: "意見" })).status).toBe(403);
      expect((await thread(w.observer)).abilities).toEqual({ read: true, comment: false, resolve: false });
      expect((await thread(w.outsider)).abilities).toEqual({ read: true, comment: true, resolve: false });

      for (const [who, status] of [
        [w.member, "reviewing"],
        [w.admin, "approved"],
      ] as const)
        expect((await who.browser.post(`${path}/status`, { status })).status).toBe(200);
      const asGroup = await thread(w.member);
      expect(asGroup).toMatchObject({ open: true, abilities: { read: true, comment: true, resolve: true } });
      expect(asGroup.comments).toMatchObject([{ quote: "3日以内", abilities: { resolve: true } }]);
      expect((await w.outsider.browser.post(`${url}/${posted.body.id}/resolve`, {})).status).toBe(403);
      expect((await w.member.browser.post(`${url}/${posted.body.id}/resolve`, {})).status).toBe(200);
      expect((await w.member.browser.post(`${url}/nosuchcomment1/resolve`, {})).status).toBe(404);
    },
  );
});

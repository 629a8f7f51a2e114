import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import { describe, expect, vi } from "vitest";
import * as Y from "yjs";
import { storedDocument, storedOverSocket } from "../testing/collab-clients.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

const soon = { timeout: 5_000, interval: 20 };

interface Doc {
  id: string;
  title: string;
  docName: string;
  draftStatus: string;
  publicId: string | null;
  access: string;
  abilities: Record<string, boolean>;
}

describe("a draft before the plenary (全体会で確認中)", () => {
  it("is edited by the secretariat only: the group is downgraded on its sockets, comments, and writes again when sent back", async ({
    server,
    world,
    open,
  }) => {
    const created = await world.member.browser.post<{ document: Doc }>(`${world.base}/documents`, {
      kind: "draft",
      groupId: world.groupId,
      template: "dischargeRules",
    });
    const draft = created.body.document;
    const path = `${world.base}/documents/${draft.id}`;
    const status = (who: WorkspaceWorld["admin"], s: string) =>
      who.browser.post<{ document: Doc }>(`${path}/status`, { status: s });
    expect(await storedOverSocket(server, draft.docName, world.member.browser.cookie, "起案中の加筆")).toBe(
      true,
    );
    const memberSocket = open(draft.docName, world.member.browser.cookie);
    await memberSocket.synced();

    expect((await status(world.member, "reviewing")).body.document.draftStatus).toBe("reviewing");
    await vi.waitFor(
      () =>
        expect(
          memberSocket.closes.map((c) => c.code),
          "the group member's socket downgraded",
        ).toContain(4403),
      soon,
    );
    const asMember = await world.member.browser.get<{ document: Doc }>(path);
    expect(asMember.body.document).toMatchObject({ access: "read" });
    expect(asMember.body.document.abilities).toMatchObject({
      edit: false,
      comment: true,
      resolveComments: true,
    });
    expect(
      await storedOverSocket(server, draft.docName, world.member.browser.cookie, "確認中の直接編集"),
    ).toBe(false);
    expect(await storedOverSocket(server, draft.docName, world.admin.browser.cookie, "事務局の修正")).toBe(
      true,
    );
    expect(
      (await world.member.browser.post(`${path}/comments`, { body: "表現を直してください" })).status,
    ).toBe(201);

    // Sent back to the group: it writes again.
    expect((await status(world.admin, "drafting")).body.document.draftStatus).toBe("drafting");
    expect((await world.member.browser.get<{ document: Doc }>(path)).body.document.access).toBe("write");
    expect(
      await storedOverSocket(server, draft.docName, world.member.browser.cookie, "差し戻し後の加筆"),
    ).toBe(true);
    const text = (await storedDocument(server.ctx.db, draft.docName))
      .getXmlFragment(RICH_TEXT_FIELD)
      .toString();
    for (const kept of ["起案中の加筆", "事務局の修正", "差し戻し後の加筆"]) expect(text).toContain(kept);
    expect(text).not.toContain("確認中の直接編集");
  });
});

describe("working-group drafts", () => {
  it("start from a template, go through review and approval (locked), are published without login and withdrawn", async ({
    server,
    world,
    open,
  }) => {
    const created = await world.member.browser.post<{ document: Doc }>(`${world.base}/documents`, {
      kind: "draft",
      groupId: world.groupId,
      template: "dischargeRules",
    });
    expect(created.status).toBe(201);
    const draft = created.body.document;
    expect(draft).toMatchObject({
      title: "入退院支援ルール（案）",
      draftStatus: "drafting",
      access: "write",
    });
    const initial = await storedDocument(server.ctx.db, draft.docName);
    expect(initial.getXmlFragment(RICH_TEXT_FIELD).toString()).toContain("入院時の連携");
    expect(
      (
        await world.member.browser.post(`${world.base}/documents`, {
          kind: "note",
          title: "x",
          template: "dischargeRules",
        })
      ).status,
    ).toBe(400);

    const status = (who: WorkspaceWorld["admin"], s: string) =>
      who.browser.post<{ document: Doc }>(`${world.base}/documents/${draft.id}/status`, { status: s });
    // Only the group (and the secretariat) send it to the plenary; only the secretariat approves.
    // A step the workflow has not from where the draft is: 409; a step not the caller's: 403.
    expect((await status(world.outsider, "reviewing")).status).toBe(403);
    expect((await status(world.member, "approved")).status).toBe(409);
    expect((await status(world.member, "reviewing")).body.document.draftStatus).toBe("reviewing");
    expect((await status(world.member, "approved")).status).toBe(403);

    // The plenary comments on a passage while reviewing; the group resolves.
    const comments = `${world.base}/documents/${draft.id}/comments`;
    expect(
      (await world.outsider.browser.post(comments, { quote: "3日以内", body: "休日を含みますか？" })).status,
    ).toBe(201);
    expect((await world.observer.browser.post(comments, { body: "意見" })).status).toBe(403);
    const list = await world.member.browser.get<{
      comments: { id: string; quote: string; resolved: boolean }[];
    }>(comments);
    expect(list.body.comments).toMatchObject([{ quote: "3日以内", resolved: false }]);
    expect(
      (await world.outsider.browser.post(`${comments}/${list.body.comments[0].id}/resolve`, {})).status,
    ).toBe(403);
    expect(
      (await world.member.browser.post(`${comments}/${list.body.comments[0].id}/resolve`, {})).status,
    ).toBe(200);

    // Before the plenary only the secretariat still writes; approval locks it for them too.
    const writer = open(draft.docName, world.admin.browser.cookie);
    await writer.synced();
    const approved = await status(world.admin, "approved");
    expect(approved.body.document).toMatchObject({ draftStatus: "approved", access: "read" });
    // The group still resolves the plenary's comments on the approved text it no longer edits;
    // only the secretariat publishes it.
    const asMember = await world.member.browser.get<{ document: Doc }>(`${world.base}/documents/${draft.id}`);
    expect(asMember.body.document.abilities).toMatchObject({
      read: true,
      edit: false,
      comment: true,
      resolveComments: true,
      publish: false,
    });
    const asObserver = await world.observer.browser.get<{ document: Doc }>(
      `${world.base}/documents/${draft.id}`,
    );
    expect(asObserver.body.document.abilities).toMatchObject({
      read: true,
      comment: false,
      resolveComments: false,
    });
    expect(approved.body.document.abilities).toMatchObject({
      publish: true,
      unpublish: false,
      approve: false,
    });
    await vi.waitFor(
      () =>
        expect(
          writer.closes.map((c) => c.code),
          "the writer downgraded",
        ).toContain(4403),
      soon,
    );
    writer.provider.connect();
    await vi.waitFor(
      () => expect(writer.provider.wsconnected && writer.provider.synced, "reconnected").toBe(true),
      soon,
    );
    writer.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [new Y.XmlText("承認後の改ざん")]);
    // Handled by the server, and not stored: the connection is read-only now.
    expect(await writer.acknowledged()).toBe(false);
    await server.collab.flush();
    expect(
      (await storedDocument(server.ctx.db, draft.docName)).getXmlFragment(RICH_TEXT_FIELD).toString(),
    ).not.toContain("承認後の改ざん");
    expect(
      await server.ctx.db.get("SELECT reason, label FROM doc_versions WHERE doc_name = ?", [draft.docName]),
    ).toEqual({
      reason: "approval",
      label: "承認版",
    });

    const published = await status(world.admin, "published");
    const publicId = published.body.document.publicId;
    expect(publicId).toMatch(/^[a-z0-9]+$/);
    const page = await fetch(`${server.origin}/p/${publicId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>入退院支援ルール（案）</h1>");
    expect(html).toContain("<h2>入院時の連携</h2>");
    expect(html).toContain("流山市");
    expect((await status(world.admin, "approved")).body.document.publicId).toBeNull();
    expect((await fetch(`${server.origin}/p/${publicId}`)).status).toBe(404);
    // Each step is recorded with who took it, in which workspace, from where.
    const steps = await server.ctx.db.all<{
      workspace_id: string;
      actor_user_id: string;
      ip: string;
      detail: string;
    }>(
      "SELECT workspace_id, actor_user_id, ip, detail FROM audit_log WHERE event = 'draft.status_changed' AND target = ? ORDER BY id",
      [draft.docName],
    );
    expect(steps.map((e) => [e.actor_user_id, JSON.parse(e.detail)])).toEqual([
      [world.member.id, { from: "drafting", to: "reviewing" }],
      [world.admin.id, { from: "reviewing", to: "approved" }],
      [world.admin.id, { from: "approved", to: "published" }],
      [world.admin.id, { from: "published", to: "approved" }],
    ]);
    for (const e of steps)
      expect(e).toMatchObject({ workspace_id: world.workspaceId, ip: expect.stringMatching(/\S/) });
  });

  it("escapes text on the public page", async ({ server, world, open }) => {
    const created = await world.admin.browser.post<{ document: Doc }>(`${world.base}/documents`, {
      kind: "draft",
      title: "<script>alert(1)</script>",
    });
    const draft = created.body.document;
    const writer = open(draft.docName, world.admin.browser.cookie);
    await writer.synced();
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText('<img src=x onerror="alert(1)">')]);
    writer.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [p]);
    await server.collab.flush();
    for (const s of ["reviewing", "approved", "published"]) {
      await world.admin.browser.post(`${world.base}/documents/${draft.id}/status`, { status: s });
    }
    const doc = (await world.admin.browser.get<{ document: Doc }>(`${world.base}/documents/${draft.id}`)).body
      .document;
    const html = await (await fetch(`${server.origin}/p/${doc.publicId}`)).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});

import { describe, expect } from "vitest";
import { createDocument, createWorkspace } from "../testing/fixtures.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

interface Doc {
  id: string;
  docName: string;
  access: string;
  groupId: string | null;
}

describe("documents", () => {
  it("are listed with each person's access", async ({ server, world: w }) => {
    const wide = await createDocument(server.ctx.kysely, w.workspaceId, { title: "推進会議メモ" });
    const team = await createDocument(server.ctx.kysely, w.workspaceId, {
      title: "入退院支援ルール（案）",
      groupId: w.groupId,
    });
    const accessOf = async (p: WorkspaceWorld["member"]) => {
      const res = await p.browser.get<{ documents: Doc[] }>(`${w.base}/documents`);
      return Object.fromEntries(res.body.documents.map((d) => [d.id, d.access]));
    };
    expect(await accessOf(w.admin)).toEqual({ [wide.id]: "write", [team.id]: "write" });
    expect(await accessOf(w.member)).toEqual({ [wide.id]: "write", [team.id]: "write" });
    expect(await accessOf(w.outsider)).toEqual({ [wide.id]: "write", [team.id]: "read" });
    expect(await accessOf(w.observer)).toEqual({ [wide.id]: "read", [team.id]: "read" });
  });

  it("are created with a docName for the collab endpoint, per the policy", async ({ server, world: w }) => {
    const res = await w.member.browser.post<{ document: Doc }>(`${w.base}/documents`, {
      title: "急変時対応シート（案）",
      kind: "draft",
      groupId: w.groupId,
    });
    expect(res.status).toBe(201);
    // What people write is their own: only the demo's made-up texts are marked demo.
    expect(res.body.document).toMatchObject({ access: "write", groupId: w.groupId, demo: false });
    expect(res.body.document.docName).toBe(`${w.workspaceId}.${res.body.document.id}`);
    const one = await w.observer.browser.get<{ document: Doc }>(
      `${w.base}/documents/${res.body.document.id}`,
    );
    expect(one.body.document.access).toBe("read");
    const audit = await server.ctx.db.get<{
      workspace_id: string;
      actor_user_id: string;
      target: string;
      ip: string;
      detail: string;
    }>(
      "SELECT workspace_id, actor_user_id, target, ip, detail FROM audit_log WHERE event = 'document.created'",
    );
    expect(audit).toMatchObject({
      workspace_id: w.workspaceId,
      actor_user_id: w.member.id,
      target: res.body.document.docName,
      ip: expect.stringMatching(/\S/),
    });
    expect(JSON.parse(audit?.detail ?? "")).toEqual({
      title: "急変時対応シート（案）",
      kind: "draft",
      groupId: w.groupId,
    });
  });

  it("refuse bad input, observers and other groups", async ({ server, world: w }) => {
    const bad = await w.member.browser.post(`${w.base}/documents`, {
      title: " ",
      kind: "poem",
      groupId: "zzzzzzzzzzzz",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { fields: { title: "required", kind: "unknown", groupId: "unknown" } },
    });
    expect(
      (await w.observer.browser.post(`${w.base}/documents`, { title: "メモ", kind: "note" })).status,
    ).toBe(403);
    expect(
      (
        await w.outsider.browser.post(`${w.base}/documents`, {
          title: "メモ",
          kind: "note",
          groupId: w.groupId,
        })
      ).status,
    ).toBe(403);
    const other = await createWorkspace(server.ctx.kysely, { name: "柏市", lgCode: "122173" });
    const foreign = await createDocument(server.ctx.kysely, other);
    expect((await w.member.browser.get(`${w.base}/documents/${foreign.id}`)).status).toBe(404);
  });

  it("audit every refused access: a forbidden action, a document without access, another workspace", async ({
    server,
    world: w,
  }) => {
    const team = await createDocument(server.ctx.kysely, w.workspaceId, {
      title: "班の資料",
      groupId: w.groupId,
    });
    expect((await w.observer.browser.post(`${w.base}/documents`, { title: "閲覧者の文書" })).status).toBe(
      403,
    );
    expect(
      (await w.outsider.browser.post(`${w.base}/documents/${team.id}/versions`, { label: "版" })).status,
    ).toBe(403);
    const otherId = await createWorkspace(server.ctx.kysely, { name: "柏市", lgCode: "122173" });
    expect((await w.member.browser.get(`/api/workspaces/${otherId}/documents`)).status).toBe(404);
    const refused = await server.ctx.db.all<{ actor_user_id: string; target: string; detail: string }>(
      "SELECT actor_user_id, target, detail FROM audit_log WHERE event = 'access.refused' ORDER BY id",
    );
    expect(refused.map((r) => [r.actor_user_id, r.target, JSON.parse(r.detail).code])).toEqual([
      [w.observer.id, `${w.base}/documents`, "forbidden"],
      [w.outsider.id, `${w.base}/documents/${team.id}/versions`, "forbidden"],
      [w.member.id, `/api/workspaces/${otherId}/documents`, "workspace.notFound"],
    ]);
  });
});

import { describe, expect } from "vitest";
import { auditEntries, byPerson } from "../testing/audit-entries.js";
import { createUser, createWorkspace, TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it } from "../testing/workspace-world.js";

describe("workspace", () => {
  it("shows members their role and what the policy lets them do", async ({ world: w }) => {
    const res = await w.member.browser.get<{
      role: string;
      can: Record<string, boolean>;
      groupIds: string[];
    }>(w.base);
    expect(res.status).toBe(200);
    expect(res.body.role).toBe("member");
    expect(res.body.groupIds).toEqual([w.groupId]);
    expect(res.body.can).toMatchObject({
      "documents.create": true,
      "members.manage": false,
      "audit.read": false,
    });
  });

  it("answers 404 to people outside the workspace and 401 without a session", async ({
    server,
    world: w,
  }) => {
    const other = await createWorkspace(server.ctx.kysely, { name: "柏市", lgCode: "122173" });
    const stranger = await createUser(server.ctx.kysely, { workspaceId: other });
    const browser = new TestBrowser(server.origin);
    expect((await browser.get(w.base)).status).toBe(401);
    await browser.login(stranger.email, TEST_PASSWORD);
    const res = await browser.get(w.base);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: "workspace.notFound" } });
    expect((await browser.get(`${w.base}/documents`)).status).toBe(404);
  });

  it("lets only the secretariat change the LG code, validated with its check digit and prefecture", async ({
    server,
    world: w,
  }) => {
    expect((await w.member.browser.patch(w.base, { name: "流山市（改）" })).status).toBe(403);
    const badDigit = await w.admin.browser.patch(w.base, { lgCode: "122204" });
    expect(badDigit.status).toBe(400);
    expect(badDigit.body).toMatchObject({ error: { fields: { lgCode: "check-digit" } } });
    const wrongPrefecture = await w.admin.browser.patch(w.base, { lgCode: "131016" });
    expect(wrongPrefecture.body).toMatchObject({ error: { fields: { lgCode: "prefectureMismatch" } } });
    const ok = await w.admin.browser.patch(w.base, {
      name: "千代田区",
      prefecture: "東京都",
      lgCode: "131016",
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ workspace: { name: "千代田区", lgCode: "131016" } });
    expect(await auditEntries(server.ctx.kysely, "workspace.updated")).toEqual([
      {
        ...byPerson(w.workspaceId, w.admin.id),
        target: null,
        detail: { name: "千代田区", prefecture: "東京都", lgCode: "131016" },
      },
    ]);
  });
});

describe("audit log", () => {
  it("is readable by the secretariat only, newest first, and refuses edits", async ({ server, world: w }) => {
    await w.admin.browser.patch(`${w.base}/members/${w.outsider.id}`, { role: "coordinator" });
    expect((await w.member.browser.get(`${w.base}/audit`)).status).toBe(403);
    const res = await w.admin.browser.get<{ entries: { id: number; event: string; actorUserId: string }[] }>(
      `${w.base}/audit`,
    );
    expect(res.status).toBe(200);
    // Newest first: the member's refused read, then the role change.
    expect(res.body.entries[0]).toMatchObject({ event: "access.refused", actorUserId: w.member.id });
    expect(res.body.entries[1]).toMatchObject({ event: "member.role_changed", actorUserId: w.admin.id });
    // Logins of members are part of their workspace's log.
    expect(res.body.entries.some((e) => e.event === "login.success" && e.actorUserId === w.member.id)).toBe(
      true,
    );
    const ids = res.body.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await expect(server.ctx.db.run("UPDATE audit_log SET event = 'x'")).rejects.toThrow(/append-only/);
    await expect(server.ctx.db.run("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });
});

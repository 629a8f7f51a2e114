import { describe, expect } from "vitest";
import { auditEntries, byPerson } from "../testing/audit-entries.js";
import { workspaceTest as it } from "../testing/workspace-world.js";

describe("members", () => {
  it("lists members with roles and groups", async ({ world: w }) => {
    const res = await w.observer.browser.get<{
      members: { userId: string; role: string; groupIds: string[] }[];
    }>(`${w.base}/members`);
    expect(res.status).toBe(200);
    expect(res.body.members).toHaveLength(4);
    expect(res.body.members.find((m) => m.userId === w.member.id)).toMatchObject({
      role: "member",
      groupIds: [w.groupId],
    });
  });

  it("lets the secretariat change a role, audits it and announces it to open sockets", async ({
    server,
    world: w,
  }) => {
    expect(
      (await w.member.browser.patch(`${w.base}/members/${w.outsider.id}`, { role: "observer" })).status,
    ).toBe(403);
    const res = await w.admin.browser.patch(`${w.base}/members/${w.outsider.id}`, { role: "observer" });
    expect(res.status).toBe(204);
    const role = await server.ctx.db.get<{ role: string }>("SELECT role FROM memberships WHERE user_id = ?", [
      w.outsider.id,
    ]);
    expect(role?.role).toBe("observer");
    expect(w.events).toContainEqual({
      type: "user-access-changed",
      userId: w.outsider.id,
      workspaceId: w.workspaceId,
    });
    expect(await auditEntries(server.ctx.kysely, "member.role_changed")).toEqual([
      {
        ...byPerson(w.workspaceId, w.admin.id),
        target: w.outsider.id,
        detail: { from: "member", to: "observer" },
      },
    ]);
    expect((await w.admin.browser.patch(`${w.base}/members/${w.outsider.id}`, { role: "king" })).status).toBe(
      400,
    );
  });

  it("keeps a secretariat when two of them demote or disable each other at the same moment", async ({
    server,
    world: w,
  }) => {
    const second = w.outsider;
    expect(
      (await w.admin.browser.patch(`${w.base}/members/${second.id}`, { role: "secretariat" })).status,
    ).toBe(204);
    const active = async () =>
      (
        await server.ctx.db.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM memberships WHERE workspace_id = ? AND role = 'secretariat' AND disabled_at IS NULL",
          [w.workspaceId],
        )
      )?.n;
    const demotions = await Promise.all([
      w.admin.browser.patch(`${w.base}/members/${second.id}`, { role: "member" }),
      second.browser.patch(`${w.base}/members/${w.admin.id}`, { role: "member" }),
    ]);
    expect(demotions.filter((r) => r.status === 204)).toHaveLength(1);
    expect(demotions.every((r) => [204, 403, 409].includes(r.status))).toBe(true);
    expect(await active()).toBe(1);

    // Back to two secretariats, then both disable the other at once.
    const [winner] = demotions[0].status === 204 ? [w.admin] : [second];
    const loser = winner === w.admin ? second : w.admin;
    expect(
      (await winner.browser.patch(`${w.base}/members/${loser.id}`, { role: "secretariat" })).status,
    ).toBe(204);
    const disables = await Promise.all([
      winner.browser.patch(`${w.base}/members/${loser.id}`, { disabled: true }),
      loser.browser.patch(`${w.base}/members/${winner.id}`, { disabled: true }),
    ]);
    // The other is refused: 403 if it got past the workspace guard before the winner's commit,
    // 404 if after it, 401 if after the winner also ended the disabled person's sessions (the
    // winner's request does that after its commit; on PostgreSQL, each step a round trip, the
    // other request can start that late under load).
    expect(disables.filter((r) => r.status === 204)).toHaveLength(1);
    expect(disables.map((r) => r.status).filter((s) => ![204, 401, 403, 404].includes(s))).toEqual([]);
    expect(await active()).toBe(1);
  });

  it("ends a disabled secretariat's sessions before they can disable the one who disabled them", async ({
    world: w,
  }) => {
    const second = w.outsider;
    expect(
      (await w.admin.browser.patch(`${w.base}/members/${second.id}`, { role: "secretariat" })).status,
    ).toBe(204);
    // The latest of the orders two simultaneous requests can take: one finished before the other starts.
    expect((await w.admin.browser.patch(`${w.base}/members/${second.id}`, { disabled: true })).status).toBe(
      204,
    );
    const late = await second.browser.patch(`${w.base}/members/${w.admin.id}`, { disabled: true });
    expect(late.status).toBe(401);
    expect((await w.admin.browser.get(`${w.base}/members`)).status).toBe(200);
  });

  it("never demotes the last secretariat", async ({ world: w }) => {
    const res = await w.admin.browser.patch(`${w.base}/members/${w.admin.id}`, { role: "member" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: "member.lastSecretariat" } });
  });

  it("disabling a member ends their sessions and access; the secretariat cannot disable itself", async ({
    server,
    world: w,
  }) => {
    expect((await w.admin.browser.patch(`${w.base}/members/${w.admin.id}`, { disabled: true })).status).toBe(
      403,
    );
    expect((await w.admin.browser.patch(`${w.base}/members/${w.member.id}`, { disabled: true })).status).toBe(
      204,
    );
    expect((await w.member.browser.get("/api/auth/me")).status).toBe(401);
    expect(w.events.some((e) => e.type === "sessions-ended")).toBe(true);
    const members = await w.admin.browser.get<{ members: { userId: string; disabled: boolean }[] }>(
      `${w.base}/members`,
    );
    expect(members.body.members.find((m) => m.userId === w.member.id)?.disabled).toBe(true);
    // Re-enabled, the account works again after a new login.
    expect(
      (await w.admin.browser.patch(`${w.base}/members/${w.member.id}`, { disabled: false })).status,
    ).toBe(204);
    expect((await w.member.browser.login(w.member.email, "correct horse battery")).status).toBe(200);
    expect((await w.member.browser.get(w.base)).status).toBe(200);
    for (const event of ["member.disabled", "member.enabled"])
      expect(await auditEntries(server.ctx.kysely, event)).toEqual([
        { ...byPerson(w.workspaceId, w.admin.id), target: w.member.id, detail: {} },
      ]);
  });

  it("ends a member's sessions on request", async ({ server, world: w }) => {
    expect((await w.admin.browser.post(`${w.base}/members/${w.observer.id}/end-sessions`)).status).toBe(204);
    expect(await auditEntries(server.ctx.kysely, "member.sessions_ended")).toEqual([
      { ...byPerson(w.workspaceId, w.admin.id), target: w.observer.id, detail: { count: 1 } },
    ]);
    expect((await w.observer.browser.get("/api/auth/me")).status).toBe(401);
    expect((await w.admin.browser.post(`${w.base}/members/zzzzzzzzzzzz/end-sessions`)).status).toBe(404);
  });

  it("tell each person what they may do to each member", async ({ world: w }) => {
    type Listed = { members: { userId: string; abilities: Record<string, boolean> }[] };
    const of = (list: Listed, id: string) => list.members.find((m) => m.userId === id)?.abilities;
    const asAdmin = (await w.admin.browser.get<Listed>(`${w.base}/members`)).body;
    expect(of(asAdmin, w.member.id)).toEqual({
      changeRole: true,
      disable: true,
      enable: false,
      endSessions: true,
    });
    expect(of(asAdmin, w.admin.id)).toMatchObject({ disable: false, enable: false });
    const asObserver = (await w.observer.browser.get<Listed>(`${w.base}/members`)).body;
    expect(asObserver.members.every((m) => !Object.values(m.abilities).some(Boolean))).toBe(true);
  });
});

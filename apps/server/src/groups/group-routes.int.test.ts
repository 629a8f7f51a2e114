import { describe, expect } from "vitest";
import { auditEntries, byPerson } from "../testing/audit-entries.js";
import { createDocument } from "../testing/fixtures.js";
import { workspaceTest as it } from "../testing/workspace-world.js";

describe("groups", () => {
  it("are created by the secretariat with a kind and a unique name", async ({ world: w }) => {
    expect(
      (await w.member.browser.post(`${w.base}/groups`, { name: "市民啓発班", kind: "team" })).status,
    ).toBe(403);
    const created = await w.admin.browser.post<{ group: { id: string } }>(`${w.base}/groups`, {
      name: "研修・啓発部会",
      kind: "division",
    });
    expect(created.status).toBe(201);
    expect(
      (await w.admin.browser.post(`${w.base}/groups`, { name: "研修・啓発部会", kind: "team" })).status,
    ).toBe(409);
    const bad = await w.admin.browser.post(`${w.base}/groups`, { name: "", kind: "club" });
    expect(bad.body).toMatchObject({ error: { fields: { name: "required", kind: "unknown" } } });
    const renamed = await w.admin.browser.patch(`${w.base}/groups/${created.body.group.id}`, {
      name: "研修部会",
    });
    expect(renamed.status).toBe(200);
    const list = await w.observer.browser.get<{ groups: { name: string; kind: string }[] }>(
      `${w.base}/groups`,
    );
    expect(list.body.groups.map((g) => g.name)).toEqual(["病診施連携班", "研修部会"]);
  });

  it("membership changes are audited and announced", async ({ server, world: w }) => {
    const path = `${w.base}/groups/${w.groupId}/members/${w.outsider.id}`;
    expect((await w.admin.browser.put(path)).status).toBe(204);
    expect(w.events).toContainEqual({
      type: "user-access-changed",
      userId: w.outsider.id,
      workspaceId: w.workspaceId,
    });
    const me = await w.outsider.browser.get<{ groupIds: string[] }>(w.base);
    expect(me.body.groupIds).toEqual([w.groupId]);
    expect((await w.admin.browser.delete(path)).status).toBe(204);
    const events = await server.ctx.db.all<{ event: string }>(
      "SELECT event FROM audit_log WHERE event LIKE 'group.member%'",
    );
    expect(events.map((e) => e.event)).toEqual(["group.member_added", "group.member_removed"]);
    const group = await server.ctx.db.get<{ name: string }>("SELECT name FROM groups WHERE id = ?", [
      w.groupId,
    ]);
    for (const event of ["group.member_added", "group.member_removed"])
      expect(await auditEntries(server.ctx.kysely, event)).toEqual([
        {
          ...byPerson(w.workspaceId, w.admin.id),
          target: w.outsider.id,
          detail: { groupId: w.groupId, group: group?.name },
        },
      ]);
  });

  it("a group that owns documents cannot be deleted; an empty one can", async ({ server, world: w }) => {
    await createDocument(server.ctx.kysely, w.workspaceId, { groupId: w.groupId });
    const refused = await w.admin.browser.delete(`${w.base}/groups/${w.groupId}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "group.hasDocuments" } });
    const empty = await w.admin.browser.post<{ group: { id: string } }>(`${w.base}/groups`, {
      name: "臨時班",
      kind: "team",
    });
    expect((await w.admin.browser.delete(`${w.base}/groups/${empty.body.group.id}`)).status).toBe(204);
  });

  it("tell each person what they may do to each group, and refuse names that are blank or too long", async ({
    world: w,
  }) => {
    type Listed = { groups: { id: string; memberIds: string[]; abilities: Record<string, boolean> }[] };
    const asAdmin = await w.admin.browser.get<Listed>(`${w.base}/groups`);
    expect(asAdmin.body.groups[0].abilities).toEqual({
      update: true,
      delete: true,
      addMember: true,
      removeMember: true,
      createDocument: true,
      createMeeting: true,
      createEvent: true,
    });
    const asMember = await w.member.browser.get<Listed>(`${w.base}/groups`);
    // A member keeps no group; they write the documents of their own groups only.
    for (const group of asMember.body.groups)
      expect(group.abilities, group.id).toEqual({
        update: false,
        delete: false,
        addMember: false,
        removeMember: false,
        createDocument: group.memberIds.includes(w.member.id),
        createMeeting: group.memberIds.includes(w.member.id),
        createEvent: group.memberIds.includes(w.member.id),
      });
    expect(asMember.body.groups.some((g) => g.abilities.createDocument)).toBe(true);

    const blank = await w.admin.browser.post(`${w.base}/groups`, { name: "   ", kind: "team" });
    expect(blank.body).toMatchObject({ error: { code: "validation", fields: { name: "required" } } });
    const long = await w.admin.browser.patch(`${w.base}/groups/${w.groupId}`, { name: "班".repeat(101) });
    expect(long.body).toMatchObject({
      error: { code: "validation", message: "入力内容に誤りがあります。", fields: { name: "tooLong" } },
    });
    const trimmed = await w.admin.browser.patch<{ group: { name: string; memberIds: string[] } }>(
      `${w.base}/groups/${w.groupId}`,
      { name: "  多職種連携班  " },
    );
    expect(trimmed.body.group).toMatchObject({ name: "多職種連携班", memberIds: [w.member.id] });
  });

  it("sit under a parent group of the same workspace (部会 → 班), never under themselves or their own", async ({
    server,
    world: w,
  }) => {
    type Result = { group: { id: string; parentId: string | null } };
    const plenary = await w.admin.browser.post<Result>(`${w.base}/groups`, {
      name: "全体会",
      kind: "plenary",
    });
    const division = await w.admin.browser.post<Result>(`${w.base}/groups`, {
      name: "多職種連携・体制構築部会",
      kind: "division",
      parentId: plenary.body.group.id,
    });
    expect(division.status).toBe(201);
    expect(division.body.group.parentId).toBe(plenary.body.group.id);
    const team = await w.admin.browser.patch<Result>(`${w.base}/groups/${w.groupId}`, {
      parentId: division.body.group.id,
    });
    expect(team.body.group.parentId).toBe(division.body.group.id);

    // The 全体会 cannot go under its own 班, nor under itself.
    const cycle = await w.admin.browser.patch(`${w.base}/groups/${plenary.body.group.id}`, {
      parentId: w.groupId,
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body).toMatchObject({ error: { code: "validation", fields: { parentId: "groupCycle" } } });
    const self = await w.admin.browser.patch(`${w.base}/groups/${plenary.body.group.id}`, {
      parentId: plenary.body.group.id,
    });
    expect(self.body).toMatchObject({ error: { fields: { parentId: "groupCycle" } } });
    const unknown = await w.admin.browser.post(`${w.base}/groups`, {
      name: "他市の班",
      kind: "team",
      parentId: "zzzzzzzzzzzzzzzzzzzzzzzz",
    });
    expect(unknown.body).toMatchObject({ error: { fields: { parentId: "unknown" } } });
    const malformed = await w.admin.browser.post(`${w.base}/groups`, {
      name: "他市の班",
      kind: "team",
      parentId: "../x",
    });
    expect(malformed.body).toMatchObject({ error: { fields: { parentId: "unknown" } } });
    // Members may not move groups.
    expect((await w.member.browser.patch(`${w.base}/groups/${w.groupId}`, { parentId: null })).status).toBe(
      403,
    );

    // The audit names the parent; deleting a parent leaves its groups without one.
    const updated = await server.ctx.db.get<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE event = 'group.updated' ORDER BY id DESC LIMIT 1",
    );
    expect(JSON.parse(updated?.detail ?? "{}")).toMatchObject({
      parentId: division.body.group.id,
      parent: "多職種連携・体制構築部会",
    });
    expect((await w.admin.browser.delete(`${w.base}/groups/${division.body.group.id}`)).status).toBe(204);
    const list = await w.observer.browser.get<{ groups: { id: string; parentId: string | null }[] }>(
      `${w.base}/groups`,
    );
    expect(list.body.groups.find((g) => g.id === w.groupId)?.parentId).toBeNull();
  });
});

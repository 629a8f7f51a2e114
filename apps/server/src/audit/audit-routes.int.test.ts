import type { AuditList } from "@tsumugi/contract";
import { describe, expect } from "vitest";
import type { TestServer } from "../testing/fixtures.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

const audit = async (w: WorkspaceWorld, query = "") => {
  const res = await w.admin.browser.get<AuditList>(`${w.base}/audit${query}`);
  expect(res.status).toBe(200);
  return res.body.entries;
};

const nameOf = async (server: TestServer, userId: string) =>
  (await server.ctx.db.get<{ name: string }>("SELECT name FROM users WHERE id = ?", [userId]))?.name;

describe("the audit log as the secretariat reads it", () => {
  it("names who acted and what they acted on, and the ids inside the detail", async ({
    server,
    world: w,
  }) => {
    const created = await w.admin.browser.post<{ group: { id: string } }>(`${w.base}/groups`, {
      name: "市民啓発班",
      kind: "team",
    });
    const gid = created.body.group.id;
    expect((await w.admin.browser.put(`${w.base}/groups/${gid}/members/${w.outsider.id}`)).status).toBe(204);
    const doc = await w.admin.browser.post<{ document: { id: string } }>(`${w.base}/documents`, {
      title: "入退院支援ルール（案）",
      kind: "note",
      groupId: gid,
    });
    expect(doc.status).toBe(201);
    expect(
      (await w.admin.browser.patch(`${w.base}/members/${w.member.id}`, { role: "observer" })).status,
    ).toBe(204);
    expect((await w.admin.browser.delete(`${w.base}/groups/${gid}/members/${w.outsider.id}`)).status).toBe(
      204,
    );

    // A group deleted since: its entries keep the name they recorded.
    const gone = await w.admin.browser.post<{ group: { id: string } }>(`${w.base}/groups`, {
      name: "解散した班",
      kind: "team",
    });
    expect((await w.admin.browser.delete(`${w.base}/groups/${gone.body.group.id}`)).status).toBe(204);

    const entries = await audit(w);
    expect(entries.find((e) => e.event === "group.deleted")).toMatchObject({ targetName: "解散した班" });
    const adminName = await nameOf(server, w.admin.id);
    const added = entries.find((e) => e.event === "group.member_added");
    expect(added).toMatchObject({
      actorName: adminName,
      targetKind: "user",
      targetName: await nameOf(server, w.outsider.id),
      names: { [gid]: "市民啓発班" },
    });
    const group = entries.find((e) => e.event === "group.created" && e.target === gid);
    expect(group).toMatchObject({ targetKind: "group", targetName: "市民啓発班" });
    const document = entries.find((e) => e.event === "document.created");
    expect(document).toMatchObject({
      targetKind: "document",
      targetName: "入退院支援ルール（案）",
      names: { [gid]: "市民啓発班" },
    });
    const role = entries.find((e) => e.event === "member.role_changed");
    expect(role).toMatchObject({
      targetName: await nameOf(server, w.member.id),
      detail: { from: "member", to: "observer" },
    });
    // Logins carry no workspace but are shown, with the person's name.
    const login = entries.find((e) => e.event === "login.success" && e.actorUserId === w.member.id);
    expect(login?.actorName).toBe(await nameOf(server, w.member.id));
    // No event code is left without a name where an id was recorded.
    for (const e of entries) {
      if (e.actorUserId) expect(e.actorName, e.event).not.toBeNull();
    }
  });

  it("filters by person, kind and Japan dates, and refuses bad filters in Japanese", async ({
    server,
    world: w,
  }) => {
    await w.admin.browser.post(`${w.base}/groups`, { name: "専門職研修班", kind: "team" });
    expect((await w.observer.browser.get(`${w.base}/audit`)).status).toBe(403);

    const byMember = await audit(w, `?actor=${w.member.id}`);
    expect(byMember.length).toBeGreaterThan(0);
    expect(byMember.every((e) => e.actorUserId === w.member.id)).toBe(true);

    const groups = await audit(w, "?kind=groups");
    expect(groups.map((e) => e.event)).toEqual(["group.created"]);
    const accounts = await audit(w, "?kind=account");
    expect(accounts.length).toBeGreaterThanOrEqual(4);
    expect(accounts.every((e) => e.event.startsWith("login.") || e.event === "logout")).toBe(true);

    // Entries of a given Japan day: stamp one at 23:30 and one at 00:30 Japan time.
    const day = Date.UTC(2024, 4, 24, 15, 0); // 2024-05-25 00:00 in Japan
    await server.ctx.db.run(
      "INSERT INTO audit_log (at, workspace_id, actor_user_id, event, target, detail) VALUES (?, ?, ?, 'group.deleted', NULL, '{\"name\":\"前日の班\"}'), (?, ?, ?, 'group.deleted', NULL, '{\"name\":\"当日の班\"}'), (?, ?, ?, 'group.deleted', NULL, '{\"name\":\"翌日の班\"}')",
      [
        day - 30 * 60_000,
        w.workspaceId,
        w.admin.id,
        day + 30 * 60_000,
        w.workspaceId,
        w.admin.id,
        day + 24 * 3_600_000 + 60_000,
        w.workspaceId,
        w.admin.id,
      ],
    );
    const onDay = await audit(w, "?from=2024-05-25&to=2024-05-25");
    expect(onDay.map((e) => e.detail.name)).toEqual(["当日の班"]);
    const fromDay = await audit(w, "?from=2024-05-25&kind=groups");
    expect(fromDay.map((e) => e.detail.name ?? e.event)).toContain("翌日の班");
    expect(fromDay.map((e) => e.detail.name)).not.toContain("前日の班");

    const bad = await w.admin.browser.get(`${w.base}/audit?kind=everything&from=2024-02-30&to=tomorrow`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: {
        message: "入力内容に誤りがあります。",
        fields: { kind: "unknown", from: "format", to: "format" },
      },
    });
  });
});

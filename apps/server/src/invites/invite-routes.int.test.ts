import { describe, expect } from "vitest";
import { auditEntries, byPerson } from "../testing/audit-entries.js";
import { createUser, TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

async function invite(w: WorkspaceWorld, body: Record<string, unknown> = { role: "member", groupIds: [] }) {
  const res = await w.admin.browser.post<{ invite: { id: string }; url: string }>(`${w.base}/invites`, body);
  expect(res.status).toBe(201);
  return { id: res.body.invite.id, token: res.body.url.split("/invite/")[1], url: res.body.url };
}

describe("invitations", () => {
  it("are created by the secretariat only", async ({ world: w }) => {
    for (const p of [w.member, w.observer]) {
      expect((await p.browser.post(`${w.base}/invites`, { role: "member", groupIds: [] })).status).toBe(403);
    }
    const bad = await w.admin.browser.post(`${w.base}/invites`, {
      role: "admin",
      groupIds: ["zzzzzzzzzzzz"],
      email: "x",
    });
    expect(bad.body).toMatchObject({
      error: { fields: { role: "unknown", groupIds: "unknown", email: "format" } },
    });
  });

  it("create an account with the preset role and groups, log in, and work once", async ({
    server,
    world: w,
  }) => {
    const { token, url } = await invite(w, {
      role: "coordinator",
      groupIds: [w.groupId],
      email: "new@example.jp",
    });
    expect(url.startsWith(server.url)).toBe(true);
    const guest = new TestBrowser(server.origin);
    const offer = await guest.get(`/api/invites/${token}`);
    expect(offer.body).toMatchObject({
      workspaceName: "流山市",
      role: "coordinator",
      groupNames: ["病診施連携班"],
      email: "new@example.jp",
    });
    const short = await guest.post(`/api/invites/${token}/accept`, { name: "新 委員", password: "short" });
    expect(short.body).toMatchObject({ error: { fields: { password: "password.tooShort" } } });
    const accepted = await guest.post(`/api/invites/${token}/accept`, {
      name: "新 委員",
      organization: "流山市薬剤師会",
      password: "a good long password",
      email: "ignored@example.jp",
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      user: { email: "new@example.jp", name: "新 委員" },
      workspaces: [{ role: "coordinator" }],
    });
    const me = await guest.get<{ groupIds: string[]; role: string }>(w.base);
    expect(me.body).toMatchObject({ role: "coordinator", groupIds: [w.groupId] });
    const again = await new TestBrowser(server.origin).post(`/api/invites/${token}/accept`, {
      name: "x",
      password: "another long password",
    });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ error: { code: "invite.used" } });
    const list = await w.admin.browser.get<{ invites: { status: string }[] }>(`${w.base}/invites`);
    expect(list.body.invites[0].status).toBe("used");
  });

  it("refuse expired, revoked and forged links", async ({ server, world: w }) => {
    const expired = await invite(w);
    await server.ctx.db.run("UPDATE invites SET expires_at = 1 WHERE id = ?", [expired.id]);
    const guest = new TestBrowser(server.origin);
    expect((await guest.get(`/api/invites/${expired.token}`)).body).toMatchObject({
      error: { code: "invite.expired" },
    });
    const revoked = await invite(w);
    expect((await w.admin.browser.delete(`${w.base}/invites/${revoked.id}`)).status).toBe(204);
    expect((await guest.get(`/api/invites/${revoked.token}`)).status).toBe(404);
    expect(await auditEntries(server.ctx.kysely, "invite.revoked")).toEqual([
      { ...byPerson(w.workspaceId, w.admin.id), target: revoked.id, detail: {} },
    ]);
    expect((await auditEntries(server.ctx.kysely, "invite.created")).map((e) => e.target)).toEqual([
      expired.id,
      revoked.id,
    ]);
    for (const entry of await auditEntries(server.ctx.kysely, "invite.created"))
      expect(entry).toMatchObject({
        ...byPerson(w.workspaceId, w.admin.id),
        detail: { role: "member", groupIds: [] },
      });
    const forged = `${revoked.token.split(".")[0]}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
    expect((await guest.get(`/api/invites/${forged}`)).body).toMatchObject({
      error: { code: "invite.invalid" },
    });
  });

  it("say what the secretariat may do with each: revoke while pending, and only then", async ({
    server,
    world: w,
  }) => {
    const pending = await invite(w);
    const used = await invite(w);
    const accepted = await new TestBrowser(server.origin).post(`/api/invites/${used.token}/accept`, {
      email: "used@example.jp",
      name: "使用 済",
      password: "a good long password",
    });
    expect(accepted.status).toBe(201);
    const list = await w.admin.browser.get<{
      invites: { id: string; status: string; abilities: { revoke: boolean } }[];
    }>(`${w.base}/invites`);
    expect(list.body.invites.map((i) => [i.id, i.status, i.abilities.revoke])).toEqual([
      [used.id, "used", false],
      [pending.id, "pending", true],
    ]);
    expect((await w.member.browser.get(`${w.base}/invites`)).status).toBe(403);
    expect((await w.member.browser.delete(`${w.base}/invites/${pending.id}`)).status).toBe(403);
    expect((await w.admin.browser.delete(`${w.base}/invites/${used.id}`)).body).toMatchObject({
      error: { code: "invite.notFound" },
    });
    expect((await w.admin.browser.delete(`${w.base}/invites/${pending.id}`)).status).toBe(204);
    expect((await w.admin.browser.delete(`${w.base}/invites/${pending.id}`)).status).toBe(404);
  });

  it("let an existing account join with its own password", async ({ server, world: w }) => {
    const existing = await createUser(server.ctx.kysely, { email: "known@example.jp", name: "既存 利用者" });
    const { token } = await invite(w, { role: "member", groupIds: [], email: "known@example.jp" });
    const guest = new TestBrowser(server.origin);
    const wrong = await guest.post(`/api/invites/${token}/accept`, { password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: "auth.invalid" } });
    const ok = await guest.post(`/api/invites/${token}/accept`, { password: TEST_PASSWORD });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ user: { id: existing.id, name: "既存 利用者" } });
  });

  it("throttle and audit password guesses through an open invite like logins", async ({
    server,
    world: w,
  }) => {
    const target = await createUser(server.ctx.kysely, { email: "target@example.jp", name: "標的 利用者" });
    const { token } = await invite(w, { role: "member", groupIds: [] });
    const guesser = new TestBrowser(server.origin);
    const guess = (password: string) =>
      guesser.post(`/api/invites/${token}/accept`, { email: "target@example.jp", password });
    for (let i = 0; i < 5; i++) expect((await guess(`guess ${i}`)).status).toBe(401);
    const blocked = await guess(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: { code: "auth.throttled" } });
    const failures = await server.ctx.db.all<{ actor_user_id: string; detail: string }>(
      "SELECT actor_user_id, detail FROM audit_log WHERE event = 'login.failure'",
    );
    expect(failures).toHaveLength(5);
    expect(
      failures.every((f) => f.actor_user_id === target.id && JSON.parse(f.detail).via === "invite"),
    ).toBe(true);
    // Nothing was joined: the invite is still unused.
    expect(
      await server.ctx.db.get("SELECT 1 FROM memberships WHERE user_id = ?", [target.id]),
    ).toBeUndefined();
  });

  it("answer alike for a registered and an unknown address through an open link (no enumeration)", async ({
    server,
    world: w,
  }) => {
    await createUser(server.ctx.kysely, { email: "known@example.jp", name: "既存 利用者" });
    const { token } = await invite(w, { role: "member", groupIds: [] });
    const guest = new TestBrowser(server.origin);
    const accept = (body: Record<string, unknown>) => guest.post(`/api/invites/${token}/accept`, body);
    const probes: Record<string, unknown>[] = [
      { password: "wrong password" },
      { password: "wrong password", mode: "existing" },
      { password: "x", name: "" },
      { password: "x", name: "", mode: "new" },
      { password: "wrong password", name: "試し 太郎", organization: "" },
    ];
    for (const probe of probes) {
      const known = await accept({ ...probe, email: "known@example.jp" });
      const unknown = await accept({ ...probe, email: "nobody@example.jp" });
      expect(unknown.status, JSON.stringify(probe)).toBe(known.status);
      expect(unknown.body, JSON.stringify(probe)).toEqual(known.body);
      expect(known.status).toBeGreaterThanOrEqual(400);
    }
    // Nothing was joined or created, and the link still works.
    expect(await server.ctx.db.get("SELECT 1 FROM users WHERE email = 'nobody@example.jp'")).toBeUndefined();
    expect((await guest.get(`/api/invites/${token}`)).status).toBe(200);
  });

  it("spend an open link on a complete new-account form for a registered address, without joining", async ({
    server,
    world: w,
  }) => {
    const known = await createUser(server.ctx.kysely, { email: "known@example.jp", name: "既存 利用者" });
    const { token } = await invite(w, { role: "member", groupIds: [] });
    const guest = new TestBrowser(server.origin);
    const res = await guest.post(`/api/invites/${token}/accept`, {
      mode: "new",
      email: "known@example.jp",
      name: "なりすまし",
      organization: "",
      password: "a long enough new pass phrase",
    });
    // Answering "taken" while keeping the link would let anyone test address after address.
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ error: { code: "invite.used" } });
    expect(
      await server.ctx.db.get("SELECT 1 FROM memberships WHERE user_id = ?", [known.id]),
    ).toBeUndefined();
    expect((await guest.get(`/api/invites/${token}`)).status).toBe(410);
    // The registered person, with their own password, joins through the same form as well.
    const second = await invite(w, { role: "member", groupIds: [] });
    const own = await new TestBrowser(server.origin).post(`/api/invites/${second.token}/accept`, {
      mode: "new",
      email: "known@example.jp",
      name: "既存 利用者",
      organization: "",
      password: TEST_PASSWORD,
    });
    expect(own.status).toBe(201);
  });
});

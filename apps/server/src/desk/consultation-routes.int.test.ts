import type { Actor } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import { deskTest as it, newConsultation } from "../testing/desk-world.js";
import { updateCase } from "./case-commands.js";
import { findCase } from "./case-repository.js";
import { updateConsultation } from "./consultation-commands.js";
import { findContact } from "./contact-repository.js";
import { findDesk } from "./desk-repository.js";

type Created = { consultation: { id: string; caseId: string; seq: number }; caseNo: number };
type CaseAnswer = {
  case: {
    id: string;
    caseNo: number;
    person: Record<string, string> | null;
    lastContactAt: string;
    anonymised: boolean;
    contacts: {
      id: string;
      seq: number;
      content: string;
      consulter: Record<string, string>;
      topics: string[];
    }[];
    abilities: Record<string, boolean>;
  };
};
type List = { consultations: Record<string, unknown>[]; total: number };

describe("consultation records", () => {
  it("are recorded by the desk's coordinator and read back, identifying fields only in the case (read logged)", async ({
    server,
    world: w,
    desk: d,
  }) => {
    const created = await d.coordinator.browser.post<Created>(
      `${w.base}/consultations`,
      newConsultation(d.deskId, {}, { name: "流山 花子" }),
    );
    expect(created.status).toBe(201);
    expect(created.body.caseNo).toBe(1);
    expect(created.body.consultation.seq).toBe(1);

    // The list answers coded fields only: nothing the coordinator typed as text.
    const list = await d.coordinator.browser.get<List>(`${w.base}/consultations`);
    expect(list.body.total).toBe(1);
    expect(list.body.consultations[0]).toMatchObject({
      caseNo: 1,
      method: "phone",
      consulterType: "careManager",
      topics: ["admission", "homeCareStart"],
      responses: ["information", "connect"],
      followUpStatus: "open",
      followUpDue: "2025-05-19",
      ageBand: "85to94",
    });
    const listed = JSON.stringify(list.body);
    for (const text of ["流山 花子", "中村", "ひまわり", "退院予定", "04-7150-1234"])
      expect(listed).not.toContain(text);

    const before = await server.ctx.db.all<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE event = 'record.read'",
    );
    const opened = await d.coordinator.browser.get<CaseAnswer>(
      `${w.base}/consultations/cases/${created.body.consultation.caseId}`,
    );
    expect(opened.status).toBe(200);
    expect(opened.body.case.person).toMatchObject({
      name: "流山 花子",
      kana: "ナガレヤマ ハナコ",
      birthDate: "1938-07-02",
    });
    expect(opened.body.case.contacts[0]).toMatchObject({
      content: "退院予定の利用者について、訪問診療をしてくれる医療機関を探している。",
      consulter: { name: "中村 恵子", organisation: "ひまわり居宅介護支援事業所" },
    });
    const reads = await server.ctx.db.all<{ actor_user_id: string; target: string; detail: string }>(
      "SELECT actor_user_id, target, detail FROM audit_log WHERE event = 'record.read' ORDER BY id",
    );
    expect(reads.length).toBe(before[0].n + 1);
    expect(reads.at(-1)).toMatchObject({
      actor_user_id: d.coordinator.id,
      target: `consultationCase:${created.body.consultation.caseId}`,
    });
    // The access log names the case, never the person.
    const log = await server.ctx.db.all<{ detail: string; target: string | null }>(
      "SELECT detail, target FROM audit_log",
    );
    expect(JSON.stringify(log)).not.toContain("花子");
  });

  it("are for the desk's coordinators and the secretariat only: members, observers, other desks and municipalities never", async ({
    server,
    world: w,
    desk: d,
  }) => {
    const created = await d.coordinator.browser.post<Created>(
      `${w.base}/consultations`,
      newConsultation(d.deskId),
    );
    const caseId = created.body.consultation.caseId;
    const casePath = `${w.base}/consultations/cases/${caseId}`;

    for (const person of [w.member, w.outsider, w.observer]) {
      expect((await person.browser.get(`${w.base}/consultations`)).status).toBe(403);
      expect((await person.browser.get(casePath)).status).toBe(403);
      expect((await person.browser.post(`${w.base}/consultations`, newConsultation(d.deskId))).status).toBe(
        403,
      );
      expect(
        (await person.browser.post(`${w.base}/consultations/search`, { name: "流山 花子" })).status,
      ).toBe(403);
      expect((await person.browser.get(`${w.base}/consultations/statistics?fy=2025`)).status).toBe(403);
      expect((await person.browser.get(`${w.base}/desks`)).status).toBe(403);
      const exported = await person.browser.post(`${w.base}/consultations/exports`, {
        kind: "records",
        format: "csv",
        fiscalYear: 2025,
        reason: "evaluation",
      });
      expect(exported.status).toBe(403);
    }
    // The coordinator of the other desk sees the desk's statistics but none of its records.
    const other = d.otherCoordinator.browser;
    expect((await other.get(casePath)).status).toBe(403);
    expect((await other.get<List>(`${w.base}/consultations`)).body.total).toBe(0);
    expect((await other.post(`${w.base}/consultations`, { ...newConsultation(d.deskId) })).status).toBe(403);
    expect(
      (
        await other.post(`${w.base}/consultations`, {
          ...newConsultation(d.otherDeskId),
          case: undefined,
          caseId,
        })
      ).body,
    ).toMatchObject({ error: { fields: { caseId: "unknown" } } });
    expect(
      (await other.patch(`${w.base}/consultations/${created.body.consultation.id}`, { minutes: 5 })).status,
    ).toBe(403);
    // Another municipality's secretariat and coordinator do not even find the workspace.
    for (const person of [d.elsewhere.admin, d.elsewhere.coordinator]) {
      expect((await person.browser.get(casePath)).status).toBe(404);
      expect((await person.browser.get(`${w.base}/consultations`)).status).toBe(404);
    }
    // …and their own desk holds none of ours.
    expect((await d.elsewhere.admin.browser.get<List>(`${d.elsewhere.base}/consultations`)).body.total).toBe(
      0,
    );
    // The secretariat keeps every desk's records.
    expect((await w.admin.browser.get(casePath)).status).toBe(200);
    expect((await w.admin.browser.get<List>(`${w.base}/consultations`)).body.total).toBe(1);
    // Every refusal is in the access log.
    const refused = await server.ctx.db.all<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE event = 'access.refused' AND target LIKE '%/consultations%'",
    );
    expect(refused[0].n).toBeGreaterThanOrEqual(18);
  });

  it("refuse bad input field by field in codes the web shows in Japanese, and write nothing", async ({
    server,
    world: w,
    desk: d,
  }) => {
    const post = (body: Record<string, unknown>) =>
      d.coordinator.browser.post(`${w.base}/consultations`, body);
    const count = async () =>
      (
        await server.ctx.db.get<{ n: number }>(
          "SELECT (SELECT COUNT(*) FROM consultations) + (SELECT COUNT(*) FROM consultation_cases) AS n",
        )
      )?.n;

    const future = await post(newConsultation(d.deskId, { receivedAt: "2099-01-01T09:00" }));
    expect(future.body).toMatchObject({ error: { code: "validation", fields: { receivedAt: "future" } } });
    const codes = await post(
      newConsultation(d.deskId, { method: "pigeon", topics: ["admission", "telepathy"], consulterType: "x" }),
    );
    expect(codes.body).toMatchObject({
      error: { fields: { method: "unknown", "topics.1": "unknown", consulterType: "unknown" } },
    });
    const long = await post(
      newConsultation(d.deskId, { content: "あ".repeat(4001) }, { name: "名".repeat(101) }),
    );
    expect(long.body).toMatchObject({
      error: { fields: { content: "tooLong", "case.person.name": "tooLong" } },
    });
    const empty = await post(
      newConsultation(d.deskId, { content: "  ", topics: [], responses: ["connect", "connect"] }),
    );
    expect(empty.body).toMatchObject({
      error: { fields: { content: "required", topics: "required", responses: "duplicate" } },
    });
    const birth = await post(newConsultation(d.deskId, {}, { birthDate: "2099-02-01" }));
    expect(birth.body).toMatchObject({ error: { fields: { "case.person.birthDate": "future" } } });
    const minutes = await post(newConsultation(d.deskId, { minutes: 9999, followUpDue: "2025-02-30" }));
    expect(minutes.body).toMatchObject({
      error: { fields: { minutes: "outOfRange", followUpDue: "format" } },
    });
    const due = await post(newConsultation(d.deskId, { followUpDue: null, followUpStatus: "open" }));
    expect(due.body).toMatchObject({ error: { fields: { followUpDue: "required" } } });
    const neither = await post({ ...newConsultation(d.deskId), case: undefined });
    expect(neither.body).toMatchObject({ error: { fields: { caseId: "required" } } });
    // Checks only the database can make come after the body's: still nothing half-written.
    const area = await post(newConsultation(d.deskId, {}, {}));
    expect(area.status).toBe(201);
    const before = await count();
    const badArea = await post({
      ...newConsultation(d.deskId),
      case: { ...(newConsultation(d.deskId).case as object), areaId: "zzzzzzzzzzzzzzzzzzzzzzzz" },
    });
    expect(badArea.body).toMatchObject({ error: { fields: { "case.areaId": "unknown" } } });
    const badDesk = await post(newConsultation("zzzzzzzzzzzzzzzzzzzzzzzz"));
    expect(badDesk.body).toMatchObject({ error: { fields: { "case.deskId": "unknown" } } });
    const resource = await post(
      newConsultation(d.deskId, { referralResourceId: "zzzzzzzzzzzzzzzzzzzzzzzz" }),
    );
    expect(resource.body).toMatchObject({ error: { fields: { referralResourceId: "unknown" } } });
    expect(await count()).toBe(before);
    // A filter with a value that is not a code is refused, not ignored.
    const filter = await d.coordinator.browser.get(`${w.base}/consultations?topic=gossip&fy=abc`);
    expect(filter.body).toMatchObject({ error: { fields: { topic: "unknown", fy: "format" } } });
  });

  it("refer to an entry of the municipality's resource directory, shown by its name; another municipality's entry is unknown", async ({
    world: w,
    desk: d,
  }) => {
    const entry = await w.admin.browser.post<{ resource: { id: string } }>(`${w.base}/resources`, {
      kind: "hospital",
      name: "つむぎ総合病院",
      phone: "04-7100-0000",
    });
    expect(entry.status).toBe(201);
    const theirs = await d.elsewhere.admin.browser.post<{ resource: { id: string } }>(
      `${d.elsewhere.base}/resources`,
      { kind: "hospital", name: "柏の病院" },
    );
    expect(theirs.status).toBe(201);
    const post = (body: Record<string, unknown>) =>
      d.coordinator.browser.post<{ consultation: { id: string; caseId: string } }>(
        `${w.base}/consultations`,
        body,
      );

    const foreign = await post(newConsultation(d.deskId, { referralResourceId: theirs.body.resource.id }));
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ error: { fields: { referralResourceId: "unknown" } } });

    const recorded = await post(
      newConsultation(d.deskId, {
        referralResourceId: entry.body.resource.id,
        referralOrganisation: "地域連携室",
      }),
    );
    expect(recorded.status).toBe(201);
    type Case = {
      case: {
        contacts: {
          id: string;
          referralResourceId: string | null;
          referralResource: { name: string } | null;
        }[];
      };
    };
    const casePath = `${w.base}/consultations/cases/${recorded.body.consultation.caseId}`;
    const kase = await d.coordinator.browser.get<Case>(casePath);
    expect(kase.body.case.contacts[0]).toMatchObject({
      referralResourceId: entry.body.resource.id,
      referralResource: {
        id: entry.body.resource.id,
        name: "つむぎ総合病院",
        kind: "hospital",
        status: "active",
      },
    });
    // The records export names the entry, with the window typed beside it.
    const csv = await d.coordinator.browser.post<string>(`${w.base}/consultations/exports`, {
      kind: "records",
      format: "csv",
      fiscalYear: 2025,
      reason: "evaluation",
    });
    expect(csv.status).toBe(200);
    expect(csv.body).toContain("つむぎ総合病院（地域連携室）");

    // Changed to another municipality's entry: refused, the referral kept; then cleared.
    const contactPath = `${w.base}/consultations/${recorded.body.consultation.id}`;
    const refused = await d.coordinator.browser.patch(contactPath, {
      referralResourceId: theirs.body.resource.id,
    });
    expect(refused.status).toBe(400);
    expect((await d.coordinator.browser.get<Case>(casePath)).body.case.contacts[0]?.referralResourceId).toBe(
      entry.body.resource.id,
    );
    const cleared = await d.coordinator.browser.patch<Case>(contactPath, { referralResourceId: null });
    expect(cleared.body.case.contacts[0]).toMatchObject({ referralResourceId: null, referralResource: null });
  });

  it("keep a case's thread: later contacts join it, the case and its contacts change, the last contact follows", async ({
    server,
    world: w,
    desk: d,
  }) => {
    const first = await d.coordinator.browser.post<Created>(
      `${w.base}/consultations`,
      newConsultation(d.deskId),
    );
    const caseId = first.body.consultation.caseId;
    const second = await d.coordinator.browser.post<Created>(`${w.base}/consultations`, {
      ...newConsultation(d.deskId, {
        receivedAt: "2025-06-02T15:00",
        consulterType: "family",
        consulter: { name: "流山 一郎" },
        method: "walkIn",
        topics: ["endOfLife", "acp"],
        content: "看取りについて家族で話し合いたい。",
        responses: ["meeting"],
        followUpStatus: "none",
        followUpDue: null,
      }),
      case: undefined,
      caseId,
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ caseNo: 1, consultation: { seq: 2, caseId } });
    const third = await d.coordinator.browser.post<Created>(`${w.base}/consultations`, {
      ...newConsultation(d.deskId, { receivedAt: "2025-05-20T09:00" }),
      case: undefined,
      caseId,
    });
    const casePath = `${w.base}/consultations/cases/${caseId}`;
    let opened = await d.coordinator.browser.get<CaseAnswer>(casePath);
    expect(opened.body.case.contacts.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(opened.body.case.lastContactAt).toBe("2025-06-02T15:00");

    const changed = await d.coordinator.browser.patch<CaseAnswer>(
      `${w.base}/consultations/${third.body.consultation.id}`,
      {
        receivedAt: "2025-06-10T11:00",
        topics: ["emergency"],
        content: "急変時の受け入れ先について。",
        followUpStatus: "done",
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.case.lastContactAt).toBe("2025-06-10T11:00");
    expect(changed.body.case.contacts[2]).toMatchObject({
      topics: ["emergency"],
      content: "急変時の受け入れ先について。",
    });
    // Changing the person: only the fields sent change.
    const person = await d.coordinator.browser.patch<CaseAnswer>(casePath, {
      careLevel: "care3",
      person: { contact: "090-1111-2222" },
    });
    expect(person.body.case.person).toMatchObject({ name: "流山 花子", contact: "090-1111-2222" });
    opened = await d.coordinator.browser.get<CaseAnswer>(casePath);
    expect(opened.body.case).toMatchObject({ person: { contact: "090-1111-2222" } });
    // Moving the case to a desk the coordinator does not keep is refused.
    expect((await d.coordinator.browser.patch(casePath, { deskId: d.otherDeskId })).status).toBe(403);
    const audit = await server.ctx.db.all<{ event: string; detail: string }>(
      "SELECT event, detail FROM audit_log WHERE event LIKE 'consultation.%' ORDER BY id",
    );
    expect(audit.map((a) => a.event)).toEqual([
      "consultation.created",
      "consultation.created",
      "consultation.created",
      "consultation.updated",
      "consultation.case_updated",
    ]);
    expect(JSON.parse(audit[4].detail)).toEqual({ fields: ["careLevel", "person.contact"] });
    expect(JSON.stringify(audit)).not.toContain("090-1111-2222");
  });

  it("are found by the exact name or kana only, within the caller's desks, and every search is logged without the name", async ({
    server,
    world: w,
    desk: d,
  }) => {
    const a = await d.coordinator.browser.post<Created>(`${w.base}/consultations`, newConsultation(d.deskId));
    await d.coordinator.browser.post(
      `${w.base}/consultations`,
      newConsultation(d.deskId, {}, { name: "柏 太郎", kana: "" }),
    );
    const search = (p: typeof d.coordinator, name: string) =>
      p.browser.post<{ cases: { id: string; caseNo: number }[] }>(`${w.base}/consultations/search`, { name });
    for (const name of ["流山 花子", "流山　花子", "流山花子", " ナガレヤマハナコ ", "ﾅｶﾞﾚﾔﾏ ﾊﾅｺ"]) {
      expect(
        (await search(d.coordinator, name)).body.cases.map((c) => c.id),
        name,
      ).toEqual([a.body.consultation.caseId]);
    }
    for (const name of ["流山", "花子", "流山 花", "ながれやま はなこ"])
      expect((await search(d.coordinator, name)).body.cases, name).toEqual([]);
    expect((await search(d.otherCoordinator, "流山 花子")).body.cases).toEqual([]);
    expect((await search(w.admin, "流山 花子")).body.cases).toHaveLength(1);
    const blank = await search(d.coordinator, "  ");
    expect(blank.body).toMatchObject({ error: { fields: { name: "required" } } });

    const logged = await server.ctx.db.all<{ actor_user_id: string; detail: string }>(
      "SELECT actor_user_id, detail FROM audit_log WHERE event = 'consultation.searched' ORDER BY id",
    );
    expect(logged).toHaveLength(11);
    expect(JSON.parse(logged[0].detail)).toEqual({
      by: "exactName",
      hits: 1,
      caseIds: [a.body.consultation.caseId],
    });
    expect(JSON.stringify(logged)).not.toMatch(/流山|ナガレヤマ|花子/);
  });

  it("are changed only as the policy decided on them: by their desk, never once anonymised, not after they changed hands", async ({
    server,
    world: w,
    desk: d,
  }) => {
    const old = await d.coordinator.browser.post<Created>(
      `${w.base}/consultations`,
      newConsultation(d.deskId, { receivedAt: "2019-06-03T10:00" }),
    );
    const recent = await d.coordinator.browser.post<Created>(
      `${w.base}/consultations`,
      newConsultation(d.deskId),
    );
    const oldCase = `${w.base}/consultations/cases/${old.body.consultation.caseId}`;
    const recentCase = `${w.base}/consultations/cases/${recent.body.consultation.caseId}`;
    // Another desk's coordinator changes neither a case nor a contact of this desk.
    expect((await d.otherCoordinator.browser.patch(recentCase, { careLevel: "care3" })).status).toBe(403);
    expect(
      (
        await d.otherCoordinator.browser.patch(`${w.base}/consultations/${recent.body.consultation.id}`, {
          minutes: 5,
        })
      ).status,
    ).toBe(403);

    // Past the retention period: 409 to the desk (who still read it), 403 to anyone else.
    expect(await server.desk.anonymiseNow(Date.parse("2026-01-10T00:00:00Z"))).toBe(1);
    const anonymised = await d.coordinator.browser.patch(oldCase, { careLevel: "care3" });
    expect(anonymised.status).toBe(409);
    expect(anonymised.body).toMatchObject({ error: { code: "consultation.anonymised" } });
    expect((await d.otherCoordinator.browser.patch(oldCase, { careLevel: "care3" })).status).toBe(403);

    // Loaded and authorized while the coordinator kept the desk; the desk then changed hands.
    const q = server.ctx.kysely;
    const contact = await findContact(q, w.workspaceId, recent.body.consultation.id);
    const kase = await findCase(q, w.workspaceId, recent.body.consultation.caseId);
    const desk = await findDesk(q, w.workspaceId, d.deskId);
    if (!contact || !kase || !desk) throw new Error("not recorded");
    const handedOver = await w.admin.browser.patch(`${w.base}/desks/${d.deskId}`, {
      staffIds: [d.otherCoordinator.id],
    });
    expect(handedOver.status).toBe(200);
    const actor: Actor = { userId: d.coordinator.id, role: "coordinator", groupIds: [] };
    const caller = { actor, workspaceId: w.workspaceId, ip: "127.0.0.1" };
    const changed = { status: 409, code: "consultation.changed" };
    await expect(updateConsultation(server.ctx, caller, contact, { minutes: 5 })).rejects.toMatchObject(
      changed,
    );
    await expect(updateCase(server.ctx, caller, kase, desk, { careLevel: "care3" })).rejects.toMatchObject(
      changed,
    );
    expect((await d.coordinator.browser.patch(recentCase, { careLevel: "care3" })).status).toBe(403);
    const opened = await d.otherCoordinator.browser.get<CaseAnswer & { case: { careLevel: string } }>(
      recentCase,
    );
    expect(opened.body.case.careLevel).toBe("care2");
    expect(opened.body.case.contacts[0]).toMatchObject({ minutes: 20 });
  });
});

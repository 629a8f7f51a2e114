import { describe, expect } from "vitest";
import { auditEntries, byPerson } from "../testing/audit-entries.js";
import { deskTest as it, newConsultation } from "../testing/desk-world.js";

type Area = {
  id: string;
  name: string;
  towns: string[];
  usage?: { cases: number; desks: number; resources: number };
};
type Areas = { areas: Area[]; abilities: { manage: boolean } };

describe("日常生活圏域", () => {
  it("are one list: the secretariat adds, renames and reorders; everyone in the workspace reads the names", async ({
    server,
    world: w,
    desk: d,
  }) => {
    const [north, south] = d.areaIds;
    const add = await w.admin.browser.post<{ area: Area }>(`${w.base}/areas`, {
      name: " 中部圏域 ",
      towns: ["おおたかの森東", "市野谷"],
    });
    expect(add.status).toBe(201);
    expect(add.body.area).toMatchObject({ name: "中部圏域", towns: ["おおたかの森東", "市野谷"] });
    const middle = add.body.area.id;

    // Moved between the two others, then renamed.
    const moved = await w.admin.browser.patch(`${w.base}/areas/${middle}`, { position: 1 });
    expect(moved.status).toBe(200);
    const renamed = await w.admin.browser.patch<{ area: Area }>(`${w.base}/areas/${south}`, { name: "南部" });
    expect(renamed.body.area).toMatchObject({ id: south, name: "南部", towns: [] });

    const list = await w.admin.browser.get<Areas>(`${w.base}/areas`);
    expect(list.body.areas.map((a) => a.name)).toEqual(["北部圏域", "中部圏域", "南部"]);
    expect(list.body.abilities).toEqual({ manage: true });
    // The secretariat sees what names each area (the desks' defaults here).
    expect(list.body.areas[0]?.usage).toEqual({ cases: 0, desks: 1, resources: 0 });

    // The desk and the directory read the same list.
    const desks = await d.coordinator.browser.get<{ areas: Area[] }>(`${w.base}/desks`);
    expect(desks.body.areas.map((a) => a.id)).toEqual([north, middle, south]);
    const directory = await w.member.browser.get<{ areas: Area[] }>(`${w.base}/resources`);
    expect(directory.body.areas.map((a) => a.name)).toEqual(["北部圏域", "中部圏域", "南部"]);

    for (const who of [w.member, w.observer, d.coordinator]) {
      const read = await who.browser.get<Areas>(`${w.base}/areas`);
      expect(read.status).toBe(200);
      expect(read.body.abilities).toEqual({ manage: false });
      // How many consultation records an area has is the desk's business, not a member's.
      expect(read.body.areas.every((a) => a.usage === undefined)).toBe(true);
      expect((await who.browser.post(`${w.base}/areas`, { name: "西部" })).status).toBe(403);
      expect((await who.browser.patch(`${w.base}/areas/${north}`, { name: "西部" })).status).toBe(403);
      expect((await who.browser.delete(`${w.base}/areas/${middle}`)).status).toBe(403);
    }
    // Another municipality neither reads nor changes them.
    expect((await d.elsewhere.admin.browser.get(`${w.base}/areas`)).status).toBe(404);
    expect(
      (await d.elsewhere.admin.browser.patch(`${d.elsewhere.base}/areas/${north}`, { name: "x" })).status,
    ).toBe(404);

    const audit = await server.ctx.db.all<{ event: string }>(
      "SELECT event FROM audit_log WHERE event LIKE 'area.%' ORDER BY id",
    );
    expect(audit.map((a) => a.event)).toEqual([
      "area.created",
      "area.created",
      "area.created",
      "area.updated",
      "area.updated",
    ]);
    for (const event of ["area.created", "area.updated"])
      for (const entry of await auditEntries(server.ctx.kysely, event))
        expect(entry).toMatchObject(byPerson(w.workspaceId, w.admin.id));
  });

  it("refuse bad input in the field's words and keep names unique", async ({ world: w, desk: d }) => {
    const [north] = d.areaIds;
    const bad = await w.admin.browser.post(`${w.base}/areas`, { name: " ", towns: ["a", "a"] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { fields: { name: "required", towns: "duplicate" } } });
    const long = await w.admin.browser.post(`${w.base}/areas`, { name: "圏".repeat(51) });
    expect(long.body).toMatchObject({ error: { fields: { name: "tooLong" } } });
    const taken = await w.admin.browser.post(`${w.base}/areas`, { name: "南部圏域" });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: { code: "area.nameTaken" } });
    const renameTaken = await w.admin.browser.patch(`${w.base}/areas/${north}`, { name: "南部圏域" });
    expect(renameTaken.status).toBe(409);
    expect((await w.admin.browser.patch(`${w.base}/areas/${north}`, { position: -1 })).status).toBe(400);
    expect((await w.admin.browser.patch(`${w.base}/areas/nosucharea000000`, { name: "x" })).status).toBe(404);
    const list = await w.admin.browser.get<Areas>(`${w.base}/areas`);
    expect(list.body.areas.map((a) => a.name)).toEqual(["北部圏域", "南部圏域"]);
  });

  it("in use are deleted only into another area, which takes over the cases, desks and entries", async ({
    server,
    world: w,
    desk: d,
  }) => {
    const [north, south] = d.areaIds;
    const contact = await d.coordinator.browser.post<{ consultation: { caseId: string } }>(
      `${w.base}/consultations`,
      newConsultation(d.deskId, { case: { ...(newConsultation(d.deskId).case as object), areaId: north } }),
    );
    expect(contact.status).toBe(201);
    const entry = await w.admin.browser.post<{ resource: { id: string } }>(`${w.base}/resources`, {
      kind: "clinic",
      name: "北部つむぎ診療所",
      areaId: north,
    });
    expect(entry.status).toBe(201);

    const refused = await w.admin.browser.delete(`${w.base}/areas/${north}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "area.inUse" } });
    expect((refused.body as { error: { message: string } }).error.message).toContain("相談記録1件");
    // Into itself, or into another municipality's area: refused.
    expect((await w.admin.browser.delete(`${w.base}/areas/${north}?moveTo=${north}`)).body).toMatchObject({
      error: { fields: { moveTo: "unknown" } },
    });
    const theirs = await d.elsewhere.admin.browser.post<{ area: Area }>(`${d.elsewhere.base}/areas`, {
      name: "柏の圏域",
    });
    expect(
      (await w.admin.browser.delete(`${w.base}/areas/${north}?moveTo=${theirs.body.area.id}`)).status,
    ).toBe(400);

    const before = await w.admin.browser.get<{
      year: { dimensions: { area: { label: string; total: number }[] } };
    }>(`${w.base}/consultations/statistics?fy=2025`);
    expect(before.body.year.dimensions.area.find((r) => r.label === "北部圏域")?.total).toBe(1);

    expect((await w.admin.browser.delete(`${w.base}/areas/${north}?moveTo=${south}`)).status).toBe(204);
    const list = await w.admin.browser.get<Areas>(`${w.base}/areas`);
    expect(list.body.areas).toEqual([
      { id: south, name: "南部圏域", towns: [], usage: { cases: 1, desks: 2, resources: 1 } },
    ]);
    const kase = await d.coordinator.browser.get<{ case: { areaId: string } }>(
      `${w.base}/consultations/cases/${contact.body.consultation.caseId}`,
    );
    expect(kase.body.case.areaId).toBe(south);
    const resource = await w.admin.browser.get<{ resource: { areaId: string } }>(
      `${w.base}/resources/${entry.body.resource.id}`,
    );
    expect(resource.body.resource.areaId).toBe(south);
    const after = await w.admin.browser.get<{
      year: { dimensions: { area: { label: string; total: number }[] } };
    }>(`${w.base}/consultations/statistics?fy=2025`);
    expect(after.body.year.dimensions.area.find((r) => r.label === "南部圏域")?.total).toBe(1);

    // An unused area goes without more ado.
    const spare = await w.admin.browser.post<{ area: Area }>(`${w.base}/areas`, { name: "予備" });
    expect((await w.admin.browser.delete(`${w.base}/areas/${spare.body.area.id}`)).status).toBe(204);
    const audit = await server.ctx.db.get<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE event = 'area.deleted' AND target = ?",
      [north],
    );
    expect(JSON.parse(audit?.detail ?? "{}")).toEqual({
      name: "北部圏域",
      movedTo: "南部圏域",
      cases: 1,
      desks: 1,
      resources: 1,
    });
  });
});

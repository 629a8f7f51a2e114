import { describe, expect } from "vitest";
import { deskTest as it, newConsultation } from "../testing/desk-world.js";

type Desks = {
  desks: {
    id: string;
    name: string;
    staffIds: string[];
    abilities: Record<string, boolean>;
    public: boolean;
  }[];
  areas: { id: string; name: string }[];
  publicPath: string;
};

describe("desks", () => {
  it("are opened by the secretariat with their coordinators; a desk's coordinator keeps its hours current", async ({
    world: w,
    desk: d,
  }) => {
    const list = await d.coordinator.browser.get<Desks>(`${w.base}/desks`);
    expect(list.body.desks.map((x) => x.name)).toEqual([
      "北部在宅医療・介護連携相談支援室",
      "南部在宅医療・介護連携相談支援室",
    ]);
    expect(list.body.areas.map((a) => a.name)).toEqual(["北部圏域", "南部圏域"]);
    expect(list.body.desks[0].abilities).toEqual({
      update: true,
      manageStaff: false,
      delete: false,
      readRecords: true,
      writeRecords: true,
    });
    expect(list.body.desks[1].abilities).toMatchObject({ update: false, readRecords: false });

    const mine = `${w.base}/desks/${d.deskId}`;
    const hours = await d.coordinator.browser.patch<{ desk: { hours: string } }>(mine, {
      hours: "月〜土 9:00〜18:00",
    });
    expect(hours.body.desk.hours).toBe("月〜土 9:00〜18:00");
    expect((await d.coordinator.browser.patch(mine, { staffIds: [] })).status).toBe(403);
    expect(
      (await d.coordinator.browser.patch(`${w.base}/desks/${d.otherDeskId}`, { hours: "x" })).status,
    ).toBe(403);
    expect((await d.coordinator.browser.post(`${w.base}/desks`, { name: "新窓口" })).status).toBe(403);

    // Only coordinators of the workspace can staff a desk.
    const notCoordinator = await w.admin.browser.patch(mine, { staffIds: [w.member.id] });
    expect(notCoordinator.body).toMatchObject({ error: { fields: { staffIds: "notCoordinator" } } });
    const taken = await w.admin.browser.post(`${w.base}/desks`, { name: "北部在宅医療・介護連携相談支援室" });
    expect(taken.status).toBe(409);
    const bad = await w.admin.browser.post(`${w.base}/desks`, {
      name: "",
      defaultMethod: "telegram",
      public: "yes",
    });
    expect(bad.body).toMatchObject({
      error: { fields: { name: "required", defaultMethod: "unknown", public: "required" } },
    });

    // Moving the coordinator to the other desk moves their access with it.
    const moved = await w.admin.browser.patch(`${w.base}/desks/${d.otherDeskId}`, {
      staffIds: [d.otherCoordinator.id, d.coordinator.id],
    });
    expect(moved.status).toBe(200);
    expect(w.events).toContainEqual({
      type: "user-access-changed",
      userId: d.coordinator.id,
      workspaceId: w.workspaceId,
    });
    const after = await d.coordinator.browser.get<Desks>(`${w.base}/desks`);
    expect(after.body.desks[1].abilities.readRecords).toBe(true);
  });

  it("keep their records: a desk with a case is not deleted, an empty one is", async ({
    world: w,
    desk: d,
  }) => {
    await d.coordinator.browser.post(`${w.base}/consultations`, newConsultation(d.deskId));
    const refused = await w.admin.browser.delete(`${w.base}/desks/${d.deskId}`);
    expect(refused.body).toMatchObject({ error: { code: "desk.inUse" } });
    expect((await w.admin.browser.delete(`${w.base}/desks/${d.otherDeskId}`)).status).toBe(204);
  });

  it("that are public appear on the municipality's public desk page, for anyone", async ({
    server,
    world: w,
    desk: d,
  }) => {
    await w.admin.browser.patch(`${w.base}/desks/${d.otherDeskId}`, { public: false });
    await w.admin.browser.patch(`${w.base}/desks/${d.deskId}`, {
      howToConsult: "<script>alert(1)</script>電話でご相談ください。\n\n来所の際は事前にご連絡ください。",
    });
    const { publicPath } = (await w.admin.browser.get<Desks>(`${w.base}/desks`)).body;
    const res = await fetch(`${server.origin}${publicPath}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("北部在宅医療・介護連携相談支援室");
    expect(html).toContain("月〜金 9:00〜17:00（祝日・年末年始を除く）");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;電話でご相談ください。");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("南部在宅医療");
    // A municipality without a public desk has no page; nor has a made-up code.
    await w.admin.browser.patch(`${w.base}/desks/${d.deskId}`, { public: false });
    expect((await fetch(`${server.origin}${publicPath}`)).status).toBe(404);
    expect((await fetch(`${server.origin}/p/999999/desk`)).status).toBe(404);
  });
});

import { describe, expect } from "vitest";
import { workspaceTest as it } from "../testing/workspace-world.js";

type SeriesBody = { id: string; name: string; description: string; abilities: { update: boolean } };
type DetailBody = { series: SeriesBody };
type ListBody = { series: SeriesBody[] };

describe("series of events: created and changed by whoever runs events", () => {
  it("refuses an observer (403) and lets a member, of no organiser group, create and rename one; abilities say so", async ({
    world: w,
  }) => {
    const series = `${w.base}/event-series`;
    const create = { name: "介護と医療をつむぐ会", kind: "multidisciplinary" };
    expect((await w.observer.browser.post(series, create)).status).toBe(403);
    const made = await w.outsider.browser.post<{ series: SeriesBody }>(series, create);
    expect(made.status).toBe(201);
    expect(made.body.series.abilities).toEqual({ update: true });
    const path = `${series}/${made.body.series.id}`;

    expect((await w.observer.browser.patch(path, { name: "変更" })).status).toBe(403);
    const observed = await w.observer.browser.get<DetailBody>(path);
    expect(observed.status).toBe(200);
    expect(observed.body.series.abilities).toEqual({ update: false });
    const listed = await w.observer.browser.get<ListBody>(`${w.base}/events`);
    expect(listed.body.series.map((s) => s.abilities)).toEqual([{ update: false }]);

    const renamed = await w.member.browser.patch<{ series: SeriesBody }>(path, {
      description: "医療と介護の専門職が顔を合わせる会",
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.series).toMatchObject({
      name: "介護と医療をつむぐ会",
      description: "医療と介護の専門職が顔を合わせる会",
      abilities: { update: true },
    });
    expect((await w.admin.browser.get<DetailBody>(path)).body.series.abilities).toEqual({ update: true });
  });
});

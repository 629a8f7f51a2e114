import { describe, expect } from "vitest";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it, personElsewhere, type WorkspaceWorld } from "../testing/workspace-world.js";

type Rollup = {
  fiscalYear: number;
  held: number;
  attended: number;
  byProfession: { profession: string; attended: number }[];
  answers: number;
  satisfaction: number | null;
  understanding: number | null;
};

/** An event of the series, counted at the door and answered (satisfaction points), held unless told. */
async function run(
  server: { origin: string },
  w: WorkspaceWorld,
  seriesId: string,
  startsAt: string,
  counts: Record<string, number>,
  points: number[],
  held = true,
) {
  const created = await w.admin.browser.post<{ event: { id: string } }>(`${w.base}/events`, {
    kind: "multidisciplinary",
    title: `つむぐ会 ${startsAt.slice(0, 7)}`,
    startsAt,
    audience: "professionals",
    seriesId,
  });
  const eid = created.body.event.id;
  for (const [profession, headcount] of Object.entries(counts))
    expect(
      (await w.admin.browser.post(`${w.base}/events/${eid}/door-counts`, { profession, headcount })).status,
    ).toBe(201);
  if (points.length > 0) {
    const path = `${w.base}/events/${eid}/questionnaire`;
    const qn = (
      await w.admin.browser.post<{
        questionnaire: {
          questions: { id: string; type: string; measure: string | null }[];
          publicPath: string;
        };
      }>(`${path}/template`, { template: "training" })
    ).body.questionnaire;
    await w.admin.browser.put(path, { ...qn, open: true });
    const satisfaction = qn.questions.find((q) => q.measure === "satisfaction")?.id ?? "";
    const understanding = qn.questions.find((q) => q.measure === "understanding")?.id ?? "";
    for (const p of points) {
      const res = await new TestBrowser(server.origin).post(
        `/api/public/questionnaires/${qn.publicPath.slice(3)}`,
        {
          answers: { [satisfaction]: p, [understanding]: 4 },
        },
      );
      expect(res.status).toBe(201);
    }
  }
  if (held) await w.admin.browser.post(`${w.base}/events/${eid}/status`, { status: "held" });
  return eid;
}

describe("a series' roll-up per 年度", () => {
  it("adds the held events of each 年度: how many, participants by 職種, satisfaction pooled over who answered", async ({
    server,
    world: w,
  }) => {
    const series = await w.admin.browser.post<{ series: { id: string } }>(`${w.base}/event-series`, {
      name: "介護と医療をつむぐ会",
      kind: "multidisciplinary",
    });
    const sid = series.body.series.id;
    await run(server, w, sid, "2024-07-14T18:30", { careManager: 20, nurse: 10 }, [4, 4, 5]);
    await run(server, w, sid, "2025-07-13T18:30", { careManager: 12, nurse: 6, doctor: 3 }, [5, 5]);
    // A March event is still of 令和7年度; no questionnaire.
    await run(server, w, sid, "2026-03-08T18:30", { careManager: 9, pharmacist: 2 }, []);
    // Planned: counted nowhere, though answered.
    await run(server, w, sid, "2026-02-01T18:30", { careManager: 30 }, [1, 1, 1], false);

    const detail = await w.observer.browser.get<{ years: Rollup[]; events: unknown[] }>(
      `${w.base}/event-series/${sid}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.events).toHaveLength(4);
    const [r6, r7] = detail.body.years;
    expect(detail.body.years).toHaveLength(2);
    expect(r6).toMatchObject({ fiscalYear: 2024, held: 1, attended: 30, answers: 3, understanding: 4 });
    expect(r6.satisfaction).toBeCloseTo(13 / 3);
    expect(r7).toMatchObject({
      fiscalYear: 2025,
      held: 2,
      attended: 32,
      answers: 2,
      satisfaction: 5,
      understanding: 4,
    });
    const by = Object.fromEntries(r7.byProfession.map((p) => [p.profession, p.attended]));
    expect(by).toEqual({ careManager: 21, nurse: 6, doctor: 3, pharmacist: 2 });

    // Another municipality does not see the series; an unknown id is not found.
    const other = await personElsewhere(server, { name: "我孫子市", lgCode: "122220" });
    expect((await other.browser.get(`/api/workspaces/${other.workspaceId}/event-series/${sid}`)).status).toBe(
      404,
    );
    expect((await other.browser.get(`${w.base}/event-series/${sid}`)).status).toBe(404);
    expect((await w.admin.browser.get(`${w.base}/event-series/not-an-id`)).status).toBe(404);
  });
});

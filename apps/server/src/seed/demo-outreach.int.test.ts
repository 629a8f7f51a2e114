import { describe, expect } from "vitest";
import { demoTest as it } from "../testing/demo-world.js";
import { TestBrowser } from "../testing/http-client.js";

describe("demo 出前講座 and handouts", () => {
  it("has requests in several states, one made into a held lecture, the menu on the public form, and a handout on the 市民公開講座's page", async ({
    demo: { server, nagareyama: wid, login },
  }) => {
    const admin = await login("jimukyoku@demo.tsumugi.jp");
    const list = await admin.get<{
      requests: {
        number: number;
        status: string;
        message: string;
        note: string;
        event: { status: string } | null;
      }[];
      topics: { name: string }[];
    }>(`/api/workspaces/${wid}/event-requests`);
    expect(list.status).toBe(200);
    expect(list.body.requests.map((r) => [r.number, r.status])).toEqual([
      [4, "declined"],
      [3, "received"],
      [2, "arranging"],
      [1, "done"],
    ]);
    expect(list.body.requests[3].event).toMatchObject({ status: "held" });
    for (const r of list.body.requests) expect(`${r.message}${r.note}`).toContain("デモ用の例");
    expect(list.body.topics.map((t) => t.name)).toEqual([
      "出前講座「人生会議（ACP）ってなに？」",
      "出前講座「在宅医療ってなに？」",
    ]);

    const anon = new TestBrowser(server.origin);
    const form = await anon.get<{ topics: { name: string; description: string }[] }>(
      "/api/public/event-requests/122203",
    );
    expect(form.body.topics.every((t) => t.description.startsWith("デモ用の例"))).toBe(true);

    const events = await admin.get<{ events: { title: string; publicPath: string | null }[] }>(
      `/api/workspaces/${wid}/events`,
    );
    const lecture = events.body.events.find((e) => e.title.startsWith("市民公開講座"));
    const [, , lg, , pid] = (lecture?.publicPath ?? "").split("/");
    const page = await anon.get<{ materials: { name: string; path: string }[] }>(
      `/api/public/events/${lg}/${pid}`,
    );
    expect(page.body.materials.map((m) => m.name)).toEqual(["人生会議（ACP）のすすめ（デモ用の例）.docx"]);
    const file = await fetch(`${server.origin}${page.body.materials[0].path}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
  });
});

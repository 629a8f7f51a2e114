import { afterEach, describe, expect, it } from "vitest";
import { storedDocument } from "../testing/collab-clients.js";
import { startTestServer, type TestServer, tempDataDir } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { DEMO_PASSWORD } from "./demo.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.destroy();
  server = null;
});

describe("demo workspace", () => {
  it("is created once, with its committee, people and documents, and its logins work", async () => {
    const dataDir = tempDataDir();
    const first = await startTestServer({ dataDir, env: { SEED_DEMO: "true" } });
    expect(first.seeded).toMatchObject({ workspaceName: "流山市", created: true });
    await first.stop();
    server = await startTestServer({ dataDir, env: { SEED_DEMO: "true" } });
    expect(server.seeded).toMatchObject({ created: false });
    expect(server.seeded?.logins).toHaveLength(6);
    const db = server.ctx.db;
    expect(await db.get("SELECT COUNT(*) AS n FROM workspaces")).toEqual({ n: 1 });
    expect(await db.get("SELECT name, prefecture, lg_code FROM workspaces")).toEqual({
      name: "流山市",
      prefecture: "千葉県",
      lg_code: "122203",
    });
    const groups = await db.all<{ name: string }>("SELECT name FROM groups ORDER BY name");
    expect(groups.map((g) => g.name).sort()).toEqual(
      [
        "全体会",
        "多職種連携・体制構築部会",
        "研修・啓発部会",
        "病診施連携班",
        "専門職研修班",
        "市民啓発班",
        "事務局",
      ].sort(),
    );
    expect(await db.get("SELECT COUNT(*) AS n FROM users")).toEqual({ n: 6 });

    const browser = new TestBrowser(server.origin);
    const login = server.seeded?.logins.find((l) => l.label === "事務局");
    expect(login?.password).toBe(DEMO_PASSWORD);
    expect((await browser.login(login?.email ?? "", DEMO_PASSWORD)).status).toBe(200);
    const wid = (await db.get<{ id: string }>("SELECT id FROM workspaces"))?.id;
    const docs = await browser.get<{ documents: { docName: string; title: string }[] }>(
      `/api/workspaces/${wid}/documents`,
    );
    expect(docs.body.documents).toHaveLength(3);
    const rule = docs.body.documents.find((d) => d.title === "入退院支援ルール（案）");
    const stored = await storedDocument(db, rule?.docName ?? "");
    expect(stored.getXmlFragment("content").toString()).toContain("地域連携室");
  });
});

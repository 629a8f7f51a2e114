import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectProvider, seedCollabWorld, waitFor } from "../testing/collab-clients.js";
import { startTestServer, type TestServer } from "../testing/fixtures.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.destroy();
  server = null;
});

describe("periodic versions", () => {
  it("are taken of rich-text documents edited since the last round, once per round", async () => {
    server = await startTestServer();
    const world = await seedCollabWorld(server);
    const client = connectProvider(server.wsUrl, world.docName, {
      cookie: world.alice.cookie,
      origin: server.origin,
    });
    await client.synced();
    const arrived = (text: string) =>
      waitFor(async () => {
        const doc = await (server as TestServer).collab.readDocument(world.docName);
        return doc.getXmlFragment(RICH_TEXT_FIELD).toString().includes(text);
      }, `"${text}" at the server`);
    client.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [new Y.XmlText("第一稿")]);
    await arrived("第一稿");
    await server.versions.flush();
    const count = async () =>
      (
        await server?.ctx.db.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM doc_versions WHERE doc_name = ? AND reason = 'periodic'",
          [world.docName],
        )
      )?.n;
    expect(await count()).toBe(1);
    // Nothing edited since: no new version.
    await server.versions.flush();
    expect(await count()).toBe(1);
    client.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [new Y.XmlText("追記")]);
    await arrived("追記");
    await server.versions.flush();
    expect(await count()).toBe(2);
    client.destroy();
  });
});

import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import * as Y from "yjs";
import { seedCollabWorld } from "../testing/collab-clients.js";
import { workspaceTest as it } from "../testing/workspace-world.js";

describe("periodic versions", () => {
  it("are taken of rich-text documents edited since the last round, once per round", async ({
    server,
    open,
  }) => {
    const world = await seedCollabWorld(server);
    const client = open(world.docName, world.alice.cookie);
    await client.synced();
    const arrived = (text: string) =>
      expect
        .poll(
          async () =>
            (await server.collab.readDocument(world.docName)).getXmlFragment(RICH_TEXT_FIELD).toString(),
          { message: `"${text}" at the server`, timeout: 5_000 },
        )
        .toContain(text);
    client.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [new Y.XmlText("第一稿")]);
    await arrived("第一稿");
    await server.versions.flush();
    const count = async () =>
      (
        await server.ctx.db.get<{ n: number }>(
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
  });
});

import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { seedCollabWorld, storedDocument } from "../testing/collab-clients.js";
import { startTestServer, type TestServer } from "../testing/fixtures.js";
import { UpdateStore } from "./update-store.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.destroy();
  server = null;
});

describe("startup compaction", () => {
  it("folds a long uncompacted log into a snapshot before accepting connections, keeping every change", async () => {
    server = await startTestServer();
    const world = await seedCollabWorld(server);
    // 600 updates written straight to the log, as after a crash before compaction.
    const doc = new Y.Doc();
    const text = doc.getText("t");
    const writes: { docName: string; update: Uint8Array }[] = [];
    doc.on("update", (update: Uint8Array) => writes.push({ docName: world.docName, update }));
    for (let i = 0; i < 600; i++) text.insert(text.length, "あ");
    await new UpdateStore(server.ctx.db).append(writes);
    const dataDir = server.dataDir;
    await server.stop();

    server = await startTestServer({ dataDir });
    const rows = await server.ctx.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?",
      [world.docName],
    );
    expect(rows?.n).toBe(0);
    expect(
      await server.ctx.db.get("SELECT 1 AS ok FROM doc_snapshots WHERE doc_name = ?", [world.docName]),
    ).toEqual({ ok: 1 });
    expect((await storedDocument(server.ctx.db, world.docName)).getText("t").toString()).toBe(
      "あ".repeat(600),
    );
  });
});

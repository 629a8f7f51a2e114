import { describe, expect } from "vitest";
import * as Y from "yjs";
import { storedDocument } from "../testing/collab-clients.js";
import { collabTest as it } from "../testing/collab-world.js";
import { startTestServer } from "../testing/fixtures.js";
import { UpdateStore } from "./update-store.js";

describe("startup compaction", () => {
  it("folds a long uncompacted log into a snapshot before accepting connections, keeping every change", async ({
    server,
    docs,
  }) => {
    // 600 updates written straight to the log, as after a crash before compaction.
    const doc = new Y.Doc();
    const text = doc.getText("t");
    const writes: { docName: string; update: Uint8Array }[] = [];
    doc.on("update", (update: Uint8Array) => writes.push({ docName: docs.docName, update }));
    for (let i = 0; i < 600; i++) text.insert(text.length, "あ");
    await new UpdateStore(server.ctx.db).append(writes);
    await server.stop();

    const again = await startTestServer({ dataDir: server.dataDir });
    try {
      const rows = await again.ctx.db.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?",
        [docs.docName],
      );
      expect(rows?.n).toBe(0);
      expect(
        await again.ctx.db.get("SELECT 1 AS ok FROM doc_snapshots WHERE doc_name = ?", [docs.docName]),
      ).toEqual({ ok: 1 });
      expect((await storedDocument(again.ctx.db, docs.docName)).getText("t").toString()).toBe(
        "あ".repeat(600),
      );
    } finally {
      await again.stop();
    }
  });
});

import { describe, expect } from "vitest";
import type * as Y from "yjs";
import type { CollabServer } from "../collab/collab-server.js";
import { workspaceTest as it } from "../testing/workspace-world.js";
import { readPublicPage } from "./public-page-query.js";

describe("the public page of a published draft", () => {
  it("reads the draft's text from a copy of its document, destroyed even when reading fails", async ({
    server,
    world,
  }) => {
    const created = await world.admin.browser.post<{ document: { id: string } }>(`${world.base}/documents`, {
      kind: "draft",
      template: "dischargeRules",
    });
    let publicId = "";
    for (const status of ["reviewing", "approved", "published"]) {
      const moved = await world.admin.browser.post<{ document: { publicId: string | null } }>(
        `${world.base}/documents/${created.body.document.id}/status`,
        { status },
      );
      expect(moved.status).toBe(200);
      publicId = moved.body.document.publicId ?? "";
    }
    const copies: Y.Doc[] = [];
    const collab = (fails: boolean) =>
      ({
        readDocument: async (docName: string) => {
          const doc = await server.collab.readDocument(docName);
          copies.push(doc);
          if (fails)
            doc.getXmlFragment = () => {
              throw new Error("unreadable");
            };
          return doc;
        },
      }) as unknown as CollabServer;
    const q = server.ctx.kysely;

    const page = await readPublicPage(q, collab(false), publicId);
    expect(page).toMatchObject({ title: "入退院支援ルール（案）", workspace: { name: "流山市" } });
    expect(page?.body).toContain("<h2>入院時の連携</h2>");
    await expect(readPublicPage(q, collab(true), publicId)).rejects.toThrow("unreadable");
    expect(copies).toHaveLength(2);
    expect(copies.map((d) => d.isDestroyed)).toEqual([true, true]);

    // No document is read for an address where nothing is published.
    expect(await readPublicPage(q, collab(false), "nothing0here")).toBeNull();
    expect(await readPublicPage(q, collab(false), "../x")).toBeNull();
    expect(copies).toHaveLength(2);
  });
});

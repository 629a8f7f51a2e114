import { describe, expect } from "vitest";
import { workspaceTest as it, personElsewhere } from "../testing/workspace-world.js";

type FeedBody = {
  active: boolean;
  createdAt: number | null;
  abilities: { read: boolean; create: boolean; revoke: boolean };
};

describe("calendar feeds: each person's own", () => {
  it("every role reads, creates and revokes their own feed, as the feed's abilities say; another workspace's people are refused", async ({
    server,
    world: w,
  }) => {
    const path = `${w.base}/calendar-feed`;
    for (const p of [w.admin, w.member, w.observer]) {
      const before = await p.browser.get<FeedBody>(path);
      expect(before.body).toEqual({
        active: false,
        createdAt: null,
        abilities: { read: true, create: true, revoke: true },
      });
      expect((await p.browser.post<{ url: string }>(path, {})).status).toBe(201);
      expect((await p.browser.get<FeedBody>(path)).body.active).toBe(true);
      expect((await p.browser.delete(path)).status).toBe(200);
      expect((await p.browser.get<FeedBody>(path)).body.active).toBe(false);
    }
    // Someone who is not of the workspace has no feed there (the workspace is not theirs: 404).
    const other = await personElsewhere(server, { name: "我孫子市", lgCode: "122220" });
    expect((await other.browser.post(path, {})).status).toBe(404);
    expect((await other.browser.delete(path)).status).toBe(404);
  });
});

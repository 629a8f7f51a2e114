import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect } from "vitest";
import { keepOnlyCurrentKey, prependNewKey } from "../personal-data/keyring.js";
import { keyRotationTest as it } from "../testing/data-dir-test.js";
import { TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { seedWorkspaceWorld } from "../testing/workspace-world.js";

describe("出前講座 requesters' contact keys", () => {
  it("are needed at start, sealed again with a new key, and the old key may then go", async ({
    keyFile,
    boot,
  }) => {
    let server = await boot();
    const w = await seedWorkspaceWorld(server);
    const form = "/api/public/event-requests/122203";
    const anon = new TestBrowser(server.origin);
    const page = await anon.get<{ formToken: string }>(form);
    const sent = await anon.post(form, {
      groupName: "向小金ふれあいサロン",
      topic: "人生会議",
      wishedDates: [{ date: "2030-10-08", slot: "pm" }],
      people: 20,
      contactName: "鈴木 和子",
      contact: "04-7100-1234",
      consent: true,
      formToken: page.body.formToken,
    });
    expect(sent.status).toBe(201);
    const before = await server.ctx.db.all<{ personal_key_id: string }>(
      "SELECT personal_key_id FROM event_requests",
    );
    await server.stop();

    // The key sealing the contacts lost without a rotation: the server refuses to start.
    const held = readFileSync(keyFile, "utf8");
    prependNewKey(keyFile);
    keepOnlyCurrentKey(keyFile);
    await expect(boot()).rejects.toThrow();
    writeFileSync(keyFile, held, { mode: 0o600 });

    const fresh = prependNewKey(keyFile);
    expect(fresh.id).not.toBe(before[0].personal_key_id);
    server = await boot();
    await server.eventJobs.idle();
    expect(await server.ctx.db.all("SELECT personal_key_id FROM event_requests")).toEqual([
      { personal_key_id: fresh.id },
    ]);
    await server.stop();

    keepOnlyCurrentKey(keyFile);
    server = await boot();
    const admin = new TestBrowser(server.origin);
    expect((await admin.login(w.admin.email, TEST_PASSWORD)).status).toBe(200);
    const list = await admin.get<{ requests: { contactName: string; contact: string }[] }>(
      `${w.base}/event-requests`,
    );
    expect(list.body.requests).toMatchObject([{ contactName: "鈴木 和子", contact: "04-7100-1234" }]);
  });
});

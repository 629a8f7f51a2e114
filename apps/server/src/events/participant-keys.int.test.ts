import { describe, expect } from "vitest";
import { keepOnlyCurrentKey, prependNewKey } from "../personal-data/keyring.js";
import { keyRotationTest as it } from "../testing/data-dir-test.js";
import { TEST_PASSWORD, type TestServer } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { seedWorkspaceWorld } from "../testing/workspace-world.js";

async function loginTo(server: TestServer, email: string): Promise<TestBrowser> {
  const browser = new TestBrowser(server.origin);
  expect((await browser.login(email, TEST_PASSWORD)).status).toBe(200);
  return browser;
}

async function registerAs(server: TestServer, api: string, name: string, contact: string) {
  const b = new TestBrowser(server.origin);
  const page = await b.get<{ formToken: string }>(api);
  return b.post<{ error?: { code: string } }>(`${api}/registrations`, {
    name,
    profession: "nurse",
    contact,
    consent: true,
    formToken: page.body.formToken,
  });
}

describe("participants' personal data keys", () => {
  it("are rotated: old rows sealed again with the new key, duplicates still found, the old key may go", async ({
    keyFile,
    boot,
  }) => {
    let server = await boot();
    const w = await seedWorkspaceWorld(server);
    const created = await w.admin.browser.post<{ event: { id: string } }>(`${w.base}/events`, {
      kind: "multidisciplinary",
      title: "第32回 介護と医療をつむぐ会",
      startsAt: "2030-07-14T18:30",
    });
    const eid = created.body.event.id;
    const open = await w.admin.browser.patch<{ event: { publicPath: string } }>(`${w.base}/events/${eid}`, {
      published: true,
      registrationOpen: true,
    });
    const [, , lg, , pid] = open.body.event.publicPath.split("/");
    const api = `/api/public/events/${lg}/${pid}`;
    expect((await registerAs(server, api, "山田 花子", "hanako@example.jp")).status).toBe(201);
    await server.stop();

    const fresh = prependNewKey(keyFile);
    server = await boot();
    await server.eventJobs.idle();
    const keys = await server.ctx.db.all<{ personal_key_id: string }>(
      "SELECT personal_key_id FROM event_participants",
    );
    expect(keys).toEqual([{ personal_key_id: fresh.id }]);
    // The same person is still recognised under the new key.
    const again = await registerAs(server, api, "山田花子", "HANAKO@example.jp");
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("registration.duplicate");
    await server.stop();

    keepOnlyCurrentKey(keyFile);
    server = await boot();
    const admin = await loginTo(server, w.admin.email);
    const list = await admin.get<{ participants: { name: string }[] }>(
      `${w.base}/events/${eid}/participants`,
    );
    expect(list.body.participants.map((p) => p.name)).toEqual(["山田 花子"]);
  });
});

import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { workspaceTest as it } from "../testing/workspace-world.js";
import { DeviceCookies } from "./device-cookie.js";

const header = (setCookie: string) => setCookie.split(";")[0];

it("knows a browser only for the accounts it logged in to, until the note expires or is altered", async ({
  server,
}) => {
  let now = 1_000_000;
  const devices = new DeviceCookies(server.ctx.kysely, server.ctx.config, 60_000, () => now);
  const first = header(await devices.remember(null, "useraaaa"));
  const both = header(await devices.remember(first, "userbbbb"));
  expect(await devices.deviceFor(both, "useraaaa")).toMatch(/^[a-z2-7]+$/);
  expect(await devices.deviceFor(both, "userbbbb")).toMatch(/^[a-z2-7]+$/);
  expect(await devices.deviceFor(both, "usercccc")).toBeNull();
  // A note copied onto another account's name fails its signature.
  const forged = both.replace(/useraaaa/g, "usercccc");
  expect(await devices.deviceFor(forged, "usercccc")).toBeNull();
  // Another installation's key does not sign for this one.
  await server.ctx.kysely
    .updateTable("server_keys")
    .set({ key: randomBytes(32) })
    .execute();
  const again = new DeviceCookies(server.ctx.kysely, server.ctx.config, 60_000, () => now);
  expect(await again.deviceFor(both, "useraaaa")).toBeNull();
  // Expired notes are not known either.
  const fresh = header(await again.remember(null, "useraaaa"));
  now += 60_000;
  expect(await again.deviceFor(fresh, "useraaaa")).toBeNull();
});

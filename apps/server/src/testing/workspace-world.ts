/** A workspace with a secretariat, two members (one in a group) and an observer, each logged in. */

import { test } from "vitest";
import type { AccessChange } from "../auth/access-events.js";
import {
  createGroup,
  createUser,
  createWorkspace,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from "./fixtures.js";
import { TestBrowser } from "./http-client.js";

export interface Person {
  id: string;
  email: string;
  browser: TestBrowser;
}

export interface WorkspaceWorld {
  workspaceId: string;
  groupId: string;
  base: string;
  admin: Person;
  member: Person;
  outsider: Person;
  observer: Person;
  events: AccessChange[];
}

export async function seedWorkspaceWorld(server: TestServer): Promise<WorkspaceWorld> {
  const db = server.ctx.db;
  const workspaceId = await createWorkspace(db, { name: "流山市", lgCode: "122203" });
  const groupId = await createGroup(db, workspaceId, { name: "病診施連携班", kind: "team" });
  const person = async (
    role: "secretariat" | "member" | "observer",
    groupIds: string[] = [],
  ): Promise<Person> => {
    const u = await createUser(db, { workspaceId, role, groupIds });
    const browser = new TestBrowser(server.origin);
    const res = await browser.login(u.email, TEST_PASSWORD);
    if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
    return { id: u.id, email: u.email, browser };
  };
  const events: AccessChange[] = [];
  server.ctx.events.on((e) => events.push(e));
  return {
    workspaceId,
    groupId,
    base: `/api/workspaces/${workspaceId}`,
    admin: await person("secretariat"),
    member: await person("member", [groupId]),
    outsider: await person("member"),
    observer: await person("observer"),
    events,
  };
}

/**
 * `it` with a fresh server and workspace world for each test:
 *   import { workspaceTest as it } from "../testing/workspace-world.js";
 *   it("…", async ({ server, world: w }) => { … });
 */
export const workspaceTest = test.extend<{ server: TestServer; world: WorkspaceWorld }>({
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
  server: async ({}, use) => {
    const server = await startTestServer();
    await use(server);
    await server.destroy();
  },
  world: async ({ server }, use) => {
    await use(await seedWorkspaceWorld(server));
  },
});

/** A workspace with a secretariat, two members (one in a group) and an observer, each logged in. */

import { newId } from "@tsumugi/domain";
import { test } from "vitest";
import type { AccessChange } from "../auth/access-events.js";
import { insertRegionGroup } from "../indicators/region-repository.js";
import { connectProvider, type ProviderClient } from "./collab-clients.js";
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
  const q = server.ctx.kysely;
  const workspaceId = await createWorkspace(q, { name: "流山市", lgCode: "122203" });
  const groupId = await createGroup(q, workspaceId, { name: "病診施連携班", kind: "team" });
  const person = async (
    role: "secretariat" | "member" | "observer",
    groupIds: string[] = [],
  ): Promise<Person> => {
    const u = await createUser(q, { workspaceId, role, groupIds });
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

/** Opens a collaborative document as the person with this cookie (the `open` fixture). */
export type OpenDocument = (docName: string, cookie: string | null) => ProviderClient;

/** A logged-in person of this workspace, made here. */
export async function personIn(
  server: TestServer,
  workspaceId: string,
  role: "secretariat" | "member" | "observer" = "secretariat",
): Promise<Person> {
  const u = await createUser(server.ctx.kysely, { workspaceId, role });
  const browser = new TestBrowser(server.origin);
  const res = await browser.login(u.email, TEST_PASSWORD);
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return { id: u.id, email: u.email, browser };
}

/**
 * A logged-in person of another municipality (a workspace of its own on the same server):
 * what a test shows is not given across municipalities.
 */
export async function personElsewhere(
  server: TestServer,
  workspace: { name: string; lgCode: string },
  role: "secretariat" | "member" | "observer" = "secretariat",
): Promise<Person & { workspaceId: string }> {
  const workspaceId = await createWorkspace(server.ctx.kysely, workspace);
  return { ...(await personIn(server, workspaceId, role)), workspaceId };
}

/**
 * Neighbouring municipalities of the world's (in 千葉県) and the 広域 group 東葛北部 that the
 * world's municipality owns, holding it and the neighbours marked `inGroup`: their workspace
 * ids, in the order given.
 */
export async function regionNeighbours(
  server: TestServer,
  world: WorkspaceWorld,
  towns: { name: string; lgCode: string; inGroup: boolean }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const t of towns)
    ids.push(await createWorkspace(server.ctx.kysely, { name: t.name, lgCode: t.lgCode }));
  await insertRegionGroup(
    server.ctx.kysely,
    { id: newId(), name: "東葛北部", kind: "wide", ownerWorkspaceId: world.workspaceId },
    [world.workspaceId, ...ids.filter((_, i) => towns[i].inGroup)],
    null,
    Date.now(),
  );
  return ids;
}

/**
 * An event of the world's group made through the API by its secretariat (a 多職種連携の会
 * unless `fields` say otherwise): its id and API path.
 */
export async function createEvent(
  world: WorkspaceWorld,
  fields: Record<string, unknown>,
): Promise<{ id: string; path: string }> {
  const res = await world.admin.browser.post<{ event: { id: string } }>(`${world.base}/events`, {
    kind: "multidisciplinary",
    organiserGroupIds: [world.groupId],
    ...fields,
  });
  if (res.status !== 201) throw new Error(`event not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.event.id, path: `${world.base}/events/${res.body.event.id}` };
}

/**
 * `it` with a fresh server and workspace world for each test:
 *   import { workspaceTest as it } from "../testing/workspace-world.js";
 *   it("…", async ({ server, world: w }) => { … });
 * A file whose server needs settings gives them as `serverEnv` (environment variables):
 *   const it = workspaceTest.extend({ serverEnv: { PLAN_PROJECTION_DELAY_MS: "20" } });
 * `open(docName, cookie)` opens a collaborative document as that person's browser would; the
 * connections are closed after the test.
 */
export const workspaceTest = test.extend<{
  serverEnv: Record<string, string>;
  server: TestServer;
  world: WorkspaceWorld;
  open: OpenDocument;
}>({
  serverEnv: {},
  server: async ({ serverEnv }, use) => {
    const server = await startTestServer({ env: serverEnv });
    await use(server);
    await server.destroy();
  },
  world: async ({ server }, use) => {
    await use(await seedWorkspaceWorld(server));
  },
  open: async ({ server }, use) => {
    const clients: ProviderClient[] = [];
    await use((docName, cookie) => {
      const client = connectProvider(server.wsUrl, docName, { cookie: cookie ?? "", origin: server.origin });
      clients.push(client);
      return client;
    });
    for (const c of clients) c.destroy();
  },
});

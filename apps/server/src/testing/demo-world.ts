/**
 * The demo database as `npm start` seeds it (SEED_DEMO): `demoTest` gives `demo`, a server on
 * it started once for the file's tests (seeding takes a while) and destroyed after them, with
 * 流山市's workspace id and `login(email)` for the demo's people. Tests on it read; one that
 * changes something keeps to what no other test of its file reads.
 */
import { test } from "vitest";
import { DEMO_PASSWORD } from "../seed/demo.js";
import { findWorkspaceByLgCode } from "../workspaces/workspace-repository.js";
import { startTestServer, type TestServer } from "./fixtures.js";
import { TestBrowser } from "./http-client.js";

export interface DemoWorld {
  server: TestServer;
  /** 流山市 (122203), the demo's own municipality. */
  nagareyama: string;
  /** The workspace id of the demo municipality with this code. */
  workspaceOf: (lgCode: string) => Promise<string>;
  /** A browser logged in as the demo login with this e-mail (fails the test if refused). */
  login: (email: string) => Promise<TestBrowser>;
}

/** The demo world of a server started with SEED_DEMO=true. */
export async function demoWorldOf(server: TestServer): Promise<DemoWorld> {
  const workspaceOf = async (lgCode: string) => {
    const workspace = await findWorkspaceByLgCode(server.ctx.kysely, lgCode);
    if (!workspace) throw new Error(`no demo municipality ${lgCode}`);
    return workspace.id;
  };
  return {
    server,
    nagareyama: await workspaceOf("122203"),
    workspaceOf,
    login: async (email) => {
      const browser = new TestBrowser(server.origin);
      const res = await browser.login(email, DEMO_PASSWORD);
      if (res.status !== 200) throw new Error(`demo login ${email} refused: ${res.status}`);
      return browser;
    },
  };
}

export const demoTest = test.extend<{ demo: DemoWorld }>({
  demo: [
    // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const server = await startTestServer({ env: { SEED_DEMO: "true" } });
      await use(await demoWorldOf(server));
      await server.destroy();
    },
    { scope: "file" },
  ],
});

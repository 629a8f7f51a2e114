import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect } from "vitest";
import { dataDirTest } from "../testing/data-dir-test.js";
import { createUser, storeEnvFor, TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it } from "../testing/workspace-world.js";
import { ProvisionError, provisionWorkspace } from "./provision-workspace.js";

const input = { name: "柏市", lgCode: "122173", adminEmail: "Jimu@Kashiwa.example.jp", adminName: "柏 太郎" };

describe("provisioning a municipality", () => {
  it("creates the workspace, its 事務局 group and a secretariat who can log in with the initial password", async ({
    server,
  }) => {
    const done = await provisionWorkspace(server.ctx, input);
    expect(done.prefecture).toBe("千葉県");
    expect(done.initialPassword).toMatch(/^[a-z2-7]{20}$/);
    const browser = new TestBrowser(server.origin);
    expect((await browser.login("jimu@kashiwa.example.jp", done.initialPassword as string)).status).toBe(200);
    const detail = await browser.get<{ role: string; workspace: { lgCode: string } }>(
      `/api/workspaces/${done.workspaceId}`,
    );
    expect(detail.body).toMatchObject({ role: "secretariat", workspace: { lgCode: "122173" } });
    const groups = await server.ctx.db.all<{ name: string; kind: string }>(
      "SELECT name, kind FROM groups WHERE workspace_id = ?",
      [done.workspaceId],
    );
    expect(groups).toEqual([{ name: "事務局", kind: "secretariat" }]);
    expect(
      await server.ctx.db.get(
        "SELECT 1 FROM audit_log WHERE event = 'workspace.created' AND workspace_id = ?",
        [done.workspaceId],
      ),
    ).toBeDefined();
  });

  it("adds an existing account without touching its password, and refuses bad or taken codes in Japanese", async ({
    server,
  }) => {
    const user = await createUser(server.ctx.kysely, { email: "shared@example.jp" });
    const done = await provisionWorkspace(server.ctx, {
      ...input,
      adminEmail: "shared@example.jp",
    });
    expect(done.initialPassword).toBeNull();
    const browser = new TestBrowser(server.origin);
    const login = await browser.login("shared@example.jp", TEST_PASSWORD);
    expect(login.body).toMatchObject({ user: { id: user.id } });

    await expect(provisionWorkspace(server.ctx, input)).rejects.toThrow(/既に登録されています/);
    await expect(provisionWorkspace(server.ctx, { ...input, lgCode: "122174" })).rejects.toThrow(/検査数字/);
    await expect(provisionWorkspace(server.ctx, { ...input, lgCode: "12217" })).rejects.toBeInstanceOf(
      ProvisionError,
    );
  });
});

describe("npm run workspace:create", () => {
  const cli = fileURLToPath(new URL("../cli/create-workspace.ts", import.meta.url));
  const run = async (args: string[], dataDir: string) =>
    promisify(execFile)("npx", ["tsx", cli, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, ...(await storeEnvFor(dataDir)) },
    }).then(
      (r) => ({ code: 0, ...r }),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );

  dataDirTest(
    "prints the login and initial password, and a clear error for a wrong code",
    async ({ dataDir, boot }) => {
      const args = [
        "--name",
        "柏市",
        "--code",
        "122173",
        "--email",
        "jimu@kashiwa.example.jp",
        "--admin",
        "柏 太郎",
      ];
      const ok = await run(args, dataDir);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain("自治体「柏市」（千葉県、122173）を登録しました。");
      const password = /初期パスワード: (\S+)/.exec(ok.stdout)?.[1];
      expect(password).toBeDefined();

      const bad = await run(
        ["--name", "柏市", "--code", "122174", "--email", "a@b.jp", "--admin", "x"],
        dataDir,
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("検査数字が正しくありません");

      // The account works on a server started on the same data.
      const server = await boot();
      expect(
        (await new TestBrowser(server.origin).login("jimu@kashiwa.example.jp", password as string)).status,
      ).toBe(200);
    },
    60_000,
  );
});

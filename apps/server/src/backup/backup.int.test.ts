/**
 * Backups of a running server under write load: `npm run backup` runs (as its own process)
 * while a y-websocket client types and each change is acknowledged as stored; the backup,
 * restored into a fresh data directory, holds everything acknowledged before it began.
 * Generations are kept, a damaged file is never a backup, and a database in use is not
 * restored over.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect } from "vitest";
import { tempDataDir } from "../testing/fixtures.js";
import { collabDataDir, processTest as it, storedIn } from "../testing/server-process.js";
import { listBackups } from "./backup.js";

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL("../..", import.meta.url));

/** Runs an npm-script CLI of the server (as `npm run backup` / `restore` do). */
function cli(script: "backup" | "restore", env: Record<string, string>, args: string[] = []) {
  return run(process.execPath, ["--import", "tsx", `src/cli/${script}.ts`, ...args], {
    cwd: serverDir,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
  });
}

async function storedText(dataDir: string, docName: string): Promise<string> {
  return (await storedIn(dataDir, docName)).getText("t").toString();
}

describe("npm run backup / restore", () => {
  it("backs up a running server under write load, and the restore holds everything acknowledged before", {
    timeout: 120_000,
  }, async ({ spawnServer, connect }) => {
    const { dataDir, world } = await collabDataDir();
    // The typist writes as fast as acknowledgements come: far above a person's rate.
    const server = await spawnServer(dataDir, { COLLAB_WRITES_PER_MINUTE: "1000000" });
    const typist = connect(server, world.alice.cookie, world.docName);
    await typist.synced();

    // Types continuously; after each burst, the save acknowledgement says what is stored.
    let acknowledged = "";
    let typing = true;
    const typed = (async () => {
      for (let i = 0; typing; i++) {
        for (let k = 0; k < 5; k++) typist.text.insert(typist.text.length, "在宅医療介護連携"[(i + k) % 8]);
        const sent = typist.text.toString();
        if (await typist.acknowledged()) acknowledged = sent;
      }
    })();
    await expect
      .poll(() => acknowledged.length, { message: "typing acknowledged", timeout: 20_000 })
      .toBeGreaterThan(200);

    const backupDir = join(dataDir, "backups");
    const before = acknowledged;
    const { stdout } = await cli("backup", { DATA_DIR: dataDir, BACKUP_DIR: backupDir });
    expect(stdout).toContain("バックアップを作成しました");
    // Typing went on during the backup.
    const after = acknowledged;
    await expect
      .poll(() => acknowledged.length, { message: "typing after the backup", timeout: 5_000 })
      .toBeGreaterThan(after.length);
    typing = false;
    await typed;

    // A database in use is not restored over.
    const [file] = listBackups(backupDir);
    await expect(cli("restore", { DATA_DIR: dataDir }, [file])).rejects.toMatchObject({
      stderr: expect.stringContaining("サーバーを停止してから"),
    });
    await server.kill("SIGTERM");

    const fresh = tempDataDir();
    const restored = await cli("restore", { DATA_DIR: fresh, BACKUP_DIR: backupDir }, ["--latest"]);
    expect(restored.stdout).toContain("復元しました");
    const text = await storedText(fresh, world.docName);
    expect(text.startsWith(before)).toBe(true);
    expect(before.length).toBeGreaterThan(200);

    // Restoring over an existing database keeps the replaced file.
    const again = await cli("restore", { DATA_DIR: dataDir, BACKUP_DIR: backupDir }, ["--latest"]);
    expect(again.stdout).toContain("before-restore-");
    expect(readdirSync(dataDir).some((n) => n.startsWith("tsumugi.sqlite.before-restore-"))).toBe(true);
    expect((await storedText(dataDir, world.docName)).startsWith(before)).toBe(true);
  });

  it("keeps the newest BACKUP_KEEP backups, and never keeps a damaged file as one", {
    timeout: 60_000,
  }, async () => {
    const { dataDir } = await collabDataDir();
    const backupDir = join(dataDir, "backups");
    for (let i = 0; i < 3; i++) {
      await cli("backup", { DATA_DIR: dataDir, BACKUP_DIR: backupDir, BACKUP_KEEP: "2" });
      // Backups are named by the second they were taken: the next one in the next second.
      const second = Math.floor(Date.now() / 1000);
      await expect.poll(() => Math.floor(Date.now() / 1000), { timeout: 2_000 }).toBeGreaterThan(second);
    }
    expect(listBackups(backupDir)).toHaveLength(2);

    const damaged = join(backupDir, "tsumugi-20990101T000000Z.sqlite");
    writeFileSync(damaged, "not a database");
    await expect(
      cli("restore", { DATA_DIR: tempDataDir(), BACKUP_DIR: backupDir }, ["--latest"]),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining("復元に失敗しました"),
    });
    expect(existsSync(damaged)).toBe(true);
  });
});

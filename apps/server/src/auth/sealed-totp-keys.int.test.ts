/**
 * TOTP keys at rest: sealed with the personal data key, never in the SQLite file, its WAL or
 * a backup in the clear; keys stored in the clear before (migration 10) are sealed at start;
 * a key rotation re-seals them; start is refused without the key that sealed them.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterEach, describe, expect, it } from "vitest";
import { backupDatabase } from "../backup/backup.js";
import { PERSONAL_DATA_KEY_FILE } from "../config.js";
import { prependNewKey } from "../personal-data/keyring.js";
import { DATABASE_FILE } from "../server.js";
import {
  createUser,
  createWorkspace,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  tempDataDir,
} from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { currentStep, newTotpKey } from "./two-factor.js";

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<TestServer> {
  const s = await startTestServer({ dataDir });
  servers.push(s);
  return s;
}
async function stop(s: TestServer): Promise<void> {
  servers.splice(servers.indexOf(s), 1);
  await s.stop();
}

const codeFor = (key: Uint8Array, step = currentStep()) => generateHOTP(key, BigInt(step), 6);

/** The ways a key's bytes could be found in a file: raw, base32 (as shown), base64, hex. */
function forms(key: Uint8Array): Buffer[] {
  const b = Buffer.from(key);
  return [
    b,
    Buffer.from(encodeBase32UpperCaseNoPadding(key)),
    Buffer.from(b.toString("base64")),
    Buffer.from(b.toString("hex")),
  ];
}
function holds(bytes: Buffer, key: Uint8Array): boolean {
  return forms(key).some((f) => bytes.includes(f));
}

/** The database file and its WAL as the server has them (raw bytes, not through SQLite). */
function rawDatabase(dataDir: string): Buffer {
  const db = join(dataDir, DATABASE_FILE);
  const wal = (() => {
    try {
      return readFileSync(`${db}-wal`);
    } catch {
      return Buffer.alloc(0);
    }
  })();
  return Buffer.concat([readFileSync(db), wal]);
}

async function enrol(server: TestServer, email: string): Promise<{ key: Uint8Array; browser: TestBrowser }> {
  const browser = new TestBrowser(server.origin);
  expect((await browser.login(email, TEST_PASSWORD)).status).toBe(200);
  const setup = await browser.post<{ uri: string }>("/api/auth/two-factor/setup");
  const key = decodeBase32IgnorePadding(new URL(setup.body.uri).searchParams.get("secret") ?? "");
  // The key being set up is sealed already.
  const pending = await server.ctx.db.get<{
    totp_pending_key_sealed: string;
    totp_pending_key: Buffer | null;
  }>("SELECT totp_pending_key_sealed, totp_pending_key FROM users WHERE email = ?", [email]);
  expect(pending?.totp_pending_key_sealed).toMatch(/^pd1\./);
  expect(pending?.totp_pending_key).toBeNull();
  expect(holds(rawDatabase(server.dataDir), key)).toBe(false);
  const enabled = await browser.post("/api/auth/two-factor/enable", { code: codeFor(key) });
  expect(enabled.status).toBe(200);
  await server.ctx.db.run("UPDATE users SET totp_last_step = totp_last_step - 2 WHERE email = ?", [email]);
  return { key, browser };
}

async function loginWithCode(server: TestServer, email: string, code: string): Promise<number> {
  const browser = new TestBrowser(server.origin);
  expect((await browser.login(email, TEST_PASSWORD)).body).toEqual({ secondStep: "code" });
  return (await browser.post("/api/auth/login/code", { code })).status;
}

describe("TOTP keys at rest", () => {
  it("are sealed with the personal data key: not in the SQLite file, its WAL or a backup, and codes still work", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const server = await start(dataDir);
    const workspaceId = await createWorkspace(server.ctx.db);
    await createUser(server.ctx.db, { workspaceId, role: "coordinator", email: "soudan@example.jp" });
    const { key } = await enrol(server, "soudan@example.jp");
    const row = await server.ctx.db.get<Record<string, unknown>>(
      "SELECT totp_key, totp_pending_key, totp_pending_key_sealed, totp_key_sealed, totp_key_id FROM users WHERE email = ?",
      ["soudan@example.jp"],
    );
    expect(row).toMatchObject({
      totp_key: null,
      totp_pending_key: null,
      totp_pending_key_sealed: null,
      totp_key_id: server.ctx.personalData.current.id,
    });
    expect(row?.totp_key_sealed).toMatch(new RegExp(`^pd1\\.${server.ctx.personalData.current.id}\\.`));
    expect(await loginWithCode(server, "soudan@example.jp", codeFor(key))).toBe(200);

    // The scan is real: the same search finds a key that is stored in the clear.
    const probe = newTotpKey();
    expect(holds(Buffer.concat([Buffer.from("x"), Buffer.from(probe)]), probe)).toBe(true);
    expect(holds(rawDatabase(dataDir), key)).toBe(false);
    const backup = await backupDatabase(join(dataDir, DATABASE_FILE), join(dataDir, "backups"), 2);
    expect(holds(readFileSync(backup.file), key)).toBe(false);
    await stop(server);
    expect(holds(rawDatabase(dataDir), key)).toBe(false);
  });

  it("stored in the clear before are sealed at start; rotated keys re-seal them; without the key start is refused", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    let server = await start(dataDir);
    const workspaceId = await createWorkspace(server.ctx.db);
    const user = await createUser(server.ctx.db, {
      workspaceId,
      role: "secretariat",
      email: "jimu@example.jp",
    });
    // As migration 10's code stored it: the key itself in users.totp_key.
    const key = newTotpKey();
    await server.ctx.db.run(
      "UPDATE users SET totp_key = ?, totp_enabled_at = ?, totp_last_step = ? WHERE email = ?",
      [Buffer.from(key), Date.now(), currentStep() - 2, "jimu@example.jp"],
    );
    await stop(server);
    expect(holds(rawDatabase(dataDir), key)).toBe(true);

    server = await start(dataDir);
    const row = await server.ctx.db.get<{ totp_key: Buffer | null; totp_key_sealed: string | null }>(
      "SELECT totp_key, totp_key_sealed FROM users WHERE id = ?",
      [user.id],
    );
    expect(row?.totp_key).toBeNull();
    expect(row?.totp_key_sealed).toMatch(/^pd1\./);
    // Not left behind in free pages or the WAL either.
    expect(holds(rawDatabase(dataDir), key)).toBe(false);
    expect(await loginWithCode(server, "jimu@example.jp", codeFor(key))).toBe(200);
    await stop(server);
    expect(holds(rawDatabase(dataDir), key)).toBe(false);

    // Rotation: the server re-seals the TOTP key with the new first key in the background.
    const keyFile = join(dataDir, PERSONAL_DATA_KEY_FILE);
    const saved = readFileSync(keyFile, "utf8");
    const fresh = prependNewKey(keyFile);
    server = await start(dataDir);
    await server.desk.idle();
    expect(
      await server.ctx.db.all("SELECT DISTINCT totp_key_id FROM users WHERE totp_key_id IS NOT NULL"),
    ).toEqual([{ totp_key_id: fresh.id }]);
    expect(await loginWithCode(server, "jimu@example.jp", codeFor(key, currentStep() + 1))).toBe(200);
    await stop(server);

    // Without the key that sealed it, the server does not start (a new key would not open it).
    rmSync(keyFile);
    await expect(startTestServer({ dataDir })).rejects.toThrow(/no key is configured.*Start refused/);
    // With the old key alone, neither: the TOTP key is sealed with the new one now.
    writeFileSync(keyFile, saved, { mode: 0o600 });
    await expect(startTestServer({ dataDir })).rejects.toThrow(
      new RegExp(`key ${fresh.id}, which is not configured`),
    );
  });
});

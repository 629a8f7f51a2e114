/**
 * TOTP keys at rest: sealed with the personal data key, never in the SQLite file, its WAL or
 * a backup in the clear; keys stored in the clear before (migration 10) are sealed at start;
 * a key rotation re-seals them; start is refused without the key that sealed them.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { describe, expect } from "vitest";
import { backupDatabase } from "../backup/backup.js";
import { DATABASE_FILE, PERSONAL_DATA_KEY_FILE } from "../config.js";
import { prependNewKey } from "../personal-data/keyring.js";
import { dataDirTest } from "../testing/data-dir-test.js";
import { TEST_PASSWORD, type TestServer } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { type Person, seedWorkspaceWorld, workspaceTest } from "../testing/workspace-world.js";
import { currentStep, newTotpKey } from "./two-factor.js";

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

/** The TOTP columns of the person's row. */
function totpColumns(server: TestServer, id: string) {
  return server.ctx.kysely
    .selectFrom("users")
    .select(["totp_key", "totp_pending_key", "totp_pending_key_sealed", "totp_key_sealed", "totp_key_id"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** The person (logged in with the password) enrols from the settings. */
async function enrol(server: TestServer, person: Person): Promise<Uint8Array> {
  const setup = await person.browser.post<{ uri: string }>("/api/auth/two-factor/setup");
  const key = decodeBase32IgnorePadding(new URL(setup.body.uri).searchParams.get("secret") ?? "");
  // The key being set up is sealed already.
  const pending = await totpColumns(server, person.id);
  expect(pending.totp_pending_key_sealed).toMatch(/^pd1\./);
  expect(pending.totp_pending_key).toBeNull();
  expect(holds(rawDatabase(server.dataDir), key)).toBe(false);
  const enabled = await person.browser.post("/api/auth/two-factor/enable", { code: codeFor(key) });
  expect(enabled.status).toBe(200);
  await server.ctx.kysely
    .updateTable("users")
    .set((eb) => ({ totp_last_step: eb("totp_last_step", "-", 2) }))
    .where("id", "=", person.id)
    .execute();
  return key;
}

async function loginWithCode(server: TestServer, email: string, code: string): Promise<number> {
  const browser = new TestBrowser(server.origin);
  expect((await browser.login(email, TEST_PASSWORD)).body).toEqual({ secondStep: "code" });
  return (await browser.post("/api/auth/login/code", { code })).status;
}

describe("TOTP keys at rest", () => {
  workspaceTest(
    "are sealed with the personal data key: not in the SQLite file, its WAL or a backup, and codes still work",
    async ({ server, world: w }) => {
      const key = await enrol(server, w.member);
      expect(await totpColumns(server, w.member.id)).toMatchObject({
        totp_key: null,
        totp_pending_key: null,
        totp_pending_key_sealed: null,
        totp_key_id: server.ctx.personalData.current.id,
      });
      expect((await totpColumns(server, w.member.id)).totp_key_sealed).toMatch(
        new RegExp(`^pd1\\.${server.ctx.personalData.current.id}\\.`),
      );
      expect(await loginWithCode(server, w.member.email, codeFor(key))).toBe(200);

      // The scan is real: the same search finds a key that is stored in the clear.
      const probe = newTotpKey();
      expect(holds(Buffer.concat([Buffer.from("x"), Buffer.from(probe)]), probe)).toBe(true);
      expect(holds(rawDatabase(server.dataDir), key)).toBe(false);
      const backup = await backupDatabase(
        join(server.dataDir, DATABASE_FILE),
        join(server.dataDir, "backups"),
        2,
      );
      expect(holds(readFileSync(backup.file), key)).toBe(false);
      await server.stop();
      expect(holds(rawDatabase(server.dataDir), key)).toBe(false);
    },
  );

  dataDirTest(
    "stored in the clear before are sealed at start; rotated keys re-seal them; without the key start is refused",
    async ({ dataDir, boot }) => {
      const first = await boot();
      const w = await seedWorkspaceWorld(first);
      // As migration 10's code stored it: the key itself in users.totp_key.
      const key = newTotpKey();
      await first.ctx.kysely
        .updateTable("users")
        .set({ totp_key: Buffer.from(key), totp_enabled_at: Date.now(), totp_last_step: currentStep() - 2 })
        .where("id", "=", w.admin.id)
        .execute();
      await first.stop();
      expect(holds(rawDatabase(dataDir), key)).toBe(true);

      let server = await boot();
      const row = await totpColumns(server, w.admin.id);
      expect(row.totp_key).toBeNull();
      expect(row.totp_key_sealed).toMatch(/^pd1\./);
      // Not left behind in free pages or the WAL either.
      expect(holds(rawDatabase(dataDir), key)).toBe(false);
      expect(await loginWithCode(server, w.admin.email, codeFor(key))).toBe(200);
      await server.stop();
      expect(holds(rawDatabase(dataDir), key)).toBe(false);

      // Rotation: the server re-seals the TOTP key with the new first key in the background.
      const keyFile = join(dataDir, PERSONAL_DATA_KEY_FILE);
      const saved = readFileSync(keyFile, "utf8");
      const fresh = prependNewKey(keyFile);
      server = await boot();
      await server.desk.idle();
      expect(
        await server.ctx.kysely
          .selectFrom("users")
          .select("totp_key_id")
          .distinct()
          .where("totp_key_id", "is not", null)
          .execute(),
      ).toEqual([{ totp_key_id: fresh.id }]);
      expect(await loginWithCode(server, w.admin.email, codeFor(key, currentStep() + 1))).toBe(200);
      await server.stop();

      // Without the key that sealed it, the server does not start (a new key would not open it).
      rmSync(keyFile);
      await expect(boot()).rejects.toThrow(/no key is configured.*Start refused/);
      // With the old key alone, neither: the TOTP key is sealed with the new one now.
      writeFileSync(keyFile, saved, { mode: 0o600 });
      await expect(boot()).rejects.toThrow(new RegExp(`key ${fresh.id}, which is not configured`));
    },
  );
});

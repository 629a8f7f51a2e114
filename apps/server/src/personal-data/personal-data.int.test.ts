/**
 * Personal data at rest: no identifying field of a consultation in the SQLite file, its WAL,
 * a backup or the server's log; the keys (generated on a fresh start, required once data is
 * encrypted, rotated without stopping the desk); retention.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { backupDatabase } from "../backup/backup.js";
import { ConfigError, DATABASE_FILE, PERSONAL_DATA_KEY_FILE } from "../config.js";
import { newConsultation, seedDeskWorld } from "../testing/desk-world.js";
import { startTestServer, TEST_PASSWORD, type TestServer, tempDataDir } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { seedWorkspaceWorld, workspaceTest } from "../testing/workspace-world.js";
import { keepOnlyCurrentKey, newKeyText, prependNewKey, readKeyFile } from "./keyring.js";
import { PersonalDataVault } from "./vault.js";

/** Identifying text typed in this test: none of it may be stored or logged in the clear. */
const IDENTIFYING = {
  name: "鈴木 試験花子",
  kana: "スズキ シケンハナコ",
  contact: "090-9876-5432",
  address: "流山市試験町九丁目9番9号",
  birthDate: "1941-02-13",
  notes: "長男は試験市に在住",
};
const CONTACT_TEXT = {
  consulter: { name: "高橋 試験子", organisation: "試験居宅介護支援事業所", contact: "03-5555-0101" },
  content: "試験用の相談内容：在宅での看取りを希望している。",
  responseDetail: "試験用の対応：訪問診療医と訪問看護を紹介した。",
};
const CHANGED_CONTACT = "080-2468-1357";

function plainTexts(): string[] {
  return [
    ...Object.values(IDENTIFYING),
    ...Object.values(CONTACT_TEXT.consulter),
    CONTACT_TEXT.content,
    CONTACT_TEXT.responseDetail,
    CHANGED_CONTACT,
    // A part is as bad as the whole.
    "試験花子",
    "シケンハナコ",
  ];
}

/** The strings of `needles` found in `bytes` as UTF-8 (SQLite's TEXT encoding) or UTF-16. */
function found(bytes: Buffer, needles: readonly string[]): string[] {
  return needles.filter(
    (n) => bytes.includes(Buffer.from(n, "utf8")) || bytes.includes(Buffer.from(n, "utf16le")),
  );
}

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of servers.splice(0)) await s.stop().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string, env: Record<string, string> = {}): Promise<TestServer> {
  const s = await startTestServer({ dataDir, env });
  servers.push(s);
  return s;
}

async function stop(s: TestServer): Promise<void> {
  servers.splice(servers.indexOf(s), 1);
  await s.stop();
}

describe("personal data at rest", () => {
  // A scan of SQLite's files: on PostgreSQL (integration-pg) there are none to scan.
  it.skipIf(process.env.TSUMUGI_TEST_DATABASE === "postgres")(
    "is in no SQLite file, WAL, backup or log line in the clear, through create, change, read, search and export",
    async () => {
      const dataDir = tempDataDir();
      dirs.push(dataDir);
      let logged = "";
      const write = process.stderr.write.bind(process.stderr);
      vi.spyOn(process.stderr, "write").mockImplementation(
        (chunk: string | Uint8Array, ...rest: unknown[]) => {
          logged += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
          return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
        },
      );
      const server = await start(dataDir, { LOG_LEVEL: "debug" });
      const w = await seedWorkspaceWorld(server);
      const d = await seedDeskWorld(server, w);
      const created = await d.coordinator.browser.post<{ consultation: { id: string; caseId: string } }>(
        `${w.base}/consultations`,
        { ...newConsultation(d.deskId, CONTACT_TEXT, IDENTIFYING) },
      );
      expect(created.status).toBe(201);
      const { caseId, id } = created.body.consultation;
      await d.coordinator.browser.patch(`${w.base}/consultations/cases/${caseId}`, {
        person: { contact: CHANGED_CONTACT },
      });
      await d.coordinator.browser.patch(`${w.base}/consultations/${id}`, {
        content: `${CONTACT_TEXT.content}（追記）`,
      });
      const read = await d.coordinator.browser.get<{ case: { person: { name: string } } }>(
        `${w.base}/consultations/cases/${caseId}`,
      );
      expect(read.body.case.person.name).toBe(IDENTIFYING.name);
      const hits = await d.coordinator.browser.post<{ cases: unknown[] }>(`${w.base}/consultations/search`, {
        name: IDENTIFYING.name,
      });
      expect(hits.body.cases).toHaveLength(1);
      // A refused draft of an example that names the person is not stored either.
      const refused = await d.coordinator.browser.post(`${w.base}/consultations/examples`, {
        consultationId: id,
        title: "事例",
        question: `${IDENTIFYING.name}さんの件`,
        answer: "対応",
      });
      expect(refused.status).toBe(400);
      const exported = await d.coordinator.browser.post(`${w.base}/consultations/exports`, {
        kind: "records",
        format: "csv",
        fiscalYear: 2025,
        reason: "evaluation",
      });
      expect(exported.status).toBe(200);

      // While the server runs: the database file and its WAL (where the latest pages are).
      const db = join(dataDir, DATABASE_FILE);
      expect(existsSync(`${db}-wal`)).toBe(true);
      const live = Buffer.concat([readFileSync(db), readFileSync(`${db}-wal`)]);
      // The scan reads what is there: text that is not protected (the desk's name) is found.
      expect(found(live, ["北部在宅医療・介護連携相談支援室"])).toHaveLength(1);
      expect(found(live, plainTexts())).toEqual([]);

      // A backup made as `npm run backup` makes it.
      const backupDir = join(dataDir, "backups");
      const backup = await backupDatabase(db, backupDir, 3);
      expect(found(readFileSync(backup.file), plainTexts())).toEqual([]);

      // After a clean stop (WAL folded into the file) and in every file of the data directory.
      await stop(server);
      for (const name of readdirSync(dataDir)) {
        const path = join(dataDir, name);
        if (statSync(path).isFile()) expect(found(readFileSync(path), plainTexts()), name).toEqual([]);
      }
      // The log had lines (the generated key, requests) and none of the text.
      expect(logged).toContain("personal data key generated");
      expect(found(Buffer.from(logged, "utf8"), plainTexts())).toEqual([]);
    },
  );
});

describe("personal data keys", () => {
  it("are generated on a fresh start, required once data is encrypted, and rotated while the desk keeps working", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const keyFile = join(dataDir, PERSONAL_DATA_KEY_FILE);
    let server = await start(dataDir);
    expect(server.personalDataKeyGenerated).toBe(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const firstKey = new PersonalDataVault(readKeyFile(keyFile)).current.id;
    const w = await seedWorkspaceWorld(server);
    const d = await seedDeskWorld(server, w);
    const created = await d.coordinator.browser.post<{ consultation: { caseId: string } }>(
      `${w.base}/consultations`,
      newConsultation(d.deskId),
    );
    const caseId = created.body.consultation.caseId;
    await stop(server);

    // Without its key, a database holding encrypted data does not start (nothing is generated).
    const saved = readFileSync(keyFile, "utf8");
    rmSync(keyFile);
    await expect(startTestServer({ dataDir })).rejects.toThrow(ConfigError);
    await expect(startTestServer({ dataDir })).rejects.toThrow(/no key is configured.*Start refused/);
    expect(existsSync(keyFile)).toBe(false);
    // A key that is not the one the data needs does not start it either.
    writeFileSync(keyFile, `${newKeyText()}\n`, { mode: 0o600 });
    await expect(startTestServer({ dataDir })).rejects.toThrow(
      new RegExp(`key ${firstKey}, which is not configured`),
    );
    // Nor a key file named but missing.
    await expect(
      startTestServer({ dataDir, env: { PERSONAL_DATA_KEY_FILE: join(dataDir, "elsewhere.key") } }),
    ).rejects.toThrow(/does not exist/);

    // Rotation: a new first key, the old one below it. New writes use the new key and the
    // server re-encrypts the old rows in the background.
    writeFileSync(keyFile, saved, { mode: 0o600 });
    const fresh = prependNewKey(keyFile);
    server = await start(dataDir);
    expect(server.personalDataKeyGenerated).toBeNull();
    await server.desk.idle();
    const keys = await server.ctx.db.all<{ key_id: string }>(
      "SELECT key_id FROM consultation_cases UNION ALL SELECT key_id FROM consultations UNION ALL SELECT key_id FROM consultation_name_index",
    );
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(new Set(keys.map((k) => k.key_id))).toEqual(new Set([fresh.id]));
    const admin = await loginTo(server, w.admin.email);
    const search = await admin.post<{ cases: { id: string }[] }>(`${w.base}/consultations/search`, {
      name: "流山 花子",
    });
    expect(search.body.cases.map((c) => c.id)).toEqual([caseId]);
    await stop(server);

    // Once re-encrypted, the old key may go.
    keepOnlyCurrentKey(keyFile);
    expect(readKeyFile(keyFile)).toHaveLength(1);
    server = await start(dataDir);
    const again = await loginTo(server, w.admin.email);
    const opened = await again.get<{ case: { person: { name: string } } }>(
      `${w.base}/consultations/cases/${caseId}`,
    );
    expect(opened.body.case.person.name).toBe("流山 花子");
  });

  it("may come from PERSONAL_DATA_KEYS instead of a file", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const key = newKeyText();
    const server = await start(dataDir, { PERSONAL_DATA_KEYS: key });
    expect(server.personalDataKeyGenerated).toBeNull();
    expect(existsSync(join(dataDir, PERSONAL_DATA_KEY_FILE))).toBe(false);
    expect(server.ctx.personalData.keyIds()).toEqual([
      new PersonalDataVault([Buffer.from(key, "base64")]).current.id,
    ]);
    await expect(
      startTestServer({ dataDir: tempDataDir(), env: { PERSONAL_DATA_KEYS: "short" } }),
    ).rejects.toThrow(ConfigError);
  });
});

describe("retention", () => {
  workspaceTest(
    "anonymises cases past the period: identifying fields gone, statistics kept, nothing changes them again",
    async ({ server, world: w }) => {
      const d = await seedDeskWorld(server, w);
      const old = await d.coordinator.browser.post<{ consultation: { id: string; caseId: string } }>(
        `${w.base}/consultations`,
        newConsultation(d.deskId, { receivedAt: "2019-06-03T10:00" }),
      );
      const recent = await d.coordinator.browser.post<{ consultation: { caseId: string } }>(
        `${w.base}/consultations`,
        newConsultation(d.deskId, { receivedAt: "2025-06-03T10:00" }),
      );
      const caseId = old.body.consultation.caseId;
      // 5 years (the default) after the last contact, as of a day in 2026.
      expect(server.ctx.config.personalData.retentionYears).toBe(5);
      expect(await server.desk.anonymiseNow(Date.parse("2026-01-10T00:00:00Z"))).toBe(1);
      expect(await server.desk.anonymiseNow(Date.parse("2026-01-10T00:00:00Z"))).toBe(0);

      const opened = await d.coordinator.browser.get<{
        case: {
          person: unknown;
          anonymised: boolean;
          contacts: { content: string; consulter: { name: string } }[];
          abilities: Record<string, boolean>;
        };
      }>(`${w.base}/consultations/cases/${caseId}`);
      expect(opened.body.case).toMatchObject({
        person: null,
        anonymised: true,
        abilities: { update: false },
      });
      expect(opened.body.case.contacts[0]).toMatchObject({ content: "", consulter: { name: "" } });
      const rows = await server.ctx.db.all<{ personal: string | null; key_id: string | null }>(
        "SELECT personal, key_id FROM consultations WHERE case_id = ? UNION ALL SELECT personal, key_id FROM consultation_cases WHERE id = ?",
        [caseId, caseId],
      );
      expect(rows).toEqual([
        { personal: null, key_id: null },
        { personal: null, key_id: null },
      ]);
      expect(
        await server.ctx.db.all("SELECT * FROM consultation_name_index WHERE case_id = ?", [caseId]),
      ).toEqual([]);
      // Not found by name any more; the recent case still is.
      const search = await d.coordinator.browser.post<{ cases: { id: string }[] }>(
        `${w.base}/consultations/search`,
        {
          name: "流山 花子",
        },
      );
      expect(search.body.cases.map((c) => c.id)).toEqual([recent.body.consultation.caseId]);
      // Counted still.
      const stats = await d.coordinator.browser.get<{ year: { total: number } }>(
        `${w.base}/consultations/statistics?fy=2019`,
      );
      expect(stats.body.year.total).toBe(1);
      // And never written again.
      const change = await d.coordinator.browser.patch(
        `${w.base}/consultations/${old.body.consultation.id}`,
        {
          content: "追記",
        },
      );
      expect(change.body).toMatchObject({ error: { code: "consultation.anonymised" } });
      const more = await d.coordinator.browser.post(`${w.base}/consultations`, {
        ...newConsultation(d.deskId),
        case: undefined,
        caseId,
      });
      expect(more.status).toBe(409);
      const audit = await server.ctx.db.all<{ actor_user_id: string | null; detail: string }>(
        "SELECT actor_user_id, detail FROM audit_log WHERE event = 'consultation.anonymised'",
      );
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0].detail)).toMatchObject({
        cases: 1,
        caseIds: [caseId],
        before: "2021-01-10",
        retentionYears: 5,
      });
    },
  );
});

/** Logs in to a restarted server (its port, so its origin, is new). */
async function loginTo(server: TestServer, email: string): Promise<TestBrowser> {
  const browser = new TestBrowser(server.origin);
  const res = await browser.login(email, TEST_PASSWORD);
  if (res.status !== 200) throw new Error("login failed");
  return browser;
}

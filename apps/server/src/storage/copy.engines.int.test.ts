/**
 * `npm run db:copy` both ways on real stores: the demo (every feature's tables, people,
 * sealed personal data, documents) on SQLite, with documents whose logs were compacted
 * between other documents' updates, copied by the command into a private PostgreSQL, and
 * from there into a new SQLite file. Every table's rows and every document's Yjs state are
 * the same after each copy, the copies number new updates after the copied ones, and a
 * server started on each copy serves the demo.
 */
import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg_ from "pg";
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { UpdateStore } from "../collab/update-store.js";
import { DATABASE_FILE } from "../config.js";
import { DEMO_PASSWORD } from "../seed/demo.js";
import { storedDocument } from "../testing/collab-clients.js";
import { type PostgresEngine, startPostgres } from "../testing/engines.js";
import { startTestServer, type TestServer, tempDataDir } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import type { Database } from "./database.js";
import { PostgresDatabase } from "./postgres-database.js";
import { SqliteDatabase } from "./sqlite-database.js";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

/**
 * A private PostgreSQL for the test, and what the test opens on disk and in the stores: each
 * closed, stopped or removed after it, whether it passed or not.
 */
const it = test.extend<{
  postgres: PostgresEngine;
  /** A new empty database on `postgres`: its URL. */
  createDatabase: (name: string) => Promise<string>;
  /** A new data directory. */
  newDataDir: () => string;
  /** The store being opened, kept to be closed after the test (closing it sooner is fine). */
  keepOpen: <D extends Database>(opening: Promise<D>) => Promise<D>;
  /** A server started on these settings (startTestServer), stopped after the test if still running. */
  boot: (opts: { dataDir: string; env?: Record<string, string> }) => Promise<TestServer>;
}>({
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
  postgres: async ({}, use) => {
    const engine = await startPostgres();
    await use(engine);
    await engine.stop();
  },
  createDatabase: async ({ postgres }, use) => {
    await use(async (name) => {
      const admin = new pg_.Client({ connectionString: postgres.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      return postgres.urlOf(name);
    });
  },
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
  newDataDir: async ({}, use) => {
    const dirs: string[] = [];
    await use(() => {
      const dir = tempDataDir();
      dirs.push(dir);
      return dir;
    });
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  },
  // The stores and servers go before the engine they use (fixtures end in reverse order).
  keepOpen: async ({ postgres: _ }, use) => {
    const open: Database[] = [];
    await use(async (opening) => {
      const db = await opening;
      open.push(db);
      return db;
    });
    await Promise.allSettled(open.map((d) => d.close()));
  },
  boot: async ({ postgres: _ }, use) => {
    const running = new Set<TestServer>();
    await use(async (opts) => {
      const server = await startTestServer(opts);
      running.add(server);
      const stop = server.stop;
      server.stop = async () => {
        running.delete(server);
        await stop();
      };
      return server;
    });
    for (const server of running) await server.stop();
  },
});

/** `npm run db:copy -- --from … --to …`, as an operator runs it. */
async function dbCopy(from: string, to: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ["--import", "tsx", "cli/db-copy.ts", "--from", from, "--to", to], {
      cwd: serverDir,
      env: { ...process.env, INIT_CWD: serverDir },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function tableNames(db: Database): Promise<string[]> {
  const rows =
    db.dialect === "sqlite"
      ? await db.all<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'",
        )
      : await db.all<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'",
        );
  return rows.map((r) => r.name).sort();
}

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await tableNames(db)) {
    out[t] = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`))?.n);
  }
  return out;
}

async function docNames(db: Database): Promise<string[]> {
  const rows = await db.all<{ doc_name: string }>(
    "SELECT doc_name FROM doc_updates UNION SELECT doc_name FROM doc_snapshots",
  );
  return rows.map((r) => r.doc_name).sort();
}

/** Every document's whole Yjs state, as a client loading it would get it. */
async function states(db: Database): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  for (const name of await docNames(db)) out[name] = Y.encodeStateAsUpdate(await storedDocument(db, name));
  return out;
}

/** Rows of content-bearing tables, compared whole (ids, sealed bytes, times). */
async function rowsOf(db: Database, table: string, order: string): Promise<unknown[]> {
  const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`);
  return rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString("base64") : v])),
  );
}

function text(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

/** Appends `s` to the document's text "t" as a client would, one update per character. */
async function typeInto(store: UpdateStore, db: Database, docName: string, s: string): Promise<void> {
  const doc = await storedDocument(db, docName);
  for (const ch of s) {
    const before = Y.encodeStateVector(doc);
    doc.getText("t").insert(doc.getText("t").length, ch);
    await store.append([{ docName, update: Y.encodeStateAsUpdate(doc, before) }]);
  }
}

describe("npm run db:copy", () => {
  it("copies SQLite to PostgreSQL and back: same rows, same documents, and both serve the demo", {
    timeout: 240_000,
  }, async ({ createDatabase, newDataDir, keepOpen, boot }) => {
    // The demo on SQLite, then two documents typed into in turns (their log rows interleave)
    // and one of them compacted with rows after its snapshot, a third compacted whole.
    const dirA = newDataDir();
    const seeded = await boot({ dataDir: dirA, env: { SEED_DEMO: "true" } });
    const logins = seeded.seeded?.logins ?? [];
    await seeded.stop();
    const sqlite = await keepOpen(SqliteDatabase.open(join(dirA, DATABASE_FILE)));
    const store = new UpdateStore(sqlite);
    await typeInto(store, sqlite, "copy-a", "ab");
    await typeInto(store, sqlite, "copy-b", "xy");
    await typeInto(store, sqlite, "copy-a", "cd");
    await typeInto(store, sqlite, "copy-c", "z");
    const a = await store.load("copy-a");
    await store.compact(
      "copy-a",
      Y.encodeStateAsUpdate(await storedDocument(sqlite, "copy-a")),
      a.lastUpdateId,
    );
    await typeInto(store, sqlite, "copy-b", "!");
    await typeInto(store, sqlite, "copy-a", "e");
    const c = await store.load("copy-c");
    await store.compact(
      "copy-c",
      Y.encodeStateAsUpdate(await storedDocument(sqlite, "copy-c")),
      c.lastUpdateId,
    );
    const countsA = await rowCounts(sqlite);
    const statesA = await states(sqlite);
    const auditA = await rowsOf(sqlite, "audit_log", "id");
    const casesA = await rowsOf(sqlite, "consultation_cases", "id");
    expect(Object.keys(statesA).length).toBeGreaterThan(5);
    expect(countsA.consultation_cases).toBeGreaterThan(0);
    expect(countsA.groups).toBeGreaterThan(5);
    expect(countsA.doc_snapshots).toBeGreaterThanOrEqual(2);
    expect(text(statesA["copy-a"])).toBe("abcde");
    await sqlite.close();

    // SQLite → PostgreSQL, by the command.
    const pgUrl = await createDatabase("copied");
    const there = await dbCopy(dirA, pgUrl);
    expect(there.out).toContain("行数はコピー元とコピー先で一致しています");
    expect(there.code).toBe(0);
    const onPg = await keepOpen(PostgresDatabase.open(pgUrl));
    expect(await rowCounts(onPg)).toEqual(countsA);
    expect(await states(onPg)).toEqual(statesA);
    expect(await rowsOf(onPg, "audit_log", "id")).toEqual(auditA);
    expect(await rowsOf(onPg, "consultation_cases", "id")).toEqual(casesA);
    // The log is numbered per document there: 1, 2, 3 … after each snapshot.
    const ids = await onPg.all<{ id: number }>(
      "SELECT id FROM doc_updates WHERE doc_name = 'copy-b' ORDER BY id",
    );
    expect(ids.map((r) => r.id)).toEqual([1, 2, 3]);
    const snapA = await onPg.get<{ last_update_id: number }>(
      "SELECT last_update_id FROM doc_snapshots WHERE doc_name = 'copy-a'",
    );
    const afterA = await onPg.all<{ id: number }>("SELECT id FROM doc_updates WHERE doc_name = 'copy-a'");
    expect(afterA.map((r) => r.id)).toEqual([(snapA?.last_update_id ?? 0) + 1]);
    // New updates continue each document's sequence, and the identities continue too.
    const pgStore = new UpdateStore(onPg);
    await typeInto(pgStore, onPg, "copy-a", "f");
    await typeInto(pgStore, onPg, "copy-c", "!");
    expect((await pgStore.heads(["copy-a"])).get("copy-a")).toBe((snapA?.last_update_id ?? 0) + 2);
    expect(text(Y.encodeStateAsUpdate(await storedDocument(onPg, "copy-a")))).toBe("abcdef");
    expect(text(Y.encodeStateAsUpdate(await storedDocument(onPg, "copy-c")))).toBe("z!");
    const lastAudit = Math.max(...auditA.map((r) => Number((r as { id: number }).id)));
    const inserted = await onPg.get<{ id: number }>(
      "INSERT INTO audit_log (at, event, detail) VALUES (1, 'copy.check', '{}') RETURNING id",
    );
    expect(inserted?.id).toBe(lastAudit + 1);

    // Copying again into a store that has rows is refused, and changes nothing there.
    const again = await dbCopy(dirA, pgUrl);
    expect(again.code).toBe(1);
    expect(again.out).toContain("コピーできません");
    expect(again.out).toContain("空");
    expect((await rowCounts(onPg)).audit_log).toBe(countsA.audit_log + 1);
    await onPg.close();

    // A node on the copy serves the demo: the secretariat logs in and opens a document.
    const node = await boot({ dataDir: dirA, env: { DATABASE_URL: pgUrl } });
    const browser = new TestBrowser(node.origin);
    const secretariat = logins.find((l) => l.label === "事務局");
    expect((await browser.login(secretariat?.email ?? "", DEMO_PASSWORD)).status).toBe(200);
    const me = await browser.get<{ workspaces: { id: string }[] }>("/api/auth/me");
    expect(me.status).toBe(200);
    const docs = await browser.get<{ documents: { docName: string }[] }>(
      `/api/workspaces/${me.body.workspaces[0]?.id}/documents`,
    );
    expect(docs.status).toBe(200);
    expect(docs.body.documents.length).toBeGreaterThan(0);
    await node.stop();
    // What the copy back must hold: the PostgreSQL store as the node left it (its session too).
    const pgNow = await keepOpen(PostgresDatabase.open(pgUrl));
    const countsPg = await rowCounts(pgNow);
    const statesPg = await states(pgNow);
    expect(countsPg.sessions).toBe(countsA.sessions + 1);
    await pgNow.close();

    // PostgreSQL → a new SQLite file, by the command.
    const dirB = newDataDir();
    const back = await dbCopy(pgUrl, join(dirB, DATABASE_FILE));
    expect(back.out).toContain("行数はコピー元とコピー先で一致しています");
    expect(back.code).toBe(0);
    expect(existsSync(join(dirB, DATABASE_FILE))).toBe(true);
    const sqliteB = await keepOpen(SqliteDatabase.open(join(dirB, DATABASE_FILE)));
    const countsB = await rowCounts(sqliteB);
    expect(countsB).toEqual(countsPg);
    expect(await states(sqliteB)).toEqual(statesPg);
    expect(await rowsOf(sqliteB, "consultation_cases", "id")).toEqual(casesA);
    // One counter for all documents again: a new update gets an id past every copied one
    // and past every snapshot, and loads.
    const storeB = new UpdateStore(sqliteB);
    await typeInto(storeB, sqliteB, "copy-c", "?");
    expect(text(Y.encodeStateAsUpdate(await storedDocument(sqliteB, "copy-c")))).toBe("z!?");
    const top = await sqliteB.get<{ u: number; s: number }>(
      "SELECT (SELECT MAX(id) FROM doc_updates WHERE doc_name <> 'copy-c') AS u, (SELECT MAX(last_update_id) FROM doc_snapshots) AS s",
    );
    const newest = await storeB.heads(["copy-c"]);
    expect(newest.get("copy-c")).toBeGreaterThan(Math.max(top?.u ?? 0, top?.s ?? 0));
    await sqliteB.close();

    // The personal data key goes along with the data: a server on the SQLite copy decrypts it.
    const nodeB = await boot({
      dataDir: dirB,
      env: { PERSONAL_DATA_KEY_FILE: join(dirA, "personal-data.key") },
    });
    const browserB = new TestBrowser(nodeB.origin);
    expect((await browserB.login(secretariat?.email ?? "", DEMO_PASSWORD)).status).toBe(200);
    await nodeB.stop();
  });
});

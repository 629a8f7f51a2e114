/**
 * Integration-test fixtures: a real server on an ephemeral port over a real SQLite file in
 * a temporary directory, plus direct ways to create accounts, sessions and documents.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DocumentKind, docNameOf, newId, type Role } from "@tsumugi/domain";
import { hashPassword } from "../auth/password.js";
import { type Config, loadConfig } from "../config.js";
import { type RunningServer, startServer } from "../server.js";
import type { Queryable } from "../storage/database.js";
import { dropTestDatabase, testDatabaseFor, testPostgresUrl } from "./postgres-test-databases.js";

export interface TestServer extends RunningServer {
  dataDir: string;
  origin: string;
  wsUrl: string;
  /** Stops the server; the data directory is kept so a test can restart on it. */
  stop(): Promise<void>;
  /** Stops and removes the data directory. */
  destroy(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "tsumugi-test-"));
}

export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    SEED_DEMO: "false",
    WEB_DIST: "",
    // TSUMUGI_TEST_LOG_LEVEL=error shows what a failing test's server logged.
    LOG_LEVEL: process.env.TSUMUGI_TEST_LOG_LEVEL || "silent",
    ...env,
  });
}

/**
 * The environment that points a server (or a CLI, or a child process) at the store of
 * `dataDir`: nothing on SQLite (the file is in DATA_DIR); on PostgreSQL (the integration-pg
 * project) DATABASE_URL of the database made for that data directory.
 */
export async function storeEnvFor(dataDir: string): Promise<Record<string, string>> {
  return testPostgresUrl() ? { DATABASE_URL: await testDatabaseFor(dataDir) } : {};
}

export async function startTestServer(
  opts: { dataDir?: string; env?: Record<string, string>; configure?: (c: Config) => void } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const env = { ...(await storeEnvFor(dataDir)), ...opts.env };
  const config = testConfig(dataDir, env);
  opts.configure?.(config);
  const server = await startServer(config);
  const origin = new URL(server.url).origin;
  return {
    ...server,
    dataDir,
    origin,
    wsUrl: `${origin.replace(/^http/, "ws")}/collab`,
    stop: () => server.close(),
    destroy: async () => {
      await server.close();
      await dropTestDatabase(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TEST_PASSWORD = "correct horse battery";

let cachedHash: Promise<string> | null = null;
/** Argon2 is slow on purpose; tests share one hash of TEST_PASSWORD. */
function testPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export async function createWorkspace(
  db: Queryable,
  fields: Partial<{ name: string; prefecture: string; lgCode: string }> = {},
): Promise<string> {
  const id = newId();
  await db.run("INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES (?, ?, ?, ?, ?)", [
    id,
    fields.name ?? "流山市",
    fields.prefecture ?? "千葉県",
    fields.lgCode ?? `t${id.slice(0, 5)}`,
    Date.now(),
  ]);
  return id;
}

export async function createUser(
  db: Queryable,
  fields: { email?: string; name?: string; workspaceId?: string; role?: Role; groupIds?: string[] } = {},
): Promise<{ id: string; email: string; password: string }> {
  const id = newId();
  const email = fields.email ?? `${id}@example.jp`;
  const now = Date.now();
  await db.run(
    "INSERT INTO users (id, email, name, organization, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [id, email, fields.name ?? `利用者${id.slice(0, 4)}`, "テスト医師会", await testPasswordHash(), now, now],
  );
  if (fields.workspaceId) {
    await db.run("INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)", [
      fields.workspaceId,
      id,
      fields.role ?? "member",
      now,
    ]);
  }
  for (const groupId of fields.groupIds ?? []) {
    await db.run("INSERT INTO group_members (group_id, user_id) VALUES (?, ?)", [groupId, id]);
  }
  return { id, email, password: TEST_PASSWORD };
}

export async function createGroup(
  db: Queryable,
  workspaceId: string,
  fields: { name?: string; kind?: "plenary" | "division" | "team" | "secretariat" } = {},
): Promise<string> {
  const id = newId();
  await db.run("INSERT INTO groups (id, workspace_id, name, kind, created_at) VALUES (?, ?, ?, ?, ?)", [
    id,
    workspaceId,
    fields.name ?? `班${id.slice(0, 4)}`,
    fields.kind ?? "team",
    Date.now(),
  ]);
  return id;
}

export async function createDocument(
  db: Queryable,
  workspaceId: string,
  fields: { title?: string; kind?: DocumentKind; groupId?: string | null; createdBy?: string } = {},
): Promise<{ id: string; docName: string }> {
  const id = newId();
  const docName = docNameOf(workspaceId, id);
  const now = Date.now();
  await db.run(
    "INSERT INTO documents (id, workspace_id, group_id, kind, title, doc_name, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [
      id,
      workspaceId,
      fields.groupId ?? null,
      fields.kind ?? "note",
      fields.title ?? "テスト文書",
      docName,
      fields.createdBy ?? null,
      now,
      now,
    ],
  );
  return { id, docName };
}

/** A logged-in user: the session token and the Cookie header value to send. */
export async function createSession(
  server: RunningServer,
  userId: string,
): Promise<{ token: string; sessionId: string; cookie: string }> {
  const { session, token } = await server.ctx.sessions.create(userId);
  const name = server.ctx.config.publicUrl.startsWith("https:")
    ? "__Host-tsumugi_session"
    : "tsumugi_session";
  return { token, sessionId: session.id, cookie: `${name}=${token}` };
}

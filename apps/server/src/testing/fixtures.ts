/**
 * Integration-test fixtures: a real server on an ephemeral port over a real SQLite file in
 * a temporary directory, plus direct ways to create accounts, sessions and documents.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DocumentKind, docNameOf, type GroupKind, newId, type Role } from "@tsumugi/domain";
import { insertUser } from "../auth/account-repository.js";
import { hashPassword } from "../auth/password.js";
import { type Config, loadConfig } from "../config.js";
import { insertDocument } from "../documents/document-repository.js";
import { addGroupMember, insertGroup } from "../groups/group-repository.js";
import { insertMembership } from "../members/member-repository.js";
import { type RunningServer, startServer } from "../server.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { insertWorkspace } from "../workspaces/workspace-repository.js";
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

/** A workspace, written by the workspaces' repository as provisioning writes it. */
export async function createWorkspace(
  q: QueryBuilder,
  fields: Partial<{ name: string; prefecture: string; lgCode: string }> = {},
): Promise<string> {
  const id = newId();
  const workspace = {
    id,
    name: fields.name ?? "流山市",
    prefecture: fields.prefecture ?? "千葉県",
    lgCode: fields.lgCode ?? `t${id.slice(0, 5)}`,
  };
  if (!(await insertWorkspace(q, workspace, Date.now()))) {
    throw new Error(`a workspace already has the code ${workspace.lgCode}`);
  }
  return id;
}

/**
 * An account with the password TEST_PASSWORD, a member of `workspaceId` (in `role`) and of
 * `groupIds` when given: written in one transaction by the account, member and group
 * repositories.
 */
export async function createUser(
  q: QueryBuilder,
  fields: { email?: string; name?: string; workspaceId?: string; role?: Role; groupIds?: string[] } = {},
): Promise<{ id: string; email: string; password: string }> {
  const id = newId();
  const email = fields.email ?? `${id}@example.jp`;
  const passwordHash = await testPasswordHash();
  const now = Date.now();
  await q.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      email,
      name: fields.name ?? `利用者${id.slice(0, 4)}`,
      organization: "テスト医師会",
      passwordHash,
      createdAt: now,
    });
    if (fields.workspaceId) {
      await insertMembership(trx, {
        workspaceId: fields.workspaceId,
        userId: id,
        role: fields.role ?? "member",
        createdAt: now,
      });
    }
    for (const groupId of fields.groupIds ?? []) {
      if (!(await addGroupMember(trx, groupId, id))) throw new Error(`already in group ${groupId}`);
    }
  });
  return { id, email, password: TEST_PASSWORD };
}

export async function createGroup(
  q: QueryBuilder,
  workspaceId: string,
  fields: { name?: string; kind?: GroupKind } = {},
): Promise<string> {
  const id = newId();
  const name = fields.name ?? `班${id.slice(0, 4)}`;
  const group = { id, workspaceId, name, kind: fields.kind ?? "team", parentId: null, createdAt: Date.now() };
  if (!(await insertGroup(q, group))) throw new Error(`the workspace already has a group ${name}`);
  return id;
}

/** A document's row alone (no content stored yet), as the documents' repository writes it. */
export async function createDocument(
  q: QueryBuilder,
  workspaceId: string,
  fields: { title?: string; kind?: DocumentKind; groupId?: string | null; createdBy?: string } = {},
): Promise<{ id: string; docName: string }> {
  const id = newId();
  const docName = docNameOf(workspaceId, id);
  const now = Date.now();
  await insertDocument(q, {
    id,
    workspaceId,
    groupId: fields.groupId ?? null,
    kind: fields.kind ?? "note",
    title: fields.title ?? "テスト文書",
    docName,
    fiscalYear: null,
    locked: false,
    reviewing: false,
    draftStatus: null,
    publicId: null,
    createdBy: fields.createdBy ?? null,
    createdAt: now,
    updatedAt: now,
    demo: false,
  });
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

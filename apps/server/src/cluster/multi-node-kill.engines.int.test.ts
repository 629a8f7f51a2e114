/**
 * Three Tsumugi nodes as separate processes on one PostgreSQL and one Redis (private
 * instances started here), y-websocket clients spread over them typing into one document;
 * one node is killed with SIGKILL mid-typing. Its clients reconnect to the other nodes (as a
 * load balancer would send them), and no edit is lost: what the save check acknowledged is
 * already in the database when the node dies, and everything converges afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg_ from "pg";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PostgresDatabase } from "../storage/postgres-database.js";
import {
  type CollabWorld,
  connectProvider,
  type ProviderClient,
  seedCollabWorld,
  storedDocument,
  waitFor,
} from "../testing/collab-clients.js";
import { type PostgresEngine, type RedisEngine, startPostgres, startRedis } from "../testing/engines.js";
import { startTestServer, tempDataDir } from "../testing/fixtures.js";

const serverDir = fileURLToPath(new URL("..", import.meta.url));

interface Node {
  id: string;
  url: string;
  proc: ChildProcess;
  output: () => string;
}

let pg: PostgresEngine | undefined;
let redis: RedisEngine | undefined;
const procs: ChildProcess[] = [];
const clients: ProviderClient[] = [];

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
  await Promise.all([pg?.stop(), redis?.stop()]);
});

async function spawnNode(id: string, env: Record<string, string>): Promise<Node> {
  const proc = spawn(process.execPath, ["--import", "tsx", "main.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      ...env,
      NODE_ID: id,
      PORT: "0",
      SEED_DEMO: "false",
      WEB_DIST: "",
      LOG_LEVEL: "warn",
      CLUSTER_CHECK_SECONDS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  procs.push(proc);
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  let url = "";
  await waitFor(
    () => {
      if (proc.exitCode !== null) throw new Error(`node ${id} exited:\n${out}`);
      url = /running: (http:\/\/\S+)/.exec(out)?.[1] ?? "";
      return url !== "";
    },
    `node ${id} start`,
    60_000,
  );
  return { id, url, proc, output: () => out };
}

/** A client as a browser behind the load balancer: its document outlives its connection. */
function connect(node: Node, who: { cookie: string }, docName: string, doc?: Y.Doc): ProviderClient {
  const origin = new URL(node.url).origin;
  const c = connectProvider(`${origin.replace(/^http/, "ws")}/collab`, docName, {
    cookie: who.cookie,
    origin,
    doc,
  });
  clients.push(c);
  return c;
}

interface Typist {
  label: string;
  client: ProviderClient;
  node: Node;
  typed: number;
  /** This client's own clock as of the last save check answered `stored`. */
  acked: number;
}

describe("three node processes", () => {
  it("lose no acknowledged edit when one is killed with SIGKILL while its clients type", {
    timeout: 180_000,
  }, async () => {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    const admin = new pg_.Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query("CREATE DATABASE killed");
    await admin.end();
    const env = { DATABASE_URL: pg.urlOf("killed"), REDIS_URL: redis.url };
    // The schema, the people and the document, made by a node started here and stopped.
    const dataDir = tempDataDir();
    const seeder = await startTestServer({ dataDir, env: { ...env, NODE_ID: "seeder" } });
    const world: CollabWorld = await seedCollabWorld(seeder);
    await seeder.stop();
    const env2 = { ...env, DATA_DIR: dataDir };
    const nodes = [await spawnNode("n1", env2), await spawnNode("n2", env2), await spawnNode("n3", env2)];

    const typists: Typist[] = [];
    for (const [i, node] of nodes.entries()) {
      for (const [j, who] of [world.alice, world.bob].entries()) {
        const label = "ABCDEF"[i * 2 + j];
        typists.push({ label, client: connect(node, who, world.docName), node, typed: 0, acked: 0 });
      }
    }
    await Promise.all(typists.map((t) => t.client.synced()));

    let typing = true;
    const loops = typists.map(async (t) => {
      while (typing) {
        if (t.client.provider.wsconnected) {
          t.client.text.insert(t.client.text.length, t.label);
          t.typed++;
        }
        await new Promise((r) => setTimeout(r, 3));
      }
    });
    let acking = true;
    const ackLoops = typists.map(async (t) => {
      while (acking) {
        const clock = Y.decodeStateVector(Y.encodeStateVector(t.client.doc)).get(t.client.doc.clientID) ?? 0;
        const stored = await Promise.race([
          t.client.acknowledged().catch(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(false), 2_000)),
        ]);
        if (stored && clock > t.acked) t.acked = clock;
        await new Promise((r) => setTimeout(r, 20));
      }
    });

    // Everyone is typing and being acknowledged on every node.
    await waitFor(() => typists.every((t) => t.acked > 30), "acknowledged typing on every node", 60_000);
    const victim = nodes[1];
    const exited = new Promise((r) => victim.proc.once("exit", r));
    victim.proc.kill("SIGKILL");
    await exited;
    const orphans = typists.filter((t) => t.node === victim);
    // What the save check acknowledged on the killed node is in the database: a fresh
    // client on another node, before the orphans reconnect and could send it again, has it.
    const acked = new Map(orphans.map((t) => [t.client.doc.clientID, t.acked]));
    const fresh = connect(nodes[0], world.olive, world.docName);
    await fresh.synced();
    const freshVector = Y.decodeStateVector(Y.encodeStateVector(fresh.doc));
    const db = await PostgresDatabase.open(env.DATABASE_URL, { poolSize: 1 });
    const storedVector = Y.decodeStateVector(Y.encodeStateVector(await storedDocument(db, world.docName)));
    await db.close();
    for (const [clientId, clock] of acked) {
      expect(clock).toBeGreaterThan(0);
      expect(storedVector.get(clientId) ?? 0).toBeGreaterThanOrEqual(clock);
      expect(freshVector.get(clientId) ?? 0).toBeGreaterThanOrEqual(clock);
    }

    // The orphans' browsers reconnect through the load balancer to the living nodes, with
    // their documents (and the edits the dead node never acknowledged).
    for (const [k, t] of orphans.entries()) {
      const doc = t.client.doc;
      t.client.provider.destroy();
      t.node = nodes[k % 2 === 0 ? 0 : 2];
      t.client = connect(t.node, k === 0 ? world.alice : world.bob, world.docName, doc);
    }
    await Promise.all(orphans.map((t) => t.client.synced()));
    const before = orphans.map((t) => t.typed);
    await waitFor(() => orphans.every((t, k) => t.typed > before[k] + 20), "the orphans type again", 30_000);
    typing = false;
    await Promise.all(loops);
    acking = false;
    await Promise.all(ackLoops);
    for (const t of typists) expect(await t.client.acknowledged()).toBe(true);

    const everyone = [...typists.map((t) => t.client), fresh];
    await waitFor(
      () => everyone.every((c) => c.text.toString() === typists[0].client.text.toString()),
      "every client converges",
      30_000,
    );
    const text = typists[0].client.text.toString();
    for (const t of typists) expect(text.split(t.label).length - 1).toBe(t.typed);
    expect(text.length).toBe(typists.reduce((n, t) => n + t.typed, 0));
    for (const n of [nodes[0], nodes[2]]) expect(n.output()).not.toMatch(/catching up .* failed|unhandled/i);
  });
});

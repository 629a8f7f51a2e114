/**
 * Three Tsumugi nodes as separate processes on one PostgreSQL and one Redis (private
 * instances started here), y-websocket clients spread over them typing into one document;
 * one node is killed with SIGKILL mid-typing. Its clients reconnect to the other nodes (as a
 * load balancer would send them), and no edit is lost: what the save check acknowledged is
 * already in the database when the node dies, and everything converges afterwards.
 */
import pg_ from "pg";
import { afterAll, describe, expect } from "vitest";
import * as Y from "yjs";
import { PostgresDatabase } from "../storage/postgres-database.js";
import {
  type CollabWorld,
  type ProviderClient,
  seedCollabWorld,
  storedDocument,
} from "../testing/collab-clients.js";
import { type PostgresEngine, type RedisEngine, startPostgres, startRedis } from "../testing/engines.js";
import { startTestServer, tempDataDir } from "../testing/fixtures.js";
import { processTest as it, type ServerProcess } from "../testing/server-process.js";

let pg: PostgresEngine | undefined;
let redis: RedisEngine | undefined;

afterAll(async () => {
  await Promise.all([pg?.stop(), redis?.stop()]);
});

interface Typist {
  label: string;
  client: ProviderClient;
  node: ServerProcess;
  typed: number;
  /** This client's own clock as of the last save check answered `stored`. */
  acked: number;
}

describe("three node processes", () => {
  it("lose no acknowledged edit when one is killed with SIGKILL while its clients type", {
    timeout: 180_000,
  }, async ({ spawnServer, connect }) => {
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
    const node = (id: string) =>
      spawnServer(dataDir, { ...env, NODE_ID: id, CLUSTER_CHECK_SECONDS: "1" }, `node ${id}`);
    const nodes = [await node("n1"), await node("n2"), await node("n3")];

    const typists: Typist[] = [];
    for (const [i, node] of nodes.entries()) {
      for (const [j, who] of [world.alice, world.bob].entries()) {
        const label = "ABCDEF"[i * 2 + j];
        typists.push({ label, client: connect(node, who.cookie, world.docName), node, typed: 0, acked: 0 });
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
    await expect
      .poll(() => typists.every((t) => t.acked > 30), {
        message: "acknowledged typing on every node",
        timeout: 60_000,
      })
      .toBe(true);
    const victim = nodes[1];
    await victim.kill("SIGKILL");
    const orphans = typists.filter((t) => t.node === victim);
    // What the save check acknowledged on the killed node is in the database: a fresh
    // client on another node, before the orphans reconnect and could send it again, has it.
    const acked = new Map(orphans.map((t) => [t.client.doc.clientID, t.acked]));
    const fresh = connect(nodes[0], world.olive.cookie, world.docName);
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
      t.client = connect(t.node, (k === 0 ? world.alice : world.bob).cookie, world.docName, doc);
    }
    await Promise.all(orphans.map((t) => t.client.synced()));
    const before = orphans.map((t) => t.typed);
    await expect
      .poll(() => orphans.every((t, k) => t.typed > before[k] + 20), {
        message: "the orphans type again",
        timeout: 30_000,
      })
      .toBe(true);
    typing = false;
    await Promise.all(loops);
    acking = false;
    await Promise.all(ackLoops);
    for (const t of typists) expect(await t.client.acknowledged()).toBe(true);

    const everyone = [...typists.map((t) => t.client), fresh];
    await expect
      .poll(() => everyone.every((c) => c.text.toString() === typists[0].client.text.toString()), {
        message: "every client converges",
        timeout: 30_000,
      })
      .toBe(true);
    const text = typists[0].client.text.toString();
    for (const t of typists) expect(text.split(t.label).length - 1).toBe(t.typed);
    expect(text.length).toBe(typists.reduce((n, t) => n + t.typed, 0));
    for (const n of [nodes[0], nodes[2]]) expect(n.output()).not.toMatch(/catching up .* failed|unhandled/i);
  });
});

/**
 * Three nodes on one PostgreSQL and one Redis (private instances started here), in this
 * process: y-websocket clients spread over the nodes converge, presence crosses nodes, a
 * logout on one node closes the person's sockets on the others, failed logins are counted
 * together, a Redis restart loses
 * nothing, and compaction and periodic versions are done once across the nodes.
 * (Nodes as separate processes, killed with SIGKILL: multi-node-kill.engines.int.test.ts.)
 */
import { CLOSE } from "@tsumugi/domain";
import pg_ from "pg";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { UpdateStore } from "../collab/update-store.js";
import {
  type CollabWorld,
  connectProvider,
  type ProviderClient,
  seedCollabWorld,
  storedDocument,
} from "../testing/collab-clients.js";
import { type PostgresEngine, type RedisEngine, startPostgres, startRedis } from "../testing/engines.js";
import { startTestServer, type TestServer, tempDataDir } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";

let pg: PostgresEngine;
let redis: RedisEngine;
let database = 0;

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([pg?.stop(), redis?.stop()]);
});

interface Cluster {
  nodes: TestServer[];
  world: CollabWorld;
  /** A y-websocket client of this node as the person with this cookie. */
  connect: (node: TestServer, who: { cookie: string }, docName?: string) => ProviderClient;
}

/**
 * `startNodes(env)`: three nodes on a fresh database (the first one seeds the workspace); the
 * clients are closed and the nodes stopped after the test.
 */
const it = test.extend<{ startNodes: (env?: Record<string, string>) => Promise<Cluster> }>({
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern
  startNodes: async ({}, use) => {
    const nodes: TestServer[] = [];
    const clients: ProviderClient[] = [];
    await use(async (env = {}) => {
      const name = `multi_${++database}`;
      const client = new pg_.Client({ connectionString: pg.url });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      // One data directory for all: the personal data key made by the first node is theirs too.
      const dataDir = tempDataDir();
      const common = {
        DATABASE_URL: pg.urlOf(name),
        REDIS_URL: redis.url,
        CLUSTER_CHECK_SECONDS: "1",
        ...env,
      };
      const first = await startTestServer({ dataDir, env: { ...common, NODE_ID: "node-1" } });
      nodes.push(first);
      const world = await seedCollabWorld(first);
      for (const id of ["node-2", "node-3"]) {
        nodes.push(await startTestServer({ dataDir, env: { ...common, NODE_ID: id } }));
      }
      const connect: Cluster["connect"] = (node, who, docName = world.docName) => {
        const c = connectProvider(node.wsUrl, docName, { cookie: who.cookie, origin: node.origin });
        clients.push(c);
        return c;
      };
      return { nodes, world, connect };
    });
    for (const c of clients) c.destroy();
    for (const n of nodes) await n.destroy().catch(() => {});
  },
});

async function typeInto(c: ProviderClient, label: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    c.text.insert(c.text.length, `${label}${i % 10}`);
    await new Promise((r) => setImmediate(r));
  }
}

function countOf(text: string, label: string): number {
  return text.split(label).length - 1;
}

describe("three nodes over PostgreSQL and Redis", () => {
  it("let clients spread over them co-edit one document and see each other's presence", async ({
    startNodes,
  }) => {
    const { nodes, world, connect } = await startNodes();
    const [a, b, c] = nodes;
    const typists = [connect(a, world.alice), connect(b, world.bob), connect(c, world.alice)];
    const watchers = [connect(a, world.olive), connect(b, world.olive), connect(c, world.olive)];
    await Promise.all([...typists, ...watchers].map((t) => t.synced()));

    await Promise.all(typists.map((t, i) => typeInto(t, "ABC"[i], 60)));
    for (const t of typists) expect(await t.acknowledged()).toBe(true);
    const everyone = [...typists, ...watchers];
    await expect
      .poll(() => everyone.every((x) => x.text.toString() === typists[0].text.toString()), {
        message: "all clients converge",
        timeout: 20_000,
      })
      .toBe(true);
    const text = typists[0].text.toString();
    for (const label of "ABC") expect(countOf(text, label)).toBe(60);
    // What was stored is what they see.
    const stored = await storedDocument(a.ctx.db, world.docName);
    expect(stored.getText("t").toString()).toBe(text);

    // Presence: a cursor set on node 3 is seen by a watcher on node 1, under the session's name.
    typists[2].provider.awareness.setLocalStateField("user", { name: "偽名" });
    typists[2].provider.awareness.setLocalStateField("cursor", { at: 5 });
    const id = typists[2].doc.clientID;
    await expect
      .poll(() => (watchers[0].provider.awareness.getStates().get(id) as { cursor?: unknown })?.cursor, {
        message: "the cursor reaches another node",
        timeout: 10_000,
      })
      .toBeDefined();
    const seen = watchers[0].provider.awareness.getStates().get(id) as {
      user: { name: string; userId: string };
    };
    expect(seen.user).toMatchObject({ userId: world.alice.id });
    expect(seen.user.name).not.toBe("偽名");
    // Leaving on node 3 removes the cursor on node 1.
    typists[2].provider.disconnect();
    await expect
      .poll(() => watchers[0].provider.awareness.getStates().has(id), {
        message: "the cursor leaves",
        timeout: 10_000,
      })
      .toBe(false);
  });

  it("close a person's sockets on every node when they log out on one", async ({ startNodes }) => {
    const { nodes, world, connect } = await startNodes();
    const [a, b, c] = nodes;
    const onB = connect(b, world.alice);
    const onC = connect(c, world.alice);
    const other = connect(c, world.bob);
    await Promise.all([onB.synced(), onC.synced(), other.synced()]);
    const browser = new TestBrowser(a.origin);
    browser.cookie = world.alice.cookie;
    expect((await browser.post("/api/auth/logout", { sessionId: world.alice.sessionId })).status).toBe(204);
    await expect
      .poll(
        () =>
          onB.closes.some((x) => x.code === CLOSE.sessionEnded) &&
          onC.closes.some((x) => x.code === CLOSE.sessionEnded),
        { message: "alice's sockets on the other nodes closed with 4401", timeout: 10_000 },
      )
      .toBe(true);
    expect(other.closes).toEqual([]);
  });

  it("share a person's write budget: what they used on one node counts on the others", async ({
    startNodes,
  }) => {
    const { nodes, world, connect } = await startNodes({ COLLAB_WRITES_PER_MINUTE: "10" });
    const [a, b] = nodes;
    const onA = connect(a, world.bob);
    await onA.synced();
    for (let i = 0; i < 10; i++) {
      onA.text.insert(onA.text.length, "あ");
      await new Promise((r) => setImmediate(r));
    }
    expect(await onA.acknowledged()).toBe(true);
    expect(onA.closes).toEqual([]);
    // Node a has told Redis what it took: the person's shared bucket is spent.
    const r = createClient({ url: redis.url });
    await r.connect();
    await expect
      .poll(async () => Number(await r.hGet(`tsumugi:budget:writes:${world.bob.id}`, "tokens")), {
        message: "node a's takes counted in Redis",
        timeout: 10_000,
      })
      .toBeLessThan(1);
    await r.quit();
    // On node b alone the person would have a full budget of 10. Node b asks Redis at their
    // first write there (deciding alone until it hears back), and refuses within a few.
    const onB = connect(b, world.bob);
    await onB.synced();
    const closed = new Promise<void>((resolve) => onB.provider.once("connection-close", () => resolve()));
    let accepted = 0;
    for (let i = 0; i < 8 && onB.closes.length === 0; i++) {
      onB.text.insert(onB.text.length, "い");
      if (await Promise.race([onB.acknowledged(), closed.then(() => false)])) accepted++;
    }
    expect(onB.closes[0]?.code).toBe(CLOSE.writeRateExceeded);
    expect(accepted).toBeLessThan(8);
  });

  it("count failed logins together: a guesser spreading tries over the nodes is slowed as on one", async ({
    startNodes,
  }) => {
    const { nodes, world } = await startNodes({ LOGIN_FREE_FAILURES: "3" });
    const row = await nodes[0].ctx.db.get<{ email: string }>("SELECT email FROM users WHERE id = ?", [
      world.bob.id,
    ]);
    const email = row?.email as string;
    for (const node of nodes) {
      const res = await new TestBrowser(node.origin).login(email, "wrong password 1");
      expect(res.status).toBe(401);
    }
    // Three failures in all, each on another node: the next try waits, on any node.
    const next = await new TestBrowser(nodes[1].origin).login(email, "wrong password 2");
    expect(next.status).toBe(429);
    expect(next.headers.get("Retry-After")).toBe("1");
  });

  it("lose nothing when Redis restarts while people type", async ({ startNodes }) => {
    const { nodes, world, connect } = await startNodes();
    const [a, b, c] = nodes;
    const typists = [connect(a, world.alice), connect(b, world.bob), connect(c, world.alice)];
    await Promise.all(typists.map((t) => t.synced()));
    await Promise.all(typists.map((t, i) => typeInto(t, "XYZ"[i], 20)));
    await Promise.all([redis.restart(), ...typists.map((t, i) => typeInto(t, "XYZ"[i], 20))]);
    await Promise.all(typists.map((t, i) => typeInto(t, "XYZ"[i], 20)));
    for (const t of typists) expect(await t.acknowledged()).toBe(true);
    await expect
      .poll(() => typists.every((t) => t.text.toString() === typists[0].text.toString()), {
        message: "clients converge after the restart",
        timeout: 20_000,
      })
      .toBe(true);
    for (const label of "XYZ") expect(countOf(typists[0].text.toString(), label)).toBe(60);
    // Redis answers again: the nodes are ready.
    await expect
      .poll(async () => (await fetch(`${b.origin}/api/ready`)).status, {
        message: "node ready",
        timeout: 10_000,
      })
      .toBe(200);
  });

  it("compact a document once across the nodes, and save one periodic version per round of changes", async ({
    startNodes,
  }) => {
    const { nodes, world, connect } = await startNodes({ COLLAB_COMPACT_AFTER_UPDATES: "40" });
    const [a, b, c] = nodes;
    const typist = connect(a, world.alice);
    const others = [connect(b, world.bob), connect(c, world.olive)];
    await Promise.all([typist.synced(), ...others.map((o) => o.synced())]);
    await typeInto(typist, "K", 100);
    expect(await typist.acknowledged()).toBe(true);
    await expect
      .poll(() => others.every((o) => o.text.length === 200), {
        message: "the others see every update",
        timeout: 10_000,
      })
      .toBe(true);
    const head = (await new UpdateStore(a.ctx.db).heads([world.docName])).get(world.docName) ?? 0;
    expect(head).toBe(100);
    const written = () => nodes.reduce((sum, n) => sum + n.collab.compactionsWritten, 0);
    await expect.poll(written, { message: "a compaction", timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await Promise.all(nodes.map((n) => n.collab.settle()));
    // All three nodes hold the document and count its 100 rows; each alone would fold twice.
    // A snapshot is written only over 40 rows the previous one did not fold, whichever node
    // writes it: at most twice in all (once when the node that committed them got them in
    // batches past 80).
    expect(written()).toBeGreaterThanOrEqual(1);
    expect(written()).toBeLessThanOrEqual(2);
    const snapshot = await a.ctx.db.get<{ last_update_id: number }>(
      "SELECT last_update_id FROM doc_snapshots WHERE doc_name = ?",
      [world.docName],
    );
    expect(snapshot?.last_update_id).toBeGreaterThanOrEqual(40);

    const periodic = async () =>
      (
        await a.ctx.db.all("SELECT id FROM doc_versions WHERE doc_name = ? AND reason = 'periodic'", [
          world.docName,
        ])
      ).length;
    // Changes made on two nodes; all three flush their periodic versions at once.
    const onB = connect(b, world.bob);
    await onB.synced();
    onB.text.insert(0, "B");
    expect(await onB.acknowledged()).toBe(true);
    await Promise.all(nodes.map((n) => n.versions.flush()));
    expect(await periodic()).toBe(1);
    typist.text.insert(0, "A");
    expect(await typist.acknowledged()).toBe(true);
    await Promise.all(nodes.map((n) => n.versions.flush()));
    expect(await periodic()).toBe(2);
    const last = await a.ctx.db.get<{ data: Buffer }>(
      "SELECT data FROM doc_versions WHERE doc_name = ? AND reason = 'periodic' ORDER BY id DESC LIMIT 1",
      [world.docName],
    );
    const version = new Y.Doc();
    Y.applyUpdate(version, new Uint8Array(last?.data ?? []));
    expect(version.getText("t").toString().startsWith("AB")).toBe(true);
  });
});

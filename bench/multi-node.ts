/**
 * The multi-node scenario: the same load (many documents, several clients each, typing) on
 * one node over SQLite (the embedded default), one node over PostgreSQL + Redis, and three
 * nodes over the same PostgreSQL + Redis with each document's clients spread over the nodes
 * (every update crosses nodes). PostgreSQL and Redis are private instances started here
 * (apps/server/src/testing/engines.ts); every node is its own process.
 *
 * Reported per setup: typed updates per second and deliveries per second (the offered load is
 * fixed, so a setup that keeps up delivers it all), fan-out latency p50/p99, and CPU: of the
 * nodes together per update, and per update per node (what predicts scaling on a machine with
 * a core per node). On a 2-core machine three nodes, PostgreSQL, Redis and the load generator
 * share two cores: the ratio says what the extra hops cost here, not what three machines give.
 */

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import {
  type PostgresEngine,
  postgresBinDir,
  startPostgres,
  startRedis,
} from "../apps/server/src/testing/engines.js";
import { BenchClient, LatencyProbe } from "./clients.js";
import { cpuSeconds } from "./process-stats.js";
import { replaceReportSection } from "./report.js";
import { type BenchServer, launchOurs, prepareOurs, repoRoot } from "./servers.js";
import { fmt, ratio, summarize } from "./stats.js";

export interface ClusterSizes {
  documents: number;
  clientsPerDocument: number;
  charsPerSecond: number;
  warmupMs: number;
  measureMs: number;
}

export const CLUSTER_FULL: ClusterSizes = {
  documents: 60,
  clientsPerDocument: 3,
  charsPerSecond: 2,
  warmupMs: 5_000,
  measureMs: 20_000,
};

export const CLUSTER_QUICK: ClusterSizes = {
  documents: 15,
  clientsPerDocument: 3,
  charsPerSecond: 2,
  warmupMs: 1_000,
  measureMs: 4_000,
};

export interface ClusterResult {
  setup: string;
  nodes: number;
  typed: number;
  typedPerSecond: number;
  deliveredPerSecond: number;
  latency: ReturnType<typeof summarize>;
  cpuSecondsPerNode: number[];
  /** CPU of all nodes per typed update (ms). */
  cpuMsPerUpdate: number;
  /** CPU of one node per typed update (ms), the mean over the nodes. */
  cpuMsPerUpdatePerNode: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function load(setup: string, nodes: BenchServer[], sizes: ClusterSizes): Promise<ClusterResult> {
  const probe = new LatencyProbe();
  const clients: BenchClient[] = [];
  const docNames = nodes[0].docNames;
  docNames.forEach((name, d) => {
    for (let i = 0; i < sizes.clientsPerDocument; i++) {
      clients.push(new BenchClient(nodes[(d + i) % nodes.length], name, probe));
    }
  });
  await Promise.all(clients.map((c) => c.synced()));
  for (const c of clients) c.startTyping(sizes.charsPerSecond, 0.5, probe);
  await sleep(sizes.warmupMs);
  probe.recording = true;
  const cpu0 = nodes.map((n) => cpuSeconds(n.pid));
  await sleep(sizes.measureMs);
  probe.recording = false;
  const cpu = nodes.map((n, i) => cpuSeconds(n.pid) - cpu0[i]);
  const typed = probe.sentCount;
  for (const c of clients) c.stopTyping();
  // Late deliveries of what was typed in the window still count (and their latency).
  await sleep(2_000);
  for (const c of clients) c.destroy();
  const total = cpu.reduce((a, b) => a + b, 0);
  return {
    setup,
    nodes: nodes.length,
    typed,
    typedPerSecond: typed / (sizes.measureMs / 1000),
    deliveredPerSecond: probe.samples.length / (sizes.measureMs / 1000),
    latency: summarize(probe.samples),
    cpuSecondsPerNode: cpu,
    cpuMsPerUpdate: (total * 1000) / typed,
    cpuMsPerUpdatePerNode: (total * 1000) / typed / nodes.length,
  };
}

function createDatabase(engine: PostgresEngine, name: string): void {
  execFileSync(
    join(postgresBinDir(), "createdb"),
    ["-h", "127.0.0.1", "-p", String(engine.port), "-U", "tsumugi", name],
    { stdio: "pipe" },
  );
}

export async function multiNodeFigures(log: (m: string) => void, quick: boolean): Promise<ClusterResult[]> {
  const sizes = quick ? CLUSTER_QUICK : CLUSTER_FULL;
  const results: ClusterResult[] = [];
  const run = async (
    setup: string,
    env: (i: number) => Record<string, string>,
    count: number,
    db: Record<string, string>,
  ) => {
    log(`5. multi-node: ${setup}`);
    const prepared = await prepareOurs({ documents: sizes.documents }, db);
    const nodes: BenchServer[] = [];
    try {
      for (let i = 0; i < count; i++) {
        nodes.push(
          await launchOurs(prepared.dataDir, prepared.cookie, prepared.docNames, { ...db, ...env(i) }),
        );
      }
      results.push(await load(setup, nodes, sizes));
    } finally {
      for (const n of nodes) await n.stop();
    }
  };
  await run("SQLite, 1 node", () => ({}), 1, {});
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  try {
    createDatabase(postgres, "bench_one");
    createDatabase(postgres, "bench_three");
    const one = { DATABASE_URL: postgres.urlOf("bench_one"), REDIS_URL: redis.url };
    await run("PostgreSQL + Redis, 1 node", () => ({ NODE_ID: "bench-1" }), 1, one);
    const three = { DATABASE_URL: postgres.urlOf("bench_three"), REDIS_URL: redis.url };
    await run("PostgreSQL + Redis, 3 nodes", (i) => ({ NODE_ID: `bench-${i + 1}` }), 3, three);
  } finally {
    await Promise.all([postgres.stop(), redis.stop()]);
  }
  return results;
}

export const MULTI_NODE_HEADING = "## 5. Several nodes: one vs three on PostgreSQL + Redis";

export function renderMultiNode(
  results: ClusterResult[],
  quick: boolean,
  loadAverage = loadavg()[0],
): string[] {
  const sizes = quick ? CLUSTER_QUICK : CLUSTER_FULL;
  const [sqlite, one, three] = results;
  const offered = sizes.documents * sizes.clientsPerDocument * sizes.charsPerSecond;
  const behind = results.filter((r) => r.typedPerSecond < offered * 0.95).map((r) => r.setup);
  const row = (label: string, pick: (r: ClusterResult) => number, digits = 1) =>
    `| ${label} | ${results.map((r) => fmt(pick(r), digits)).join(" | ")} | ${ratio(pick(three), pick(one))} |`;
  return [
    MULTI_NODE_HEADING,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`${quick ? " (BENCH_QUICK=1: reduced sizes)" : ""}, ${cpus().length} cores.`,
    `${sizes.documents} documents × ${sizes.clientsPerDocument} clients, each typing ${sizes.charsPerSecond} characters/s with a cursor move every 2 s;`,
    `warm-up ${sizes.warmupMs / 1000} s, measured ${sizes.measureMs / 1000} s. With three nodes each document's clients are on`,
    "three different nodes, so every update is committed on one node and reaches the others through",
    "Redis. PostgreSQL (fsync off, as in the tests) and Redis are private instances on this machine.",
    "Ratio = three nodes ÷ one node, both on PostgreSQL + Redis (bench/multi-node.ts).",
    `Offered load: ${offered} updates/s. The machine's load average (1 min) was ${fmt(loadAverage)} when the`,
    "run ended (other work shares these cores: compare columns of one run, not runs).",
    "",
    `| | ${results.map((r) => r.setup).join(" | ")} | ratio 3 ÷ 1 |`,
    `|---|${results.map(() => "---").join("|")}|---|`,
    row("updates typed per second", (r) => r.typedPerSecond),
    row("deliveries per second", (r) => r.deliveredPerSecond),
    row("fan-out latency p50 (ms)", (r) => r.latency.p50),
    row("fan-out latency p99 (ms)", (r) => r.latency.p99),
    row("CPU of the nodes per update (ms)", (r) => r.cpuMsPerUpdate, 3),
    row("CPU per update per node (ms)", (r) => r.cpuMsPerUpdatePerNode, 3),
    `| CPU of each node (s) | ${results.map((r) => r.cpuSecondsPerNode.map((c) => fmt(c, 2)).join(", ")).join(" | ")} | |`,
    "",
    `PostgreSQL + Redis against SQLite on one node: CPU per update ${ratio(one.cpuMsPerUpdate, sqlite.cpuMsPerUpdate)},`,
    `p99 ${ratio(one.latency.p99, sqlite.latency.p99)}. The offered load is the same in every column: a setup that keeps up delivers it`,
    "all, so throughput differs only when one falls behind.",
    ...(behind.length > 0
      ? [
          `Here ${behind.join(" and ")} fell behind: the load generator in the bench process, starved`,
          "of CPU along with the nodes, typed less than offered, and latency grew with the queues.",
        ]
      : []),
    "Every document's clients are spread",
    "over the three nodes (the worst case for scaling out): each node holds every document, applies",
    "every update and sends it to its own sockets; only the commits and the sockets are shared out.",
    "CPU per update per node (the nodes' total ÷ updates ÷ nodes) is what one node of a cluster needs",
    "on a machine of its own: against one node's CPU per update it says how much of the work",
    "spreads. On this machine the three nodes, PostgreSQL, Redis and the load generator share",
    `${cpus().length} cores, so latency here includes waiting for a core.`,
    "",
  ];
}

/** Writes the section into docs/performance.md (replacing it) and bench/multi-node.md. */
export function writeMultiNode(results: ClusterResult[], quick: boolean, loadAverage?: number): string {
  const lines = renderMultiNode(results, quick, loadAverage);
  writeFileSync(join(repoRoot, "bench/multi-node.md"), `${lines.join("\n")}\n`);
  return replaceReportSection(MULTI_NODE_HEADING, lines);
}

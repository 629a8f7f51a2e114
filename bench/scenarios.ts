/** The three load scenarios of the benchmark, run the same way against either server. */
import * as Y from "yjs";
import { BenchClient, LatencyProbe } from "./clients.js";
import { cpuSeconds, rssMiB } from "./process-stats.js";
import { type BenchServer, collectGarbage, type RestingMemory } from "./servers.js";
import { summarize } from "./stats.js";

export interface Sizes {
  typists: number;
  warmupMs: number;
  measureMs: number;
  documents: number;
  /** Documents opened (with their clients) before the memory baseline of scenario 2. */
  warmupDocuments: number;
  clientsPerDocument: number;
  storedUpdates: number;
  opens: number;
  /** Scenario 1 runs this many times per server (fresh processes); medians are reported. */
  rounds: number;
  /**
   * Scenario 2's rounds: more, because its RSS per document moved between whole runs by more
   * than the difference between the servers (single rounds even came out negative).
   */
  memoryRounds: number;
}

export const FULL: Sizes = {
  typists: 50,
  warmupMs: 5_000,
  measureMs: 20_000,
  documents: 300,
  warmupDocuments: 100,
  clientsPerDocument: 3,
  storedUpdates: 10_000,
  opens: 5,
  rounds: 3,
  memoryRounds: 5,
};

export const QUICK: Sizes = {
  typists: 10,
  warmupMs: 1_000,
  measureMs: 3_000,
  documents: 30,
  warmupDocuments: 10,
  clientsPerDocument: 3,
  storedUpdates: 1_000,
  opens: 3,
  rounds: 1,
  memoryRounds: 1,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoadResult {
  latency: ReturnType<typeof summarize>;
  cpuSeconds: number;
  rssMiB: number;
}

/** Scenario 1: one document, many people typing with live cursors. */
export async function oneBusyDocument(server: BenchServer, sizes: Sizes): Promise<LoadResult> {
  const probe = new LatencyProbe();
  const clients = Array.from(
    { length: sizes.typists },
    () => new BenchClient(server, server.docNames[0], probe),
  );
  await Promise.all(clients.map((c) => c.synced()));
  for (const c of clients) c.startTyping(5, 2, probe);
  await sleep(sizes.warmupMs);
  probe.recording = true;
  const cpu0 = cpuSeconds(server.pid);
  await sleep(sizes.measureMs);
  probe.recording = false;
  const cpu1 = cpuSeconds(server.pid);
  const rss = rssMiB(server.pid);
  for (const c of clients) c.stopTyping();
  await sleep(1000);
  for (const c of clients) c.destroy();
  return { latency: summarize(probe.samples), cpuSeconds: cpu1 - cpu0, rssMiB: rss };
}

export interface ManyDocumentsResult extends LoadResult {
  /** At rest with only the warm-up documents open. */
  baselineRssMiB: number;
  /** At rest with all documents open and idle. */
  idleRssMiB: number;
  /** Added RSS per idle document (with its connections), at rest. */
  perDocumentKiB: number;
  /** Added live JS heap per idle document (with its connections), after a full GC. */
  heapPerDocumentKiB: number;
  /** Of that heap, compiled code (V8's code space): work done once, not kept per document. */
  codePerDocumentKiB: number;
  /** Longest wait for the process to come to rest before a reading (ms). */
  restWaitMs: number;
}

const MiB = 1024 * 1024;
const codeBytes = (m: RestingMemory) => m.spaces.code_space ?? 0;

/**
 * Scenario 2: many small documents with a few people each, typing lightly.
 *
 * Memory per idle document is the marginal cost of the measured documents: other
 * documents are opened first (with their clients) and stay open while the baseline and
 * the final reading are taken, so what is paid once (code compiled and optimised on first
 * use, caches, pools) is paid before the baseline. Both readings are taken at rest.
 */
export async function manyDocuments(server: BenchServer, sizes: Sizes): Promise<ManyDocumentsResult> {
  const probe = new LatencyProbe();
  const open = async (names: string[]) => {
    const clients: BenchClient[] = [];
    for (const name of names) {
      for (let i = 0; i < sizes.clientsPerDocument; i++) clients.push(new BenchClient(server, name, probe));
    }
    await Promise.all(clients.map((c) => c.synced()));
    await sleep(2000);
    return clients;
  };
  const warm = await open(server.docNames.slice(0, sizes.warmupDocuments));
  const baseline = await collectGarbage(server);
  const clients = await open(
    server.docNames.slice(sizes.warmupDocuments, sizes.warmupDocuments + sizes.documents),
  );
  const idle = await collectGarbage(server);
  for (const c of warm) c.destroy();
  for (const c of clients) c.startTyping(0.5, 0, probe);
  await sleep(sizes.warmupMs);
  probe.recording = true;
  const cpu0 = cpuSeconds(server.pid);
  await sleep(sizes.measureMs);
  probe.recording = false;
  const cpu1 = cpuSeconds(server.pid);
  const rss = rssMiB(server.pid);
  for (const c of clients) c.destroy();
  return {
    latency: summarize(probe.samples),
    cpuSeconds: cpu1 - cpu0,
    rssMiB: rss,
    baselineRssMiB: baseline.rss / MiB,
    idleRssMiB: idle.rss / MiB,
    perDocumentKiB: (idle.rss - baseline.rss) / 1024 / sizes.documents,
    heapPerDocumentKiB: (idle.heapUsed - baseline.heapUsed) / 1024 / sizes.documents,
    codePerDocumentKiB: (codeBytes(idle) - codeBytes(baseline)) / 1024 / sizes.documents,
    restWaitMs: Math.max(baseline.waitedMs, idle.waitedMs),
  };
}

/** A scenario run over several rounds: the median of each figure, and every round. */
export type Rounds<R> = R & { rounds: R[] };

function medianOf<R>(rounds: R[], pick: (r: R) => number): number {
  const sorted = rounds.map(pick).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medianLoad(rounds: LoadResult[]): LoadResult {
  return {
    latency: {
      count: medianOf(rounds, (r) => r.latency.count),
      p50: medianOf(rounds, (r) => r.latency.p50),
      p99: medianOf(rounds, (r) => r.latency.p99),
      max: medianOf(rounds, (r) => r.latency.max),
    },
    cpuSeconds: medianOf(rounds, (r) => r.cpuSeconds),
    rssMiB: medianOf(rounds, (r) => r.rssMiB),
  };
}

export function medianOfLoadRounds(rounds: LoadResult[]): Rounds<LoadResult> {
  if (rounds.length === 0) throw new Error("no rounds");
  return { ...medianLoad(rounds), rounds };
}

export function medianOfManyRounds(rounds: ManyDocumentsResult[]): Rounds<ManyDocumentsResult> {
  if (rounds.length === 0) throw new Error("no rounds");
  return {
    ...medianLoad(rounds),
    baselineRssMiB: medianOf(rounds, (r) => r.baselineRssMiB),
    idleRssMiB: medianOf(rounds, (r) => r.idleRssMiB),
    perDocumentKiB: medianOf(rounds, (r) => r.perDocumentKiB),
    heapPerDocumentKiB: medianOf(rounds, (r) => r.heapPerDocumentKiB),
    codePerDocumentKiB: medianOf(rounds, (r) => r.codePerDocumentKiB),
    restWaitMs: Math.max(...rounds.map((r) => r.restWaitMs)),
    rounds,
  };
}

/** The updates of someone typing `n` characters one by one. */
export function typedUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText("bench");
  for (let i = 0; i < n; i++) text.insert(text.length, "紡ぎ"[i % 2]);
  return updates;
}

export interface OpenResult {
  /** First open of the document in this server process. */
  firstMs: number;
  /** Median of the following opens (document in memory). */
  warmMedianMs: number;
  length: number;
}

/** Gives a server the history through a client, as people typing would. */
export async function feedHistory(server: BenchServer, history: Uint8Array[]): Promise<void> {
  const name = server.docNames[0];
  const writer = new BenchClient(server, name, null);
  await writer.synced();
  for (const u of history) Y.applyUpdate(writer.doc, u);
  const check = new BenchClient(server, name, null);
  await check.synced();
  while (check.text.length < history.length) await sleep(50);
  check.destroy();
  writer.destroy();
}

/** Scenario 3: opening a document whose history holds many updates. */
export async function openLargeHistory(server: BenchServer, sizes: Sizes): Promise<OpenResult> {
  const name = server.docNames[0];
  // Warm the process up on another document first, so the first open measures loading the
  // history, not the first WebSocket the process ever served.
  const warm = new BenchClient(server, server.docNames[1], null);
  await warm.synced();
  warm.destroy();
  const times: number[] = [];
  let length = 0;
  for (let i = 0; i < sizes.opens; i++) {
    const t0 = performance.now();
    const c = new BenchClient(server, name, null);
    await c.synced();
    times.push(performance.now() - t0);
    length = c.text.length;
    c.destroy();
    await sleep(200);
  }
  const later = times.slice(1).sort((a, b) => a - b);
  return { firstMs: times[0], warmMedianMs: later[Math.floor(later.length / 2)] ?? Number.NaN, length };
}

/** The three load scenarios of the benchmark, run the same way against either server. */
import * as Y from "yjs";
import { BenchClient, LatencyProbe } from "./clients.js";
import { cpuSeconds, rssMiB } from "./process-stats.js";
import { type BenchServer, collectGarbage } from "./servers.js";
import { summarize } from "./stats.js";

export interface Sizes {
  typists: number;
  warmupMs: number;
  measureMs: number;
  documents: number;
  clientsPerDocument: number;
  storedUpdates: number;
  opens: number;
}

export const FULL: Sizes = {
  typists: 50,
  warmupMs: 5_000,
  measureMs: 20_000,
  documents: 300,
  clientsPerDocument: 3,
  storedUpdates: 10_000,
  opens: 5,
};

export const QUICK: Sizes = {
  typists: 10,
  warmupMs: 1_000,
  measureMs: 3_000,
  documents: 30,
  clientsPerDocument: 3,
  storedUpdates: 1_000,
  opens: 3,
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
  baselineRssMiB: number;
  idleRssMiB: number;
  /** RSS growth per idle document (with its connections), after a full GC. */
  perDocumentKiB: number;
  /** Live JS heap per idle document (with its connections), after a full GC. */
  heapPerDocumentKiB: number;
}

/** Scenario 2: many small documents with a few people each, typing lightly. */
export async function manyDocuments(server: BenchServer, sizes: Sizes): Promise<ManyDocumentsResult> {
  const heapBefore = (await collectGarbage(server)).heapUsed;
  const baseline = rssMiB(server.pid);
  const probe = new LatencyProbe();
  const clients: BenchClient[] = [];
  for (const name of server.docNames.slice(0, sizes.documents)) {
    for (let i = 0; i < sizes.clientsPerDocument; i++) clients.push(new BenchClient(server, name, probe));
  }
  await Promise.all(clients.map((c) => c.synced()));
  await sleep(2000);
  const heapIdle = (await collectGarbage(server)).heapUsed;
  const idle = rssMiB(server.pid);
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
    baselineRssMiB: baseline,
    idleRssMiB: idle,
    perDocumentKiB: ((idle - baseline) * 1024) / sizes.documents,
    heapPerDocumentKiB: (heapIdle - heapBefore) / 1024 / sizes.documents,
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

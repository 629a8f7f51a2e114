/** Writes the results as docs/performance.md. */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { FIRST_LOAD_HEADING, type FirstLoadFigures, renderFirstLoad } from "./first-load.js";
import type { LoadResult, ManyDocumentsResult, OpenResult, Rounds, Sizes } from "./scenarios.js";
import { repoRoot } from "./servers.js";
import { fmt, ratio } from "./stats.js";

export interface Results {
  sizes: Sizes;
  quick: boolean;
  busy: { ours: Rounds<LoadResult>; reference: Rounds<LoadResult> };
  many: { ours: Rounds<ManyDocumentsResult>; reference: Rounds<ManyDocumentsResult> };
  open: { ours: OpenResult; oursRaw: OpenResult; reference: OpenResult };
  firstLoad: FirstLoadFigures;
}

const verdict = (ok: boolean) => (ok ? "met" : "**not met**");

const roundsLine = (rounds: number) =>
  `${rounds} round${rounds > 1 ? "s" : ""} per server, each in a fresh process, alternating between the servers; the table shows the median of each figure.`;

function roundsOf<R>(result: Rounds<R>, pick: (r: R) => number, digits = 1): string {
  return result.rounds.map((r) => fmt(pick(r), digits)).join(", ");
}

export function renderReport(r: Results): string {
  const { busy, many, open, sizes } = r;
  const lines = [
    "# Performance",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`${r.quick ? " (BENCH_QUICK=1: reduced sizes, not a reference run)" : ""}.`,
    `Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    "",
    "Both servers run in their own child process under the same client load, generated in the",
    "bench process with y-websocket's WebsocketProvider; fan-out latency is measured on that one",
    "clock, from the moment a client writes a character to the moment each other client",
    "receives it. CPU is the server process's user+system time during the measuring window;",
    "RSS is read from /proc (scenario 1) or taken at rest (scenario 2, see there). Ours persists",
    "every update to SQLite (WAL) before broadcasting it;",
    "the reference (`@y/websocket-server` 0.1.1, the last release on Yjs 13) keeps documents",
    "in memory only. Ratio = ours ÷ reference (below 1 is better for us).",
    "",
    `## 1. One document, ${sizes.typists} clients typing 5 characters/s with cursor awareness at 2 Hz`,
    "",
    `Warm-up ${sizes.warmupMs / 1000} s, measured ${sizes.measureMs / 1000} s. ${roundsLine(sizes.rounds)}`,
    "",
    "| | ours | reference | ratio |",
    "|---|---|---|---|",
    `| fan-out latency p50 (ms) | ${fmt(busy.ours.latency.p50)} | ${fmt(busy.reference.latency.p50)} | ${ratio(busy.ours.latency.p50, busy.reference.latency.p50)} |`,
    `| fan-out latency p99 (ms) | ${fmt(busy.ours.latency.p99)} | ${fmt(busy.reference.latency.p99)} | ${ratio(busy.ours.latency.p99, busy.reference.latency.p99)} |`,
    `| deliveries measured | ${busy.ours.latency.count} | ${busy.reference.latency.count} | |`,
    `| server CPU (s) | ${fmt(busy.ours.cpuSeconds, 2)} | ${fmt(busy.reference.cpuSeconds, 2)} | ${ratio(busy.ours.cpuSeconds, busy.reference.cpuSeconds)} |`,
    `| server RSS (MiB) | ${fmt(busy.ours.rssMiB)} | ${fmt(busy.reference.rssMiB)} | ${ratio(busy.ours.rssMiB, busy.reference.rssMiB)} |`,
    `| fan-out latency p99, each round (ms) | ${roundsOf(busy.ours, (x) => x.latency.p99)} | ${roundsOf(busy.reference, (x) => x.latency.p99)} | |`,
    `| server CPU, each round (s) | ${roundsOf(busy.ours, (x) => x.cpuSeconds, 2)} | ${roundsOf(busy.reference, (x) => x.cpuSeconds, 2)} | |`,
    "",
    `With ${cpus().length} cores the bench process generating the load competes with the server for CPU; on a`,
    "2-core machine p99 latency of either server moves by up to 2× between rounds, which is why",
    "the medians of several rounds are compared.",
    "",
    `Target: p99 latency and CPU no worse than the reference — latency ${verdict(busy.ours.latency.p99 <= busy.reference.latency.p99)}, CPU ${verdict(busy.ours.cpuSeconds <= busy.reference.cpuSeconds)}.`,
    "",
    ...renderManyDocuments(many, sizes),
    `## 3. Opening a document whose store holds ${sizes.storedUpdates.toLocaleString("en")} updates`,
    "",
    "Both servers receive the same updates from a client, one message per typed character.",
    "The reference keeps them in memory (it has no storage without a persistence plug-in). Ours",
    "commits them to SQLite and compacts the log as it goes; then the server is restarted, so the",
    "first open loads the document from the database. The worst case column is a store holding",
    "the same updates as raw log rows that were never compacted (e.g. a crash before compaction).",
    `Time from creating the provider to \`synced\`, after one warm-up connection to another`,
    `document; later opens: median of ${sizes.opens - 1}.`,
    "",
    "| | ours | ours, worst case | reference |",
    "|---|---|---|---|",
    `| first open (ms) | ${fmt(open.ours.firstMs)} | ${fmt(open.oursRaw.firstMs)} | ${fmt(open.reference.firstMs)} |`,
    `| later opens, median (ms) | ${fmt(open.ours.warmMedianMs)} | ${fmt(open.oursRaw.warmMedianMs)} | ${fmt(open.reference.warmMedianMs)} |`,
    `| characters received | ${open.ours.length} | ${open.oursRaw.length} | ${open.reference.length} |`,
    "",
    `Target: under 50 ms from connect to synced — ${verdict(open.ours.firstMs < 50)} (first open after a restart, from SQLite); worst case ${verdict(open.oursRaw.firstMs < 50)}.`,
    "",
    ...renderFirstLoad(r.firstLoad),
  ];
  return lines.join("\n");
}

/** Scenario 2's section; `loadAverage` (1 min, when it ended) is said when run alone. */
export function renderManyDocuments(
  many: Results["many"],
  sizes: Sizes,
  loadAverage: { start: number; end: number } | null = null,
): string[] {
  // A negative growth is not a document's cost: memory held at the baseline was given back.
  const fellRounds = [...many.ours.rounds, ...many.reference.rounds].filter(
    (r) => r.perDocumentKiB <= 0,
  ).length;
  const rssMeasured = many.ours.perDocumentKiB > 0 && many.reference.perDocumentKiB > 0;
  return [
    `## 2. ${sizes.documents} documents × ${sizes.clientsPerDocument} clients, one character every 2 s each`,
    "",
    roundsLine(sizes.memoryRounds),
    "",
    "| | ours | reference | ratio |",
    "|---|---|---|---|",
    `| fan-out latency p50 (ms) | ${fmt(many.ours.latency.p50)} | ${fmt(many.reference.latency.p50)} | ${ratio(many.ours.latency.p50, many.reference.latency.p50)} |`,
    `| fan-out latency p99 (ms) | ${fmt(many.ours.latency.p99)} | ${fmt(many.reference.latency.p99)} | ${ratio(many.ours.latency.p99, many.reference.latency.p99)} |`,
    `| server CPU (s) | ${fmt(many.ours.cpuSeconds, 2)} | ${fmt(many.reference.cpuSeconds, 2)} | ${ratio(many.ours.cpuSeconds, many.reference.cpuSeconds)} |`,
    `| RSS at rest, warm-up documents open (MiB) | ${fmt(many.ours.baselineRssMiB)} | ${fmt(many.reference.baselineRssMiB)} | |`,
    `| RSS at rest with all documents open, idle (MiB) | ${fmt(many.ours.idleRssMiB)} | ${fmt(many.reference.idleRssMiB)} | |`,
    `| live JS heap per idle document incl. its ${sizes.clientsPerDocument} connections (KiB) | ${fmt(many.ours.heapPerDocumentKiB)} | ${fmt(many.reference.heapPerDocumentKiB)} | ${ratio(many.ours.heapPerDocumentKiB, many.reference.heapPerDocumentKiB)} |`,
    `| live JS heap: of which compiled code, grown during the measured burst (KiB) | ${fmt(many.ours.codePerDocumentKiB, 2)} | ${fmt(many.reference.codePerDocumentKiB, 2)} | |`,
    `| RSS per idle document incl. its connections (KiB) | ${fmt(many.ours.perDocumentKiB)} | ${fmt(many.reference.perDocumentKiB)} | ${rssMeasured ? ratio(many.ours.perDocumentKiB, many.reference.perDocumentKiB) : "–"} |`,
    `| RSS per idle document, each round (KiB) | ${roundsOf(many.ours, (x) => x.perDocumentKiB)} | ${roundsOf(many.reference, (x) => x.perDocumentKiB)} | |`,
    `| live JS heap per idle document, each round (KiB) | ${roundsOf(many.ours, (x) => x.heapPerDocumentKiB)} | ${roundsOf(many.reference, (x) => x.heapPerDocumentKiB)} | |`,
    "",
    `Memory per idle document is the marginal cost: ${sizes.warmupDocuments} other documents are opened first (with`,
    `their clients) and stay open for the baseline and the final reading, so what is paid once`,
    "(code compiled and optimised on first use, caches, pools) is paid before the baseline and",
    `the growth is divided by the ${sizes.documents} measured documents. Each reading is taken at rest, as`,
    "V8's memory reducer leaves an idle process: the process is left alone until the young",
    "generation has shrunk back to its initial size (V8 does so after some quiet seconds), then",
    "three full garbage collections run a second apart (`--expose-gc`, triggered by SIGUSR2;",
    "bench/gc-on-signal.mjs) and `process.memoryUsage()` is read; the longest wait in this run",
    `was ${fmt(Math.max(many.ours.restWaitMs, many.reference.restWaitMs) / 1000)} s. Without the rest, RSS mostly measures how far a burst of WebSocket`,
    "upgrades grew the young generation (up to 2 × 16 MiB); with a single collection, how many",
    "old-space pages left sparse by the burst it happened to compact. Both are GC timing, not",
    "memory a document keeps, and moved one server's figure by ±15 KiB between runs. Both",
    "servers run with bytecode flushing off (`--no-flush-bytecode`): V8 drops the bytecode of",
    "functions not run for a few major collections, so how many collections happened between",
    "the two readings moved the heap per document by ±0.5 KiB between rounds. The code row shows",
    "what was still being compiled during the measured burst despite the warm-up documents.",
    "",
    `Target: memory per idle document no worse than the reference — live heap ${verdict(many.ours.heapPerDocumentKiB <= many.reference.heapPerDocumentKiB)}, RSS ${rssMeasured ? verdict(many.ours.perDocumentKiB <= many.reference.perDocumentKiB) : "not measured"}${fellRounds > 0 ? ` (in ${fellRounds} of ${many.ours.rounds.length + many.reference.rounds.length} rounds RSS fell between the baseline and the final reading: the process gave back memory it held at the baseline, which says nothing of what a document keeps${rssMeasured ? "; the median is over all rounds" : ""})` : ""}.`,
    ...(loadAverage === null
      ? []
      : [
          "",
          `Measured ${new Date().toISOString().slice(0, 10)} on its own (\`BENCH_ONLY=many-documents npm run bench\`). Other work shared`,
          `these cores: the load average (1 min) was ${fmt(loadAverage.start)} when the run began and ${fmt(loadAverage.end)} when it ended.`,
          "Latency and CPU move with the load, and so can RSS at rest (how much a burst of upgrades",
          "queued behind a busy machine left the process holding); the live heap is the steadier figure.",
          "Compare the columns of one run, not runs.",
        ]),
    "",
  ];
}

/** Replaces scenario 2's section of docs/performance.md (BENCH_ONLY=many-documents). */
export function replaceManyDocumentsSection(
  many: Results["many"],
  sizes: Sizes,
  loadAverage: { start: number; end: number },
): string {
  return replaceReportSection("## 2. ", renderManyDocuments(many, sizes, loadAverage));
}

export function writeReport(r: Results): string {
  const path = join(repoRoot, "docs/performance.md");
  writeFileSync(path, renderReport(r));
  return path;
}

/**
 * Replaces the first-load section of docs/performance.md (or appends it), leaving the other
 * sections' figures as they were measured (BENCH_ONLY=first-load).
 */
export function replaceSection(firstLoad: FirstLoadFigures): string {
  return replaceReportSection(FIRST_LOAD_HEADING, renderFirstLoad(firstLoad));
}

/**
 * Replaces the section of docs/performance.md that starts with `heading` by `lines` (or
 * appends them), leaving the other sections' figures as they were measured.
 */
export function replaceReportSection(heading: string, lines: readonly string[]): string {
  const path = join(repoRoot, "docs/performance.md");
  const text = readFileSync(path, "utf8");
  const section = lines.join("\n");
  const start = text.indexOf(heading);
  let next = start < 0 ? -1 : text.indexOf("\n## ", start + heading.length);
  if (next >= 0) next += 1;
  const updated =
    start < 0
      ? `${text.trimEnd()}\n\n${section}`
      : `${text.slice(0, start)}${section}${next >= 0 ? `\n${text.slice(next)}` : ""}`;
  writeFileSync(path, updated);
  return path;
}

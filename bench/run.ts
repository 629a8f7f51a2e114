/**
 * `npm run bench`: our collab server against the reference y-websocket server, same load,
 * same run, and the web app's first-load bytes; results in docs/performance.md.
 * BENCH_QUICK=1 runs reduced sizes. BENCH_ONLY=first-load measures the first load alone and
 * replaces only its section of docs/performance.md; BENCH_ONLY=plan-typing likewise for typing
 * in a plan of 300 rows in the browser, BENCH_ONLY=indicator-import for writing an indicator
 * import of 5,000 values (SQLite and a private PostgreSQL), BENCH_ONLY=multi-node for one node
 * against three on PostgreSQL + Redis (also written to bench/multi-node.md), BENCH_ONLY=many-documents
 * for scenario 2 (memory per idle document) alone; BENCH_MEMORY_ROUNDS=n sets its rounds per server.
 * BENCH_ONLY=busy-document runs scenario 1 (key-to-screen latency of 50 typists on one document)
 * alone and prints its figures without writing docs/performance.md; BENCH_ONLY=append-cost measures
 * the CPU time of an append to the document update log (its own section).
 */
import { loadavg } from "node:os";
import { APPEND_COST_HEADING, appendCostFigures, renderAppendCost } from "./append-cost.js";
import { firstLoadFigures } from "./first-load.js";
import {
  INDICATOR_IMPORT_HEADING,
  indicatorImportFigures,
  renderIndicatorImport,
} from "./indicator-import.js";
import { multiNodeFigures, writeMultiNode } from "./multi-node.js";
import { planTypingFigures, replacePlanTypingSection } from "./plan-typing.js";
import {
  type Results,
  replaceManyDocumentsSection,
  replaceReportSection,
  replaceSection,
  writeReport,
} from "./report.js";
import {
  FULL,
  feedHistory,
  type LoadResult,
  type ManyDocumentsResult,
  manyDocuments,
  medianOfLoadRounds,
  medianOfManyRounds,
  oneBusyDocument,
  openLargeHistory,
  QUICK,
  typedUpdates,
} from "./scenarios.js";
import { type BenchServer, startOurs, startReference } from "./servers.js";

const quick = process.env.BENCH_QUICK === "1";
const memoryRounds = Number(process.env.BENCH_MEMORY_ROUNDS) || 0;
const sizes = { ...(quick ? QUICK : FULL), ...(memoryRounds > 0 ? { memoryRounds } : {}) };

async function withServer<T>(
  start: () => Promise<BenchServer>,
  run: (s: BenchServer) => Promise<T>,
): Promise<T> {
  const server = await start();
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

/** Scenario 2, rounds alternating between the servers; the median of each. */
async function manyDocumentsRounds(log: (msg: string) => void): Promise<Results["many"]> {
  const manyRefRounds: ManyDocumentsResult[] = [];
  const manyOursRounds: ManyDocumentsResult[] = [];
  for (let round = 1; round <= sizes.memoryRounds; round++) {
    log(`2. many documents, round ${round}/${sizes.memoryRounds}: reference`);
    manyRefRounds.push(
      await withServer(
        () => startReference({ documents: sizes.warmupDocuments + sizes.documents }),
        (s) => manyDocuments(s, sizes),
      ),
    );
    log(`2. many documents, round ${round}/${sizes.memoryRounds}: ours`);
    manyOursRounds.push(
      await withServer(
        () => startOurs({ documents: sizes.warmupDocuments + sizes.documents }),
        (s) => manyDocuments(s, sizes),
      ),
    );
  }
  return { ours: medianOfManyRounds(manyOursRounds), reference: medianOfManyRounds(manyRefRounds) };
}

/** Scenario 1, rounds alternating between the servers so that drift of the machine touches both alike. */
async function busyDocumentRounds(log: (msg: string) => void): Promise<Results["busy"]> {
  const busyRefRounds: LoadResult[] = [];
  const busyOursRounds: LoadResult[] = [];
  for (let round = 1; round <= sizes.rounds; round++) {
    log(`1. one busy document, round ${round}/${sizes.rounds}: reference`);
    busyRefRounds.push(
      await withServer(
        () => startReference({ documents: 1 }),
        (s) => oneBusyDocument(s, sizes),
      ),
    );
    log(`1. one busy document, round ${round}/${sizes.rounds}: ours`);
    busyOursRounds.push(
      await withServer(
        () => startOurs({ documents: 1 }),
        (s) => oneBusyDocument(s, sizes),
      ),
    );
  }
  return { ours: medianOfLoadRounds(busyOursRounds), reference: medianOfLoadRounds(busyRefRounds) };
}

async function main(): Promise<void> {
  const log = (msg: string) => console.log(`[bench] ${msg}`);
  // First, while no server of the other scenarios runs: sizes, not timings, but the browser
  // is best kept away from their load.
  if (process.env.BENCH_ONLY === "plan-typing") {
    const typing = await planTypingFigures(log, Number(process.env.BENCH_TYPING_KEYS) || (quick ? 10 : 40));
    log(`written ${replacePlanTypingSection(typing)}`);
    console.log(JSON.stringify(typing, null, 1));
    process.exit(0);
  }
  if (process.env.BENCH_ONLY === "multi-node") {
    const figures = await multiNodeFigures(log, quick);
    log(`written ${writeMultiNode(figures, quick)}`);
    console.log(JSON.stringify(figures, null, 1));
    process.exit(0);
  }
  if (process.env.BENCH_ONLY === "indicator-import") {
    const figures = await indicatorImportFigures(log);
    log(`written ${replaceReportSection(INDICATOR_IMPORT_HEADING, renderIndicatorImport(figures))}`);
    console.log(JSON.stringify(figures, null, 1));
    process.exit(0);
  }
  if (process.env.BENCH_ONLY === "append-cost") {
    const start = loadavg()[0];
    const figures = await appendCostFigures(log, quick);
    const lines = renderAppendCost(figures, { start, end: loadavg()[0] });
    log(`written ${replaceReportSection(APPEND_COST_HEADING, lines)}`);
    console.log(JSON.stringify(figures, null, 1));
    process.exit(0);
  }
  if (process.env.BENCH_ONLY === "busy-document") {
    // Figures only (JSON), docs/performance.md untouched: for comparing two builds of ours,
    // each as a ratio against the reference measured in the same run.
    const start = loadavg()[0];
    const busy = await busyDocumentRounds(log);
    console.log(JSON.stringify({ sizes, loadAverage: { start, end: loadavg()[0] }, busy }, null, 1));
    process.exit(0);
  }
  if (process.env.BENCH_ONLY === "many-documents") {
    const start = loadavg()[0];
    const many = await manyDocumentsRounds(log);
    const path = replaceManyDocumentsSection(many, sizes, { start, end: loadavg()[0] });
    log(`written ${path}`);
    console.log(JSON.stringify(many, null, 1));
    process.exit(0);
  }
  const firstLoad = await firstLoadFigures(log);
  if (process.env.BENCH_ONLY === "first-load") {
    log(`written ${replaceSection(firstLoad)}`);
    console.log(JSON.stringify(firstLoad, null, 1));
    process.exit(0);
  }
  log(`sizes: ${JSON.stringify(sizes)}`);

  const { ours: busyOurs, reference: busyRef } = await busyDocumentRounds(log);

  const many = await manyDocumentsRounds(log);

  const history = typedUpdates(sizes.storedUpdates);
  log("3. large history: reference (fed through a client, served from memory)");
  const openRef = await withServer(
    () => startReference({ documents: 2 }),
    async (s) => {
      await feedHistory(s, history);
      return openLargeHistory(s, sizes);
    },
  );
  log("3. large history: ours (fed through a client, stored and compacted, then a restart)");
  let fed = await startOurs({ documents: 2 });
  await feedHistory(fed, history);
  fed = await (fed.restart as () => Promise<BenchServer>)();
  const openOurs = await withServer(
    async () => fed,
    (s) => openLargeHistory(s, sizes),
  );
  log("3. large history: ours, worst case (the same updates as raw, never compacted log rows)");
  const openOursRaw = await withServer(
    () => startOurs({ documents: 2, prefill: history }),
    (s) => openLargeHistory(s, sizes),
  );

  log("typing in a plan of 300 rows (browser)");
  const typing = await planTypingFigures(log, quick ? 10 : 40);
  const path = writeReport({
    sizes,
    quick,
    busy: { ours: busyOurs, reference: busyRef },
    many,
    open: { ours: openOurs, oursRaw: openOursRaw, reference: openRef },
    firstLoad,
  });
  replacePlanTypingSection(typing);
  writeMultiNode(await multiNodeFigures(log, quick), quick);
  log(`written ${path}`);
  console.log(
    JSON.stringify(
      {
        busy: { ours: busyOurs, reference: busyRef },
        many,
        open: { ours: openOurs, reference: openRef },
      },
      null,
      1,
    ),
  );
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

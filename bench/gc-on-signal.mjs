// Preloaded into both servers (node --expose-gc --import). On SIGUSR2 it brings the process
// to rest and writes process.memoryUsage() (and the bytes used per heap space) to BENCH_MEM_FILE.
// At rest means what V8's memory reducer does to an idle process: the young generation
// shrunk back to its initial size (V8 does so after some quiet seconds) and several full
// garbage collections a little apart, so old-space pages left sparse by a burst of
// short-lived objects are compacted. One forced collection right after a burst compacts only
// some of them, and memory then measures GC timing (which varied by ±15 KiB per document
// between runs) rather than what a document keeps.
import { writeFileSync } from "node:fs";
import v8 from "node:v8";

const INITIAL_YOUNG_GENERATION = 1024 * 1024;
const FULL_COLLECTIONS = 3;
const PAUSE_BETWEEN_COLLECTIONS_MS = 1_000;
const MAX_WAIT_MS = 90_000;

const youngGeneration = () =>
  v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;

process.on("SIGUSR2", () => {
  const start = Date.now();
  let collections = 0;
  const step = () => {
    if (youngGeneration() > INITIAL_YOUNG_GENERATION && Date.now() - start < MAX_WAIT_MS) {
      setTimeout(step, 250);
      return;
    }
    globalThis.gc?.();
    if (++collections < FULL_COLLECTIONS) {
      setTimeout(step, PAUSE_BETWEEN_COLLECTIONS_MS);
      return;
    }
    if (process.env.BENCH_MEM_FILE)
      writeFileSync(
        process.env.BENCH_MEM_FILE,
        JSON.stringify({
          ...process.memoryUsage(),
          waitedMs: Date.now() - start,
          spaces: Object.fromEntries(
            v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]),
          ),
        }),
      );
  };
  step();
});

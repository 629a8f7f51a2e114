// Preloaded into both servers (node --expose-gc --import). On SIGUSR2 it waits until the
// process is idle — V8's memory reducer has shrunk the young generation back to its
// initial size, which it does after some quiet seconds; at most 60 s — then runs a full
// garbage collection and writes process.memoryUsage() to BENCH_MEM_FILE. So memory is
// compared at rest, not by chance of GC timing or of how far a burst of allocations grew
// the young generation.
import { writeFileSync } from "node:fs";
import v8 from "node:v8";

const INITIAL_YOUNG_GENERATION = 1024 * 1024;
const MAX_WAIT_MS = 60_000;

const youngGeneration = () =>
  v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;

process.on("SIGUSR2", () => {
  const start = Date.now();
  const poll = () => {
    if (youngGeneration() > INITIAL_YOUNG_GENERATION && Date.now() - start < MAX_WAIT_MS) {
      setTimeout(poll, 250);
      return;
    }
    globalThis.gc?.();
    if (process.env.BENCH_MEM_FILE)
      writeFileSync(
        process.env.BENCH_MEM_FILE,
        JSON.stringify({ ...process.memoryUsage(), waitedMs: Date.now() - start }),
      );
  };
  poll();
});

// Preloaded into both servers (node --expose-gc --import): SIGUSR2 runs a full garbage
// collection and writes process.memoryUsage() to BENCH_MEM_FILE, so memory is compared
// after collection, not by chance of GC timing.
import { writeFileSync } from "node:fs";

process.on("SIGUSR2", () => {
  globalThis.gc?.();
  if (process.env.BENCH_MEM_FILE)
    writeFileSync(process.env.BENCH_MEM_FILE, JSON.stringify(process.memoryUsage()));
});

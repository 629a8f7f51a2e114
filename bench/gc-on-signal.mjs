// Preloaded into both servers (node --expose-gc --import): SIGUSR2 runs a full garbage
// collection, so memory is compared after collection, not by chance of GC timing.
process.on("SIGUSR2", () => globalThis.gc?.());

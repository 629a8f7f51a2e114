/**
 * CPU time of one append to the document update log on SQLite (BENCH_ONLY=append-cost): the
 * statement every typed character of scenario 1 goes through before it is broadcast. Three
 * ways of writing the same multi-row INSERT, alternating in one process on one database file:
 * the reference, the SQL string written by hand and run through the Database wrapper (as the
 * store did before it moved to the query builder); Kysely building and compiling the query for
 * every batch; and the store itself (collab/update-store.ts), whose INSERT Kysely compiles once
 * per row count. Process CPU (user + system, SQLite's threads included) per append, median of
 * the rounds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PendingWrite, UpdateStore } from "../apps/server/src/collab/update-store.js";
import { Database } from "../apps/server/src/storage/database.js";
import { migrate } from "../apps/server/src/storage/migrations.js";
import { createQueryBuilder } from "../apps/server/src/storage/query-builder.js";
import { fmt, percentile, ratio } from "./stats.js";

export const APPEND_COST_HEADING = "## Appending to the document update log (SQLite)";

export interface AppendCostFigures {
  appendsPerRound: number;
  rounds: number;
  /** Median CPU µs per append, by rows per append. */
  batches: { rows: number; handWritten: number; kyselyEachTime: number; store: number }[];
}

type Append = (writes: readonly PendingWrite[]) => Promise<unknown>;

const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const median = (samples: number[]) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );

export async function appendCostFigures(
  log: (msg: string) => void,
  quick: boolean,
): Promise<AppendCostFigures> {
  const dir = mkdtempSync(join(tmpdir(), "tsumugi-bench-append-"));
  const db = await Database.open(join(dir, "append.sqlite"));
  try {
    await migrate(db);
    const kysely = createQueryBuilder(db);
    const store = new UpdateStore(db);
    const ways: Record<"handWritten" | "kyselyEachTime" | "store", Append> = {
      handWritten: async (writes) => {
        const params = writes.flatMap((w) => [w.docName, bytes(w.update), Date.now()]);
        const r = await db.run(
          `INSERT INTO doc_updates (doc_name, data, created_at) VALUES ${writes.map(() => "(?, ?, ?)").join(", ")}`,
          params,
        );
        return writes.map((_, i) => r.lastID - writes.length + 1 + i);
      },
      kyselyEachTime: async (writes) => {
        const now = Date.now();
        const r = await kysely
          .insertInto("doc_updates")
          .values(writes.map((w) => ({ doc_name: w.docName, data: bytes(w.update), created_at: now })))
          .executeTakeFirstOrThrow();
        return writes.map((_, i) => Number(r.insertId) - writes.length + 1 + i);
      },
      store: (writes) => store.append(writes),
    };
    const appendsPerRound = quick ? 200 : 1000;
    const rounds = quick ? 5 : 30;
    const update = new Uint8Array(40).fill(7);
    const batches: AppendCostFigures["batches"] = [];
    for (const rows of [1, 5]) {
      log(`append cost: ${rows} row(s) per append, ${rounds} rounds`);
      const writes = Array.from({ length: rows }, (_, i) => ({ docName: `bench.doc${i % 3}`, update }));
      const samples: Record<keyof typeof ways, number[]> = { handWritten: [], kyselyEachTime: [], store: [] };
      // A warm-up round first: statements prepared, code optimised.
      for (let round = 0; round <= rounds; round++) {
        for (const [name, append] of Object.entries(ways) as [keyof typeof ways, Append][]) {
          const start = process.cpuUsage();
          for (let i = 0; i < appendsPerRound; i++) await append(writes);
          const used = process.cpuUsage(start);
          if (round > 0) samples[name].push((used.user + used.system) / appendsPerRound);
        }
      }
      batches.push({
        rows,
        handWritten: median(samples.handWritten),
        kyselyEachTime: median(samples.kyselyEachTime),
        store: median(samples.store),
      });
    }
    return { appendsPerRound, rounds, batches };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The added CPU per append against the reference, over the batch sizes measured. */
function extra(f: AppendCostFigures, way: "kyselyEachTime" | "store"): string {
  return f.batches
    .map((b) => `${fmt(b[way] - b.handWritten)} µs (${b.rows} row${b.rows > 1 ? "s" : ""})`)
    .join(" and ");
}

export function renderAppendCost(
  f: AppendCostFigures,
  loadAverage: { start: number; end: number },
): string[] {
  return [
    APPEND_COST_HEADING,
    "",
    "Every typed character is appended to the log before it is broadcast (scenario 1 appends a",
    "few hundred batches a second). Process CPU time (user + system, SQLite's threads included)",
    "per append of 40-byte updates to one database file, the three ways alternating in one process;",
    `median of ${f.rounds} rounds of ${f.appendsPerRound} appends each. The reference is the SQL string written`,
    "by hand, as the store ran it before it moved to the query builder.",
    "",
    "| rows per append | SQL string (reference, µs) | Kysely, built each time (µs) | ratio | the store: Kysely compiled once (µs) | ratio |",
    "|---|---|---|---|---|---|",
    ...f.batches.map(
      (b) =>
        `| ${b.rows} | ${fmt(b.handWritten)} | ${fmt(b.kyselyEachTime)} | ${ratio(b.kyselyEachTime, b.handWritten)} | ${fmt(b.store)} | ${ratio(b.store, b.handWritten)} |`,
    ),
    "",
    `Building and compiling the query for every batch added ${extra(f, "kyselyEachTime")}`,
    "to the append in this run. The store compiles its INSERT once per row count",
    "(`CompiledQueryCache`, storage/query-builder.ts) and binds each batch's values to it,",
    `which leaves ${extra(f, "store")}.`,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} on its own (\`BENCH_ONLY=append-cost npm run bench\`); the load average`,
    `(1 min) was ${fmt(loadAverage.start)} when the run began and ${fmt(loadAverage.end)} when it ended. Compare the columns of one run.`,
    "",
  ];
}

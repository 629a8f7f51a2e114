/**
 * Writing an indicator import of 5,000 values (BENCH_ONLY=indicator-import): the import's
 * batched writes (`writeValues` in indicators/value-repository.ts: the current rows read
 * once, then clears, upserts and history rows a few hundred to a statement) against the
 * reference, the same values written one by one as the import did before (read the row,
 * upsert it, append its history: three statements a value), in one transaction each, in the
 * same run, on SQLite and on a private PostgreSQL.
 */
import { STARTER_CATALOGUE } from "@tsumugi/domain";
import { insertIndicator } from "../apps/server/src/indicators/indicator-repository.js";
import { type ValueWrite, writeValues } from "../apps/server/src/indicators/value-repository.js";
import type { Queryable } from "../apps/server/src/storage/database.js";
import { startPostgres } from "../apps/server/src/testing/engines.js";
import { createWorkspace, startTestServer, type TestServer } from "../apps/server/src/testing/fixtures.js";
import { percentile } from "./stats.js";

const median = (samples: number[]) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );

export interface ImportFigures {
  rows: number;
  rounds: number;
  engines: { engine: string; referenceMs: number; oursMs: number }[];
}

const YEARS = 25;

/** `rows` values of distinct indicators and years, as an import of a municipality's history. */
async function prepare(server: TestServer, rows: number): Promise<ValueWrite[]> {
  const workspaceId = await createWorkspace(server.ctx.kysely);
  const base = STARTER_CATALOGUE.find((d) => d.code === "S01");
  if (!base) throw new Error("S01 missing from the catalogue");
  const ids: string[] = [];
  for (let i = 1; i <= Math.ceil(rows / YEARS); i++) {
    const created = await insertIndicator(server.ctx.kysely, workspaceId, {
      ...base,
      code: `B${i}`,
      name: `指標${i}`,
    });
    if (created) ids.push(created.id);
  }
  return Array.from({ length: rows }, (_, i) => ({
    indicatorId: ids[Math.floor(i / YEARS)],
    fiscalYear: 2000 + (i % YEARS),
    month: 0,
    value: i % 97,
    numerator: null,
    denominator: null,
    target: null,
    source: "自治体調査",
    note: "",
  }));
}

/** The writes as the import made them before: three statements a value. */
async function oneByOne(tx: Queryable, writes: readonly ValueWrite[], userId: string | null, round: number) {
  const now = Date.now();
  for (const v of writes) {
    const before = await tx.get<Record<string, unknown>>(
      "SELECT * FROM indicator_values WHERE indicator_id = ? AND fiscal_year = ? AND month = ?",
      [v.indicatorId, v.fiscalYear, v.month],
    );
    await tx.run(
      `INSERT INTO indicator_values (indicator_id, fiscal_year, month, value, numerator, denominator, target, source, note, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (indicator_id, fiscal_year, month) DO UPDATE SET value = excluded.value, numerator = excluded.numerator,
         denominator = excluded.denominator, target = excluded.target, source = excluded.source, note = excluded.note,
         entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
      [
        v.indicatorId,
        v.fiscalYear,
        v.month,
        (v.value ?? 0) + round,
        null,
        null,
        null,
        v.source,
        v.note,
        userId,
        now,
      ],
    );
    await tx.run(
      "INSERT INTO indicator_value_history (indicator_id, fiscal_year, month, before, after, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      [v.indicatorId, v.fiscalYear, v.month, before ? JSON.stringify(before) : null, "{}", userId, now],
    );
  }
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Rounds alternate between the two ways on one server; every round rewrites every value. */
async function measure(server: TestServer, rows: number, rounds: number) {
  const writes = await prepare(server, rows);
  const reference: number[] = [];
  const ours: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    reference.push(await timed(() => server.ctx.db.transaction((tx) => oneByOne(tx, writes, null, round))));
    const changed = writes.map((w) => ({ ...w, value: (w.value ?? 0) + round + 0.5 }));
    ours.push(
      await timed(() => server.ctx.kysely.transaction().execute((trx) => writeValues(trx, changed, null))),
    );
  }
  return { referenceMs: median(reference), oursMs: median(ours) };
}

export async function indicatorImportFigures(
  log: (msg: string) => void,
  rows = 5000,
  rounds = 3,
): Promise<ImportFigures> {
  const engines: ImportFigures["engines"] = [];
  log(`indicator import of ${rows} values: SQLite`);
  const sqlite = await startTestServer();
  try {
    engines.push({ engine: "SQLite", ...(await measure(sqlite, rows, rounds)) });
  } finally {
    await sqlite.destroy();
  }
  log(`indicator import of ${rows} values: PostgreSQL`);
  const pg = await startPostgres();
  try {
    const server = await startTestServer({ env: { DATABASE_URL: pg.url } });
    try {
      engines.push({ engine: "PostgreSQL", ...(await measure(server, rows, rounds)) });
    } finally {
      await server.destroy();
    }
  } finally {
    await pg.stop();
  }
  return { rows, rounds, engines };
}

export const INDICATOR_IMPORT_HEADING = "## Writing an indicator import of 5,000 values";

export function renderIndicatorImport(f: ImportFigures): string[] {
  return [
    INDICATOR_IMPORT_HEADING,
    "",
    `Measured with \`BENCH_ONLY=indicator-import npm run bench\` (bench/indicator-import.ts): ${f.rows}`,
    `values of an import written in one transaction, median of ${f.rounds} rounds. The reference is`,
    "the same values written one by one as the import did before (read the row, upsert it,",
    "append its history: three statements a value); ours is `writeValues`, which reads the",
    "current rows once and writes the rest a few hundred values to a statement. Both on the same",
    "server in the same run; PostgreSQL is a private local instance (each statement a round trip).",
    "",
    "| store | one by one (reference) | batched (ours) | reference ÷ ours |",
    "|---|---:|---:|---:|",
    ...f.engines.map(
      (e) =>
        `| ${e.engine} | ${Math.round(e.referenceMs)} ms | ${Math.round(e.oursMs)} ms | ${(e.referenceMs / e.oursMs).toFixed(1)}× |`,
    ),
    "",
  ];
}

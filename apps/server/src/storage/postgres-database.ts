/**
 * The Database interface over PostgreSQL (`pg` pool), for `DATABASE_URL=postgres://…`.
 *
 * - SQL written for the wrapper uses `?` placeholders; they are numbered `$1, $2, …` here
 *   (outside quoted strings, identifiers and comments). Repositories use Kysely, which
 *   compiles for PostgreSQL itself (storage/query-builder.ts).
 * - `int8` (BIGINT: times in milliseconds, counts) and `numeric` (sums) are read as numbers,
 *   as SQLite answers them; `bytea` as Buffer.
 * - `transaction` is READ COMMITTED and first takes one transaction-scoped advisory lock,
 *   so read-write transactions run one at a time across every node, as on SQLite (a check
 *   made in a transaction still holds at its commit). The document update log does not take
 *   it (collab/update-store.ts orders its writes per document with a row lock).
 * - `read` is a READ ONLY REPEATABLE READ transaction: every statement sees the same snapshot.
 */
import pg from "pg";
import type { Database, Params, Queryable, RunResult, SqlValue } from "./database.js";

/** The advisory lock every read-write transaction of the wrapper and of Kysely holds. */
export const WRITE_LOCK_KEY = 0x7473_6d67; // "tsmg"

const INT8_OID = 20;
const NUMERIC_OID = 1700;

function parseNumber(value: string): number {
  return Number(value);
}

const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID || oid === NUMERIC_OID) return parseNumber;
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads are per format.
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

/** Pools made here: each answers BIGINT as number. */
export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: typeParsers as pg.CustomTypesConfig,
    // A node that loses PostgreSQL finds out within this time instead of hanging.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: "tsumugi",
  });
  // An idle client's connection dropped (a PostgreSQL restart): the pool replaces it.
  pool.on("error", () => {});
  return pool;
}

/**
 * `?` → `$n`, skipping '…' strings, "…" identifiers, -- and /* comments, and `??`-free.
 * Throws when `?` count and parameters disagree.
 */
export function numberPlaceholders(sql: string): string {
  let out = "";
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
      // A doubled quote inside a string is one quote: the loop sees it as a new string.
      continue;
    }
    if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "?") {
      n++;
      out += `$${n}`;
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

const converted = new Map<string, string>();
function toPostgres(sql: string): string {
  let text = converted.get(sql);
  if (text === undefined) {
    text = numberPlaceholders(sql);
    if (converted.size > 2_000) converted.clear();
    converted.set(sql, text);
  }
  return text;
}

function values(params: Params | undefined): unknown[] {
  if (!params) return [];
  if (!Array.isArray(params)) throw new Error("PostgreSQL: named parameters are not supported, use ?");
  return (params as readonly SqlValue[]).map((v) =>
    v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v,
  );
}

type Client = Pick<pg.PoolClient, "query">;

/** The wrapper's calls on one client (inside a transaction begun by `withClient`). */
export function queryable(client: Client, readOnly = false): Queryable {
  const refuse = () => Promise.reject(new Error("a read transaction cannot write"));
  return {
    run: readOnly
      ? refuse
      : async (sql, params) => {
          const r = await client.query(toPostgres(sql), values(params));
          return { lastID: 0, changes: r.rowCount ?? 0 } satisfies RunResult;
        },
    get: async <T>(sql: string, params?: Params) => {
      const r = await client.query(toPostgres(sql), values(params));
      return r.rows[0] as T | undefined;
    },
    all: async <T>(sql: string, params?: Params) => {
      const r = await client.query(toPostgres(sql), values(params));
      return r.rows as T[];
    },
    exec: readOnly
      ? refuse
      : async (sql) => {
          await client.query(sql);
        },
  };
}

export class PostgresDatabase implements Database {
  readonly dialect = "postgres" as const;
  private readonly q: Queryable;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    readonly url: string,
  ) {
    this.q = queryable(pool);
  }

  static async open(url: string, options: { poolSize?: number } = {}): Promise<PostgresDatabase> {
    const pool = createPool(url, options.poolSize ?? 10);
    try {
      await pool.query("SELECT 1");
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return new PostgresDatabase(pool, url);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  run(sql: string, params?: Params): Promise<RunResult> {
    return this.q.run(sql, params);
  }

  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return this.q.get<T>(sql, params);
  }

  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    return this.q.all<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.q.exec(sql);
  }

  /** Runs `fn` on one connection between BEGIN and COMMIT (ROLLBACK when it throws). */
  async withClient<T>(begin: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query(begin);
      try {
        const result = await fn(client);
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw err;
      }
    } finally {
      client.release(broken);
    }
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.withClient("BEGIN", async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
      return fn(queryable(client));
    });
  }

  read<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.withClient("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", (client) =>
      fn(queryable(client, true)),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

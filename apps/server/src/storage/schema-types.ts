/**
 * Writes storage/schema.ts, the Kysely table types, from the schema the migrations build:
 *   npm run db:types -w @tsumugi/server
 * storage/migrations.int.test.ts fails when the committed file differs from what this makes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Database } from "./database.js";
import { migrate } from "./migrations.js";

const TS_TYPES: Record<string, string> = {
  INTEGER: "number",
  REAL: "number",
  TEXT: "string",
  BLOB: "Uint8Array",
};

function pascal(name: string): string {
  return name.replace(/(^|_)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());
}

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

async function tableInterface(db: Database, table: string): Promise<string> {
  const columns = await db.all<Column>("SELECT * FROM pragma_table_info(?) ORDER BY cid", [table]);
  // A single INTEGER PRIMARY KEY is the rowid, filled in when left out.
  const keys = columns.filter((c) => c.pk > 0);
  const rowid = keys.length === 1 && keys[0].type.toUpperCase() === "INTEGER" ? keys[0].name : null;
  const lines = columns.map((col) => {
    const base = TS_TYPES[col.type.toUpperCase()];
    if (!base) throw new Error(`${table}.${col.name}: no TypeScript type for ${col.type}`);
    // A primary key is never null here (SQLite would allow it in a non-INTEGER key).
    let type = col.notnull || col.pk ? base : `${base} | null`;
    if (col.dflt_value !== null || col.name === rowid) type = `Generated<${type}>`;
    return `  ${col.name}: ${type};`;
  });
  return `export interface ${pascal(table)}Table {\n${lines.join("\n")}\n}\n`;
}

/** The TypeScript source of storage/schema.ts for the schema of `db`. */
export async function schemaTypesSource(db: Database): Promise<string> {
  const tables = (
    await db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
  ).map((t) => t.name);
  const interfaces = await Promise.all(tables.map((t) => tableInterface(db, t)));
  return [
    "/**",
    " * The database's tables as Kysely sees them. Generated from the migrations by",
    " * storage/schema-types.ts (npm run db:types -w @tsumugi/server); do not edit.",
    " * Times are epoch milliseconds; booleans are stored as 0/1; JSON is stored as text.",
    " */",
    'import type { Generated } from "kysely";',
    "",
    ...interfaces,
    "export interface DB {",
    ...tables.map((t) => `  ${t}: ${pascal(t)}Table;`),
    "}",
    "",
  ].join("\n");
}

/** Migrates an empty database in a temporary directory and describes it. */
export async function freshSchemaTypesSource(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "tsumugi-schema-"));
  const db = await Database.open(join(dir, "schema.sqlite"));
  try {
    await migrate(db);
    return await schemaTypesSource(db);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const SCHEMA_FILE = fileURLToPath(new URL("./schema.ts", import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, await freshSchemaTypesSource());
  console.log(`wrote ${SCHEMA_FILE}`);
}

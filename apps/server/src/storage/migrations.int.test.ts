import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Database } from "./database.js";
import { MIGRATIONS, migrate } from "./migrations.js";
import { freshSchemaTypesSource, SCHEMA_FILE } from "./schema-types.js";

/**
 * The SQL of every shipped migration, as released: databases in use have run exactly this.
 * A migration is never edited; a change of schema is a new file. Add a migration's hash here
 * when it lands on main.
 */
const SHIPPED: Record<number, string> = {
  1: "c00f367d06b0b8dad169bbfef276bc0542e8f9528212ee3876494507af46592f",
  2: "491d13becdd54776949f33241400565af52059a3b2d17aaa6c6f6f048200d310",
  3: "84283864cd58ef095731d8480ba0960a524ed2829ab51cf855fb95978085a648",
  4: "1f02b0ce86a5a7330987ab33e96caf6d13f2211faa0b8961a0004edefbe8907d",
  5: "1cc2fdfd2a122cb8cce1391f9597ab0d4441d0cc1c4cfa0769dcb222c9b197b3",
  6: "0633065830ba941e6aab7e6881d1162ffa2b9084690820549f37caaa50231ba4",
  7: "678107f216b5f72fd0c33f22392d60a71cf490ab2963503c6647346c0629b222",
  8: "6b3b73c091a82507abf660acb41cdbcaa27d6f97a099179aa6563c51b106e5e8",
  9: "c435bb91090a9514e4c12b7b0b6d98b1477c82b6f112a04964026764ceb42d7b",
  10: "6aec60bdb3d61b384f483328375c4e314a4e20e858ec95be8a9570a51a044e47",
  11: "02c77d82e67e2e599c17b4d17518fc8d11641be4abada3a15682519104802aaf",
  12: "e52b6235bbe311c288a1390a11f94c3d7bfe5e1687d62f555ad6dac0661fa11d",
  13: "fa66d8735fa0d584fa59ebc1c3048f71306b774c6275952a9c49b2172e00e386",
  14: "461f9ee76ddbfd7ba1497fbc130bb06db93f53ed2d129734306316fcc3b2ec4c",
  15: "7f9979f77869584d62fba3fa649ccc36606ef2e1fae6ade500a79cfeb3164a6a",
  16: "05dc366605ff78a9dd707c21dc888beb5ded21d36a911096eeae9364558104f9",
  17: "12b97ec705bef69768a5b7dce878fa10c4f315cea7ed02550a48edb62052f16c",
  18: "dc6d9ed3e8211d2ded810b10657899a487442cc099c2975bcc1f883ec79678b7",
  19: "f26746d235bec1ac1145cc9b32dc90d109c69a3133ffed2d3c2831da43cfd0f4",
  20: "fed75505ba3cf5a38f678720f5bca862a22d77ea7854ac66f8573f40c451b059",
  21: "35da810f56efda6551296d2c7790fb4899dc864d0d9640a4c50e540a14b38c50",
  22: "36afe1e91fb3895d23cbc72382315b7321043d844ba9300d206fb76f5331c040",
  23: "bbab500f77dcebe69d1505f7f51035e58f12bd44134acee91bba6cf28345775d",
  24: "328dee2382c6152bde063d0d3efc8c679410c4a623f2f1ef5e40a2c29f2358ac",
  25: "e7e93e6f4a1e363f278fecfa883a74da5aa23f568f3d85aea999ebfec41ee03f",
  26: "512a4309e8fc42ac98fa7ce1c4b09bb939d11cddb8863bbc42f77043f3e83720",
  27: "ca81a5e13b6476c1fd9b979b75a89174d777597939a5d0a260cc3c286c4725e9",
};

let dir: string;
const open: Database[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tsumugi-migrations-"));
});
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openDb(name: string): Promise<Database> {
  const db = await Database.open(join(dir, name));
  open.push(db);
  return db;
}

/** The schema as SQLite keeps it: every table, index and trigger with its SQL. */
async function schemaOf(db: Database): Promise<{ type: string; name: string; sql: string | null }[]> {
  return db.all(
    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
  );
}

describe("migrations", () => {
  it("keep the SQL of every shipped version unchanged", () => {
    for (const m of MIGRATIONS) {
      const shipped = SHIPPED[m.version];
      if (!shipped) continue;
      expect(createHash("sha256").update(m.sql).digest("hex"), `migration ${m.version}`).toBe(shipped);
    }
    expect(
      Object.keys(SHIPPED)
        .map(Number)
        .every((v) => MIGRATIONS.some((m) => m.version === v)),
    ).toBe(true);
  });

  it("are numbered 1, 2, 3 … with one file a version, each listed once", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const files = readdirSync(new URL("./migrations/", import.meta.url)).filter((f) => f.endsWith(".ts"));
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("bring a database made at an older version up to date, keeping its rows", async () => {
    // A database as an earlier release left it: version 2, with a workspace and a member.
    const old = await openDb("old.sqlite");
    expect(await migrate(old, { upTo: 2 })).toBe(2);
    await old.run(
      "INSERT INTO workspaces (id, name, prefecture, lg_code, created_at) VALUES (?, ?, ?, ?, ?)",
      ["w1", "流山市", "千葉県", "122203", 1],
    );
    await old.run(
      "INSERT INTO users (id, email, name, password_hash, created_at, password_changed_at) VALUES ('u1', 'a@example.jp', '甲', 'h', 1, 1)",
    );
    await old.run(
      "INSERT INTO memberships (workspace_id, user_id, role, created_at, disabled_at) VALUES ('w1', 'u1', 'member', 1, 5)",
    );

    const latest = MIGRATIONS.at(-1)?.version;
    expect(await migrate(old)).toBe(latest);
    expect(await migrate(old)).toBe(latest);
    const fresh = await openDb("fresh.sqlite");
    await migrate(fresh);
    expect(await schemaOf(old)).toEqual(await schemaOf(fresh));
    expect(await old.all("SELECT version FROM schema_migrations ORDER BY version")).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    );
    expect(await old.get("SELECT role, disabled_at FROM memberships WHERE user_id = 'u1'")).toEqual({
      role: "member",
      disabled_at: 5,
    });
  });

  it("match the committed table types (npm run db:types -w @tsumugi/server)", async () => {
    expect(await freshSchemaTypesSource()).toBe(readFileSync(SCHEMA_FILE, "utf8"));
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Database } from "./database.js";
import { migrate } from "./migrations.js";
import { createQueryBuilder, isUniqueViolation, type QueryBuilder } from "./query-builder.js";

let dir: string;
let db: Database;
let q: QueryBuilder;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "tsumugi-kysely-"));
  db = await Database.open(join(dir, "test.sqlite"));
  await migrate(db);
  q = createQueryBuilder(db);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const workspace = (id: string, lgCode: string) => ({
  id,
  name: `市${id}`,
  prefecture: "千葉県",
  lg_code: lgCode,
  created_at: 1,
});

describe("Kysely over the Database wrapper", () => {
  it("inserts, selects typed rows, counts changed rows and answers RETURNING", async () => {
    const inserted = await q.insertInto("workspaces").values(workspace("w1", "122203")).executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(1n);
    const row = await q
      .selectFrom("workspaces")
      .select(["id", "lg_code"])
      .where("id", "=", "w1")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ id: "w1", lg_code: "122203" });
    const updated = await q
      .updateTable("workspaces")
      .set({ name: "流山市" })
      .where("id", "=", "w1")
      .returning(["id", "name"])
      .execute();
    expect(updated).toEqual([{ id: "w1", name: "流山市" }]);
    const ignored = await q
      .insertInto("workspaces")
      .values(workspace("w2", "122203"))
      .onConflict((oc) => oc.column("lg_code").doNothing())
      .executeTakeFirst();
    expect(ignored.numInsertedOrUpdatedRows).toBe(0n);
  });

  it("recognises a unique violation", async () => {
    await q.insertInto("workspaces").values(workspace("w1", "122203")).execute();
    const err = await q
      .insertInto("workspaces")
      .values(workspace("w2", "122203"))
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(new Error("UNIQUE constraint failed"))).toBe(false);
  });

  it("commits a transaction's writes together and rolls all of them back when it throws", async () => {
    await q.transaction().execute(async (trx) => {
      await trx.insertInto("workspaces").values(workspace("w1", "122203")).execute();
      await trx.insertInto("workspaces").values(workspace("w2", "122173")).execute();
    });
    await expect(
      q.transaction().execute(async (trx) => {
        await trx.insertInto("workspaces").values(workspace("w3", "131016")).execute();
        await trx.insertInto("workspaces").values(workspace("w4", "122203")).execute();
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    const ids = await q.selectFrom("workspaces").select("id").orderBy("id").execute();
    expect(ids.map((r) => r.id)).toEqual(["w1", "w2"]);
  });

  it("holds the write lock for the whole transaction: other writes wait for its commit", async () => {
    await q.insertInto("workspaces").values(workspace("w1", "122203")).execute();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const tx = q.transaction().execute(async (trx) => {
      await trx.updateTable("workspaces").set({ name: "途中" }).where("id", "=", "w1").execute();
      entered();
      await held;
      await trx.updateTable("workspaces").set({ name: "確定" }).where("id", "=", "w1").execute();
    });
    await inside;
    // Both wait for the lock the transaction holds, then run in order after its commit.
    const order: string[] = [];
    const raw = db
      .run("UPDATE workspaces SET name = name || '+raw' WHERE id = 'w1'")
      .then(() => order.push("raw"));
    const typed = q
      .updateTable("workspaces")
      .set((eb) => ({ name: eb("name", "||", "+typed") }))
      .where("id", "=", "w1")
      .execute()
      .then(() => order.push("typed"));
    release();
    await Promise.all([tx, raw, typed]);
    expect(order).toEqual(["raw", "typed"]);
    const row = await q.selectFrom("workspaces").select("name").where("id", "=", "w1").executeTakeFirst();
    expect(row?.name).toBe("確定+raw+typed");
  });

  it("rolls back and stays usable when COMMIT fails", async () => {
    await q.insertInto("workspaces").values(workspace("w1", "122203")).execute();
    // A deferred foreign key fails at COMMIT.
    await expect(
      q.transaction().execute(async (trx) => {
        await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
        await trx
          .insertInto("memberships")
          .values({ workspace_id: "w1", user_id: "nobody", role: "member", created_at: 1 })
          .execute();
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(await q.selectFrom("memberships").selectAll().execute()).toEqual([]);
    await q.transaction().execute(async (trx) => {
      await trx.updateTable("workspaces").set({ name: "後" }).where("id", "=", "w1").execute();
    });
    expect((await q.selectFrom("workspaces").select("name").executeTakeFirst())?.name).toBe("後");
  });

  it("reads one committed state in a read-only transaction while writes commit meanwhile", async () => {
    await q.insertInto("workspaces").values(workspace("w1", "122203")).execute();
    const count = async (r: QueryBuilder) =>
      Number(
        (
          await r
            .selectFrom("workspaces")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const seen = await q
      .transaction()
      .setAccessMode("read only")
      .execute(async (trx) => {
        const before = await count(trx);
        // Another request commits while this read transaction is open: the writer is not blocked.
        await q.insertInto("workspaces").values(workspace("w2", "122173")).execute();
        expect(await count(q)).toBe(2);
        return [before, await count(trx)];
      });
    expect(seen).toEqual([1, 1]);
    await expect(
      q
        .transaction()
        .setAccessMode("read only")
        .execute((trx) => trx.deleteFrom("workspaces").execute()),
    ).rejects.toThrow();
    expect(await count(q)).toBe(2);
  });
});

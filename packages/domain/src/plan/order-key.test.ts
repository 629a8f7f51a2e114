import { describe, expect, it } from "vitest";
import { isOrderKey, orderKeyAt, orderKeyBetween, orderKeysAfter, sortOrdered } from "./order-key.js";

describe("order keys", () => {
  it("sort between their neighbours", () => {
    const [a, b] = orderKeysAfter(null, 2);
    const mid = orderKeyBetween(a, b);
    expect(a < mid && mid < b).toBe(true);
    expect(isOrderKey(mid)).toBe(true);
    expect(isOrderKey("")).toBe(false);
  });

  it("keep both rows, in the same order everywhere, when two people insert at one spot", () => {
    const rows = [
      { id: "r1", order: "a0" },
      { id: "r2", order: "a1" },
    ];
    // Both clients pick the same key (worst case of the random choice).
    const same = orderKeyBetween("a0", "a1", () => 0);
    const merged = [...rows, { id: "zz", order: same }, { id: "bb", order: same }];
    const ids = sortOrdered(merged).map((r) => r.id);
    expect(ids).toEqual(["r1", "bb", "zz", "r2"]);
    expect(sortOrdered([...merged].reverse()).map((r) => r.id)).toEqual(ids);
    // A later insert next to the tie still gets a valid key.
    const after = orderKeyBetween(same, same);
    expect(after > same).toBe(true);
  });

  it("moves a row to an index", () => {
    const rows = orderKeysAfter(null, 3).map((order, i) => ({ id: `r${i}`, order }));
    const first = orderKeyAt(rows, 0);
    const last = orderKeyAt(rows, 3);
    expect(first < rows[0].order).toBe(true);
    expect(last > rows[2].order).toBe(true);
    const between = orderKeyAt(rows, 2);
    expect(between > rows[1].order && between < rows[2].order).toBe(true);
  });
});

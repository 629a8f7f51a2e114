import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { diffAtCaret, diffText, mapIndex, replaceText, shiftCaret } from "./text-diff";

describe("diffText", () => {
  it("finds the smallest replacement", () => {
    expect(diffText("相談窓口", "相談窓口の周知")).toEqual({ index: 4, remove: 0, insert: "の周知" });
    expect(diffText("つむぐ会の開催", "つむぐ会の企画")).toEqual({ index: 5, remove: 2, insert: "企画" });
    expect(diffText("同じ", "同じ")).toBeNull();
  });

  it("never splits a surrogate pair", () => {
    const edit = diffText("a😀b", "a😁b");
    expect(edit).toEqual({ index: 1, remove: 2, insert: "😁" });
  });
});

describe("replaceText", () => {
  it("keeps a concurrent edit elsewhere in the same text", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText("t").insert(0, "退院時の連絡");
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    replaceText(a.getText("t"), "入院・退院時の連絡");
    replaceText(b.getText("t"), "退院時の連絡が遅れる");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText("t").toString()).toBe("入院・退院時の連絡が遅れる");
    expect(b.getText("t").toString()).toBe(a.getText("t").toString());
  });
});

describe("shiftCaret", () => {
  it("moves the caret past text inserted before it, not after it", () => {
    expect(shiftCaret(3, [{ insert: "ab" }])).toBe(5);
    expect(shiftCaret(3, [{ retain: 5 }, { insert: "ab" }])).toBe(3);
    expect(shiftCaret(3, [{ retain: 1 }, { delete: 4 }])).toBe(1);
  });
});

describe("diffAtCaret", () => {
  it("places a repeated character at the caret, not at the first match", () => {
    expect(diffAtCaret("aa", "aaa", 1)).toEqual({ index: 0, remove: 0, insert: "a" });
    expect(diffAtCaret("aa", "aaa", 3)).toEqual({ index: 2, remove: 0, insert: "a" });
    expect(diffAtCaret("連連", "連", 0)).toEqual({ index: 0, remove: 1, insert: "" });
  });

  it("falls back to the smallest replacement when the caret does not explain the change", () => {
    expect(diffAtCaret("つむぐ会の開催", "つむぐ会の企画", 7)).toEqual({
      index: 5,
      remove: 2,
      insert: "企画",
    });
    expect(diffAtCaret("abc", "abXc", 0)).toEqual({ index: 2, remove: 0, insert: "X" });
  });

  it("never splits a surrogate pair", () => {
    expect(diffAtCaret("😀", "😀😀", 2)).toEqual({ index: 0, remove: 0, insert: "😀" });
    const edit = diffAtCaret("a😀b", "a😁b", 3);
    expect(edit).toEqual({ index: 1, remove: 2, insert: "😁" });
  });
});

describe("mapIndex", () => {
  it("keeps an index before text inserted exactly at it, or moves it past, as asked", () => {
    expect(mapIndex(3, [{ retain: 3 }, { insert: "ab" }], "before")).toBe(3);
    expect(mapIndex(3, [{ retain: 3 }, { insert: "ab" }], "after")).toBe(5);
    expect(mapIndex(3, [{ retain: 1 }, { insert: "ab" }], "before")).toBe(5);
  });

  it("follows deletions and several operations in one change", () => {
    expect(mapIndex(5, [{ retain: 1 }, { delete: 2 }, { retain: 1 }, { insert: "xyz" }])).toBe(6);
    expect(mapIndex(2, [{ delete: 4 }, { insert: "q" }])).toBe(0);
  });
});

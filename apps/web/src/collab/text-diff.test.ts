import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { diffText, replaceText, shiftCaret } from "./text-diff";

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
